/**
 * `llm-sizing validate FILE...` (issue 12): every problem of every catalog file, each with its file,
 * entry and field (src/catalog/validate.ts), as text or with `--json-only` as one JSON document;
 * `--fix-suggestions` adds the corrected value where the rule knows it. Exit 2 on any problem.
 * A file that cannot be read, is not JSON, nests too deep or is no catalog is bad input as everywhere:
 * one message each on stderr, exit 2, nothing on stdout.
 */
import { BUILTIN_CATALOG } from '../catalog/builtin.ts';
import { type FileReport, validateCatalogText } from '../catalog/validate.ts';
import { parseJsonFile } from '../catalog/load.ts';
import { fmt } from '../report/format.ts';
import { messagesFor } from '../report/i18n/index.ts';
import { VALIDATE_PHRASES } from '../report/i18n/validate.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import type { ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import { readTextFile } from './io.ts';
import type { Io } from './main.ts';

/** The JSON document of `validate --json-only` (docs/json-contract.md, "validate"). */
export interface ValidateDocument {
  readonly valid: boolean;
  readonly problems: number;
  readonly files: readonly {
    readonly file: string;
    readonly kind: string;
    readonly entries: number;
    readonly problems: readonly { readonly field: string; readonly value: unknown; readonly accepted: Problem['accepted']; readonly message: string; readonly fix?: { readonly field: string; readonly value: number } }[];
  }[];
}

export async function runValidate(args: ParsedArgs, io: Pick<Io, 'stdout'>): Promise<number> {
  const files = args.positionals;
  if (files.length === 0) throw new InputError([{ field: 'FILE', value: undefined, accepted: { kind: 'required' } }]);
  const refused: Problem[] = [];
  const reports: FileReport[] = [];
  const texts: { file: string; text: string }[] = [];
  for (const file of files) {
    const read = readTextFile(file, 'FILE', 'catalog');
    if (read.ok) texts.push({ file, text: read.text });
    else refused.push(read.problem);
  }
  // A prices file may price the servers of the servers files given with it, as --servers-file and --prices-file together allow.
  const servers = [...BUILTIN_CATALOG.servers.map((s) => s.name), ...texts.flatMap(({ text }) => serverNames(text))];
  for (const { file, text } of texts) {
    const report = validateCatalogText(text, file, servers);
    if (report.kind === undefined) refused.push(...report.findings.map((x) => x.problem));
    else reports.push(report);
  }
  if (refused.length > 0) throw new InputError(refused);
  const fixes = args.values['fix-suggestions'] === true;
  const m = messagesFor(args.locale);
  const f = fmt(args.locale);
  const total = reports.reduce((n, r) => n + r.findings.length, 0);
  if (args.values['json-only'] === true) {
    const doc: ValidateDocument = {
      valid: total === 0,
      problems: total,
      files: reports.map((r) => ({
        file: r.file,
        kind: r.kind!,
        entries: r.entries,
        problems: r.findings.map((x) => ({
          field: x.problem.field,
          value: x.problem.value,
          accepted: x.problem.accepted,
          message: m.problem({ ...x.problem, source: undefined }, x.problem.field, f),
          ...(fixes && x.fix ? { fix: x.fix } : {}),
        })),
      })),
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const t = VALIDATE_PHRASES[args.locale];
    const lines: string[] = [];
    for (const r of reports) {
      lines.push(t.file({ file: r.file, kind: t.kind[r.kind!], entries: r.entries, problems: r.findings.length }, f));
      for (const x of r.findings) {
        lines.push(`  ${m.problem({ ...x.problem, source: undefined }, x.problem.field, f)}`);
        if (fixes && x.fix) lines.push(`    ${t.fix({ field: x.fix.field.slice(x.fix.field.lastIndexOf('.') + 1), value: String(Number(x.fix.value.toPrecision(6))) })}`);
      }
    }
    lines.push(t.summary({ files: reports.length, problems: total }, f));
    io.stdout(`${lines.join('\n')}\n`);
  }
  return total === 0 ? EXIT.ok : EXIT.invalidInput;
}

/** The entry names of a servers file's text (nothing for any other text: it is checked on its own). */
function serverNames(text: string): string[] {
  const parsed = parseJsonFile(text, '');
  if (!parsed.ok) return [];
  const data = parsed.value;
  const list = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as { servers?: unknown }).servers : undefined;
  return Array.isArray(list) ? list.flatMap((e) => (e !== null && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string' ? [(e as { name: string }).name] : [])) : [];
}
