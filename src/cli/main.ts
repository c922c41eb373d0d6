/**
 * The `llm-sizing` command. The only module that touches argv, stdout/stderr and the exit code.
 */
import { BUILTIN_CATALOG } from '../catalog/builtin.ts';
import { withEntries } from '../catalog/extend.ts';
import { CatalogIndex } from '../catalog/lookup.ts';
import type { Catalog, CatalogKind } from '../schema/catalog.ts';
import { fmt, type Locale } from '../report/format.ts';
import { messagesFor } from '../report/i18n/index.ts';
import { InputError, isInputError, type Problem } from '../schema/problems.ts';
import { VERSION } from '../version.ts';
import { type ParsedArgs, parseCli } from './args.ts';
import { EXIT } from './exit.ts';
import { readTextFile } from './io.ts';

/** Render problems, one sentence each, in the user's language. */
export function renderProblems(problems: readonly Problem[], locale: Locale, fieldName: (p: Problem) => string = (p) => p.field): string {
  const m = messagesFor(locale);
  const f = fmt(locale);
  const lines = problems.map((p) => `llm-sizing: ${m.problem(p, fieldName(p), f)}`);
  lines.push(m.cli.runHelp);
  return `${lines.join('\n')}\n`;
}

const FILE_FLAGS: Readonly<Record<CatalogKind, string>> = { models: 'models-file', servers: 'servers-file', storage: 'storage-file' };

/**
 * The built-in catalog with the user's files: each file's entries are added, replacing built-in
 * entries of the same name; with --replace-catalog a file replaces its whole kind (src/catalog/extend.ts).
 */
