/**
 * argv → a command and its options, or problems. Parsed as `node:util` parseArgs would (./parse-flags.ts,
 * which does not load it); its errors are turned into the same field-level problems as every other bad input.
 */
import { LOCALES, type Locale, localeOf } from '../report/format.ts';
import { isNumberText } from '../schema/number-text.ts';
import { closest, type Problem } from '../schema/problems.ts';
import { FLAG_BY_NAME, FLAGS, type FlagSpec } from './flags.ts';
import { parseFlags } from './parse-flags.ts';

export const COMMANDS = ['size', 'batch', 'catalog', 'calibrate', 'serve', 'perf', 'compare', 'validate'] as const;
export type Command = (typeof COMMANDS)[number];

export interface ParsedArgs {
  readonly command: Command;
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly locale: Locale;
}

/**
 * A flag's text as a number when it is one a double holds; otherwise the text itself, for the validator
 * to refuse and the message to echo as typed (`1e400`, beyond a double, is refused as "1e400", not as
 * the Infinity it would read as).
 */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  // Up to 15 digits a double always holds: no pattern, no finiteness check.
  if (allDigits(trimmed) && trimmed.length < 16) return Number(trimmed);
  if (!isNumberText(trimmed)) return text;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : text;
}

/** Only ASCII digits (what most flags get): a number without running the number-text pattern, whose first runs compile it. */
function allDigits(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `-x…` but not `--…`: a word that reads as a short flag or a negative number (/^-[^-]/, without a regular expression). */
function startsWithOneDash(text: string): boolean {
  return text.length > 1 && text.charCodeAt(0) === 45 && text.charCodeAt(1) !== 45;
}

function flagsOf(command: Command): FlagSpec[] {
  return FLAGS.filter((f) => f.commands.includes(command));
}

function flagProblem(given: string, command: Command): Problem {
  const known = flagsOf(command).map((f) => `--${f.name}`);
  const other = FLAGS.find((f) => `--${f.name}` === given);
  if (other) return { field: given, value: undefined, accepted: { kind: 'flag', known, command, belongsTo: other.commands.join(' | ') } };
  return { field: given, value: undefined, accepted: { kind: 'flag', known, command, suggestion: closest(given, known) } };
}

export function parseCli(argv: readonly string[]): { ok: true; args: ParsedArgs } | { ok: false; problems: Problem[]; locale: Locale } {
  const first = argv[0];
  const command: Command = first !== undefined && (COMMANDS as readonly string[]).includes(first) ? (first as Command) : 'size';
  const args = command === first ? argv.slice(1) : argv;
  // Find --lang early so that problems are reported in the requested language (the last one, as for every flag).
  let locale: Locale = 'en';
  const langIndex = args.findLastIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const langValue = langIndex >= 0 ? (args[langIndex]!.includes('=') ? args[langIndex]!.split('=')[1] : args[langIndex + 1]) : undefined;
  locale = localeOf(langValue) ?? locale;

  // `--concurrency -5`, `--concurrency -Infinity`: after a flag that takes a value, a word starting
  // with one dash is its value (parseArgs would call it missing), unless it is a short flag (-h).
  // (Flags looked up by name in the table's map: a search of the table per word cost ~0.1 ms cold.)
  const rest = [] as string[];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    const spec = a.startsWith('--') && !a.includes('=') ? FLAG_BY_NAME.get(a.slice(2)) : undefined;
    if (spec && spec.kind !== 'boolean' && next !== undefined && startsWithOneDash(next) && !FLAGS.some((f) => f.short !== undefined && next === `-${f.short}`)) {
      rest.push(`${a}=${next}`);
      i++;
    } else rest.push(a);
  }
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const f of flagsOf(command)) {
    options[f.name] = f.short ? { type: f.kind === 'boolean' ? 'boolean' : 'string', short: f.short } : { type: f.kind === 'boolean' ? 'boolean' : 'string' };
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseFlags(rest, options);
  } catch (e) {
    const err = e as Error & { code?: string };
    // Node names the flag as '--name' or '-h, --help' (short form first): take the long name.
    const named = /'(-{1,2}[^'\s=,]+)(?:, (--[^'\s=]+))?/.exec(err.message);
    const flag = named?.[2] ?? named?.[1] ?? '(arguments)';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { ok: false, problems: [flagProblem(flag, command)], locale };
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const spec = FLAGS.find((f) => `--${f.name}` === flag || (f.short && `-${f.short}` === flag));
      const expects = spec?.kind === 'boolean' ? ({ kind: 'no_value', flag } as const) : ({ kind: 'required' } as const);
      return { ok: false, problems: [{ field: flag, value: undefined, accepted: expects }], locale };
    }
    return { ok: false, problems: [{ field: '(arguments)', value: rest.join(' '), accepted: { kind: 'flag', known: [], command } }], locale };
  }
  const problems: Problem[] = [];
  const lang = parsed.values.lang;
  if (lang !== undefined && localeOf(lang) === undefined) problems.push({ field: '--lang', value: lang, accepted: { kind: 'one_of', values: LOCALES, suggestion: closest(String(lang), LOCALES) } });
  const maxPositionals =
    command === 'validate' ? Number.POSITIVE_INFINITY : command === 'batch' || command === 'calibrate' ? 1 : command === 'catalog' ? (parsed.positionals[0] === 'import' ? 2 : 1) : 0;
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals]!;
    problems.push(
      command === 'size' && maxPositionals === 0 && (COMMANDS as readonly string[]).includes(extra) && extra !== 'size'
        ? // `llm-sizing --model m batch …`: a command after flags (the command must come first).
          { field: 'command', value: extra, accepted: { kind: 'rule', rule: 'command_first', detail: { command: extra } } }
        : command === 'size'
        ? { field: 'command', value: extra, accepted: { kind: 'command', values: [...COMMANDS], suggestion: closest(extra, COMMANDS) } }
        : { field: 'argument', value: extra, accepted: { kind: 'rule', rule: 'extra_argument', detail: { command } } },
    );
  }
  if (problems.length > 0) return { ok: false, problems, locale };
  return { ok: true, args: { command, values: parsed.values, positionals: parsed.positionals, locale } };
}

/** The request fields the `size` flags give, in snake_case, numbers converted. */
export function requestFromFlags(values: ParsedArgs['values']): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const f of FLAGS) {
    if (!f.field) continue;
    const v = values[f.name];
    if (typeof v !== 'string') continue;
    request[f.field] = f.kind === 'integer' || f.kind === 'number' ? numberOrText(v) : v;
  }
  return request;
}
