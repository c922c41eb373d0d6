/**
 * `llm-sizing compare`: the sizing flags, where the flags of COMPARE_FIELDS take comma-separated lists;
 * every combination is sized in process (src/app/compare.ts) and ranked. The text table (default),
 * `--markdown-only`, `--json-only` (the document of `POST /api/v1/compare`), or `--executive-report`
 * (the recommended option's executive report with an "options considered" page). Bad input: every
 * problem in one round, each naming its flag, exit 2, nothing on stdout.
 */
import { compareRequest } from '../app/compare.ts';
import { COMPARE_FIELDS, COMPARE_SORTS, type CompareSort } from '../app/compare-options.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { renderCompareExecutive, renderCompareJson, renderCompareMarkdown, renderCompareText } from '../report/compare.ts';
import { closest, InputError, type Problem } from '../schema/problems.ts';
import { numberOrText, type ParsedArgs, requestFromFlags } from './args.ts';
import { EXIT } from './exit.ts';
import { FLAGS, flagForField } from './flags.ts';
import type { Io } from './main.ts';
import { reportDate } from './size.ts';
import { TOP_LIMITS } from '../schema/compare-request.ts';

/** `--top`'s limits (the API's `top`). */
const TOP = TOP_LIMITS;

/** A problem of the comparison, named as the command line names it (`--server`, not `server`). */
function asFlags(p: Problem): Problem {
  const a = p.accepted;
  const accepted =
    a.kind === 'exclusive'
      ? { ...a, with: a.with.startsWith('options.') ? flagForField(a.with.slice('options.'.length)) : flagForField(a.with) }
      : a.kind === 'required_either'
        ? { ...a, other: flagForField(a.other) }
        : a.kind === 'rule' && a.rule === 'compare_options'
          ? { ...a, detail: { ...a.detail, fields: a.detail.fields.map(flagForField) } }
          : a;
  return { ...p, field: p.field === 'options' ? COMPARE_FIELDS.map(flagForField).join(', ') : flagForField(p.field), accepted };
}

export async function runCompare(args: ParsedArgs, io: Io, catalog: CatalogIndex): Promise<number> {
  const v = args.values;
  const problems: Problem[] = [];
  const output = (['json-only', 'markdown-only', 'executive-report'] as const).filter((f) => v[f] === true);
  if (output.length > 1) problems.push({ field: `--${output[0]}`, value: true, accepted: { kind: 'exclusive', with: `--${output[1]}` } });
  let sort: CompareSort = 'cost';
  if (typeof v.sort === 'string') {
    const given = v.sort.trim().toLowerCase();
    if ((COMPARE_SORTS as readonly string[]).includes(given)) sort = given as CompareSort;
    else problems.push({ field: '--sort', value: v.sort, accepted: { kind: 'one_of', values: COMPARE_SORTS, suggestion: closest(given, COMPARE_SORTS) } });
  }
  let top: number | undefined;
  if (typeof v.top === 'string') {
    const n = numberOrText(v.top);
    if (typeof n === 'number' && Number.isInteger(n) && n >= TOP.min && n <= TOP.max) top = n;
    else problems.push({ field: '--top', value: n, accepted: { kind: 'integer', ...TOP } });
  }
  // The list flags given several comma-separated values become the lists; one value stays in the request.
  const request = requestFromFlags(v);
  const lists: Record<string, (string | number)[]> = {};
  for (const field of COMPARE_FIELDS) {
    const spec = FLAGS.find((f) => f.field === field)!;
    const text = v[spec.name];
    if (typeof text !== 'string' || !text.includes(',')) continue;
    delete request[field];
    const numeric = spec.kind === 'integer' || spec.kind === 'number';
    lists[field] = text.split(',').map((x) => (numeric ? numberOrText(x) : x.trim()));
  }
  const compared = compareRequest(request, lists, catalog, { sort });
  if (!compared.ok) problems.unshift(...compared.problems.map(asFlags));
  if (problems.length > 0 || !compared.ok) throw new InputError(problems);

  const c = compared.value;
  const options = { locale: args.locale, top, fieldName: flagForField, recommend: v.recommend === true };
  if (v['json-only'] === true) io.stdout(renderCompareJson(c, options));
  else if (v['markdown-only'] === true) io.stdout(renderCompareMarkdown(c, options));
  else if (v['executive-report'] === true) io.stdout(renderCompareExecutive(c, { ...options, generatedAt: reportDate(io) }));
  else io.stdout(renderCompareText(c, options));
  return c.recommendation === null ? EXIT.infeasible : EXIT.ok;
}