export async function loadCatalog(values: ParsedArgs['values']): Promise<Catalog> {
  const problems: Problem[] = [];
  const pricesPath = values['prices-file'];
  const anyFile = (['models', 'servers', 'storage'] as const).some((k) => typeof values[FILE_FLAGS[k]] === 'string') || typeof pricesPath === 'string';
  if (!anyFile) return BUILTIN_CATALOG;
  // Only user catalog files need the schema validator: keep it off the default start-up path.
  const { parseCatalogFile } = await import('../catalog/load.ts');
  const catalog: { -readonly [K in keyof Catalog]: Catalog[K] } = { ...BUILTIN_CATALOG };
  for (const kind of ['models', 'servers', 'storage'] as const) {
    const path = values[FILE_FLAGS[kind]];
    if (typeof path !== 'string') continue;
    const read = readTextFile(path, `--${FILE_FLAGS[kind]}`, 'catalog');
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parseCatalogFile(kind, read.text, path);
    if (parsed.ok) (catalog as Record<CatalogKind, unknown>)[kind] = withEntries<{ name: string }>(BUILTIN_CATALOG[kind], parsed.value, values['replace-catalog'] === true);
    else problems.push(...parsed.problems);
  }
  // Issue 11: prices, merged the same way; their servers are checked against the servers catalog just built.
  if (typeof pricesPath === 'string') {
    const read = readTextFile(pricesPath, '--prices-file', 'catalog');
    if (!read.ok) problems.push(read.problem);
    else {
      const { parsePricesFile, withPrices } = await import('../catalog/prices.ts');
      const parsed = parsePricesFile(read.text, pricesPath, catalog.servers);
      if (parsed.ok) catalog.prices = withPrices(BUILTIN_CATALOG.prices!, parsed.value, values['replace-catalog'] === true);
      else problems.push(...parsed.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return catalog;
}

/**
 * `--help` asked with `--lang` as its only fault (`--help --lang xx`, `--help --lang`): the English
 * help, as if `--lang` had not been given; undefined otherwise (the problems stand).
 */
async function helpDespiteLang(argv: readonly string[], problems: readonly Problem[]): Promise<string | undefined> {
  if (!problems.every((p) => p.field === '--lang')) return undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--lang=')) continue;
    if (a === '--lang') {
      if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) i++;
      continue;
    }
    rest.push(a);
  }
  const again = parseCli(rest);
  return again.ok && again.args.values.help ? await helpText(again.args.command, 'en') : undefined;
}

/**
 * `--help`'s text, its module loaded on first use: it and the field list it shows (src/app/fields.ts)
 * are then neither set up nor compiled when the CLI sizes.
 */
async function helpText(command: ParsedArgs['command'], locale?: Locale): Promise<string> {
  return (await import('./help.ts')).helpText(command, locale);
}

export interface Io {
  readonly stdout: (text: string) => void;
  /** Bytes to standard output, written before it returns (batch output); without it, `stdout` gets them as text. */
  readonly stdoutBytes?: (bytes: Uint8Array) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: NodeJS.ReadableStream;
  readonly now: () => Date;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The process is the command's own (the launcher's `run`), so that settings that hold for the whole
   * process may be changed (batch's young-generation cap: src/cli/young-generation.ts). Left out when
   * the command runs inside another program (the tests, a host calling `runCommand`).
   */
  readonly ownsProcess?: boolean;
  /**
   * Aborting it stops a running `serve` as SIGINT and SIGTERM do (it then returns exit code 0): for a
   * program that runs the command in process and cannot signal itself (the tests, a host calling
   * `runCommand`). The other commands end by themselves and ignore it.
   */
  readonly stop?: AbortSignal;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  // No arguments at all: what the tool does and how to call it, not a list of missing flags.
  if (argv.length === 0) {
    io.stdout(await helpText('size'));
    return EXIT.ok;
  }
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    const help = await helpDespiteLang(argv, parsed.problems);
    if (help !== undefined) {
      io.stdout(help);
      return EXIT.ok;
    }
    io.stderr(renderProblems(parsed.problems, parsed.locale));
    return EXIT.invalidInput;
  }
  const args = parsed.args;
  if (args.values.help) {
    io.stdout(await helpText(args.command, args.locale));
    return EXIT.ok;
  }
  if (args.values.version) {
    io.stdout(`llm-sizing ${VERSION}\n`);
    return EXIT.ok;
  }
  try {
    switch (args.command) {
      case 'size': {
        const { runSize } = await import('./size.ts');
        // A bad catalog file is reported with the request's own problems (one round), not before them.
        let catalog: CatalogIndex | { readonly problems: readonly Problem[] };
        try {
          catalog = new CatalogIndex(await loadCatalog(args.values));
        } catch (e) {
          if (!isInputError(e)) throw e;
          catalog = { problems: e.problems };
        }
        return await runSize(args, io, catalog);
      }
      case 'catalog': {
        const { runCatalog } = await import('./catalog-command.ts');
        // catalog import writes to --models-file: it must not be read as a catalog to list.
        return await runCatalog(args, io, args.positionals[0] === 'import' ? BUILTIN_CATALOG : await loadCatalog(args.values));
      }
      case 'calibrate': {
        const { runCalibrate } = await import('./calibrate-command.ts');
        return await runCalibrate(args, io, await loadCatalog(args.values));
      }
      case 'serve': {
        const { runServe } = await import('./serve-command.ts');
        return await runServe(args, io);
      }
      case 'perf': {
        const { runPerf } = await import('./perf-command.ts');
        return await runPerf(args, io, new CatalogIndex(await loadCatalog(args.values)));
      }
      case 'validate': {
        const { runValidate } = await import('./validate-command.ts');
        return await runValidate(args, io);
      }
      case 'compare': {
        const { runCompare } = await import('./compare-command.ts');
        return await runCompare(args, io, new CatalogIndex(await loadCatalog(args.values)));
      }
      case 'batch': {
        const { runBatch } = await import('./batch.ts');
        return await runBatch(args, io, new CatalogIndex(await loadCatalog(args.values)));
      }
    }
  } catch (e) {
    if (isInputError(e)) {
      io.stderr(renderProblems(e.problems, args.locale));
      return EXIT.invalidInput;
    }
    throw e;
  }
}
