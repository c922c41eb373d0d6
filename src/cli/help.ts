/**
 * `--help`, generated from the flag table (src/cli/flags.ts) and the words of the locale files
 * (`HelpPhrases`, src/report/i18n/help-*.ts): the same text in every language, with the figures of this build.
 */
import { VERSION } from '../version.ts';
import { messagesFor } from '../report/i18n/index.ts';
import { HELP_PHRASES } from '../report/i18n/help.ts';
import type { CommandHelp, HelpFigures, HelpLimits, HelpNotes, HelpPhrases, Messages } from '../report/i18n/types.ts';
import { type Fmt, fmt, type Locale } from '../report/format.ts';
import { FILE_LIMITS, MAX_LAYERS } from '../schema/limits.ts';
import type { Command } from './args.ts';
import { REQUEST_FIELD_SPECS, REQUEST_FIELDS, type RequestField } from '../schema/request.ts';
import { fieldNames } from '../app/fields.ts';
import { FLAGS, flagDefault, flagForField, flagHelp } from './flags.ts';
import { COMPARE_FIELDS, COMPARE_LIMITS } from '../app/compare-options.ts';
import { PERF_DEFAULTS } from '../core/defaults.ts';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, SERVE_DEFAULTS, SERVE_LIMITS } from '../server/limits.ts';

/** Words joined with ", ", wrapped at `width` columns, each line indented. */
function wrapList(words: readonly string[], indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, w] of words.entries()) {
    const piece = i < words.length - 1 ? `${w}, ` : w;
    if (line !== '' && indent.length + line.length + piece.trimEnd().length > width) {
      lines.push(indent + line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** The flags of a command, one a line: name and value, then help, values and default in the locale's words. */
function flagLines(command: Command, m: HelpWords): string[] {
  const t = m.help;
  const rows = FLAGS.filter((f) => f.commands.includes(command)).map((f) => {
    const name = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.placeholder === undefined ? '' : ` ${t.placeholder[f.placeholder]}`}`;
    let help = flagHelp(f, m);
    if (f.values) help += ` (${f.values.join(' | ')})`;
    const d = flagDefault(f, m);
    if (d !== undefined) help += t.default(d);
    return [name, help] as const;
  });
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  return rows.map(([n, h]) => `  ${n.padEnd(width)}${h}`);
}

/** A locale's messages with its `--help` words. */
type HelpWords = Messages & { readonly help: HelpPhrases };

/** What each command's text says of this build: the version, the fields of a batch line, the serve limits. */
const FIGURES: { readonly [C in Command]: (m: HelpWords) => HelpFigures[C] } = {
  size: () => ({ version: VERSION }),
  batch: (m) => ({ fields: wrapList([...REQUEST_FIELDS, m.help.batchIdField], '  ') }),
  catalog: () => ({}),
  validate: () => ({}),
  calibrate: () => ({}),
  perf: () => ({ input_tokens: PERF_DEFAULTS.input_tokens, output_tokens: PERF_DEFAULTS.output_tokens }),
  compare: () => ({ flags: COMPARE_FIELDS.map((f) => flagForField(f)).join(', '), max_values: COMPARE_LIMITS.values, max_options: COMPARE_LIMITS.options }),
  serve: () => ({
    host: SERVE_DEFAULTS.host,
    port: SERVE_DEFAULTS.port,
    max_connections: SERVE_LIMITS.maxConnections,
    headers_timeout_s: SERVE_LIMITS.headersTimeoutMs / 1000,
    request_timeout_s: SERVE_LIMITS.requestTimeoutMs / 1000,
    keep_alive_timeout_s: SERVE_LIMITS.keepAliveTimeoutMs / 1000,
    idle_timeout_s: SERVE_LIMITS.idleTimeoutMs / 1000,
    max_body_mib: MAX_BODY_BYTES / 1024 / 1024,
    max_json_depth: MAX_JSON_DEPTH,
  }),
};

const mib = (bytes: number) => bytes / 1024 / 1024;
const LIMITS: HelpLimits = {
  catalog_mib: mib(FILE_LIMITS.catalog),
  batch_line_mib: mib(FILE_LIMITS.batch_line),
  log_mib: mib(FILE_LIMITS.log),
  max_json_depth: MAX_JSON_DEPTH,
  max_layers: MAX_LAYERS,
};

/** The flags that are token counts (a `tokens` request field): they also take `32k`. */
const TOKEN_FLAGS = FLAGS.filter((f) => f.field !== undefined && 'tokens' in (REQUEST_FIELD_SPECS[f.field as RequestField] ?? {}))
  .map((f) => `--${f.name}`)
  .join(', ');

/** The notes after each command's flags: values, repeated flags, catalog files, and the files it reads and writes. */
const NOTES: { readonly [C in Command]: (n: HelpNotes, p: HelpLimits, f: Fmt) => readonly string[] } = {
  size: (n, p, f) => [n.tokenCounts({ flags: TOKEN_FLAGS }), n.anyCase, n.lastFlagWins, ...n.catalogFiles, ...n.filesRead(p, f), ...n.outputFiles],
  batch: (n, p, f) => [...n.batchFields({ fields: wrapList(fieldNames(), '  ') }), '', ...n.batchValues, n.lastFlagWins, ...n.catalogFiles, ...n.batchFile(p, f), ...n.filesRead(p, f)],
  catalog: (n, p, f) => [...n.catalogFiles, n.lastFlagWins, ...n.filesRead(p, f)],
  calibrate: (n, p, f) => [n.lastFlagWins, n.logFile(p, f)],
  perf: (n, p, f) => [n.tokenCounts({ flags: '--input-tokens, --output-tokens, --max-num-batched-tokens' }), n.anyCase, n.lastFlagWins, ...n.catalogFiles, ...n.filesRead(p, f)],
  serve: (n) => [n.lastFlagWins],
  validate: (n, p, f) => [n.lastFlagWins, ...n.filesRead(p, f)],
  compare: (n, p, f) => [n.tokenCounts({ flags: TOKEN_FLAGS }), n.anyCase, n.lastFlagWins, ...n.catalogFiles, ...n.filesRead(p, f)],
};

/** A command's `--help` in the locale's words: its introduction, its flags, then examples and exit codes. */
export function helpText<C extends Command>(command: C, locale: Locale = 'en'): string {
  const m: HelpWords = { ...messagesFor(locale), help: HELP_PHRASES[locale]() };
  const h: CommandHelp<C> = m.help.command[command];
  const p = FIGURES[command](m);
  return [...h.intro(p), m.help.options, ...flagLines(command, m), '', ...NOTES[command](m.help.notes, LIMITS, fmt(locale)), '', ...h.outro(p)].join('\n');
}
