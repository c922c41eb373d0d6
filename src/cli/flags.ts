/**
 * Every flag, once: `parseArgs` options, `--help` text and the bad-input tests are all built from this
 * table, so they cannot drift apart. The words (each flag's help, a default said in words, the names
 * of values) are in the locale files, keyed by flag name: a flag without its words in some locale
 * fails `tsc`.
 */
import { DEFAULTS } from '../core/defaults.ts';
import { HA_MODES } from '../core/scenarios.ts';
import { OFFLOAD_DEFAULTS, OFFLOAD_TIERS } from '../core/offload.ts';
import { ENGINE_SETTINGS, type SettingField, settingDefaultText, type SettingRow } from '../engines/settings.ts';
import type { HelpPhrases, Phrases } from '../report/i18n/types.ts';
import { KV_PRECISIONS } from '../core/units.ts';
import { PRICING_MODES } from '../core/pricing-modes.ts';
import { WEIGHTS_PRECISIONS } from '../core/weights.ts';
import { LOCALES } from '../report/format.ts';
import { SERVE_DEFAULTS } from '../server/limits.ts';
import { COMPARE_SORTS } from '../app/compare-options.ts';
import { STORAGE_DEFAULTS, STORAGE_PLACEMENTS } from '../core/storage.ts';

export type FlagKind = 'string' | 'integer' | 'number' | 'enum' | 'boolean' | 'path';

/** The commands (the same as `Command` of args.ts, which src/cli/help.ts checks). */
export type FlagCommand = 'size' | 'batch' | 'catalog' | 'calibrate' | 'serve' | 'perf' | 'compare' | 'validate';

/** A flag of this table's own (not an engine setting's): its help is `HelpPhrases.flag[name]` in every locale. */
interface OwnFlagRow {
  readonly name: string;
  readonly kind: FlagKind;
  readonly short?: string;
  /** The sizing-request field it sets (batch/API key), when it is one. */
  readonly field?: string;
  readonly values?: readonly string[];
  /** The value's name in the usage (`--model NAME`): a key of `HelpPhrases.placeholder`. */
  readonly placeholder?: string;
  /** The default as typed on the command line (a value, the same in every locale). */
  readonly defaultText?: string;
  /** The default is said in words: `HelpPhrases.flagDefault[name]` in every locale. */
  readonly defaultInWords?: true;
  /** Which commands take it. */
  readonly commands: readonly FlagCommand[];
}

const SIZE = ['size'] as const;
/** The sizing request's own flags: `size`, and `compare` (one request crossed with lists of options). */
const REQUEST = ['size', 'compare'] as const;
/** The load and the workload: `size`, `perf` and `compare`. */
const LOAD = ['size', 'perf', 'compare'] as const;
const CATALOG_FILES = ['size', 'batch', 'catalog', 'compare'] as const;
const ALL_COMMANDS = ['size', 'batch', 'catalog', 'calibrate', 'serve', 'perf', 'compare', 'validate'] as const;
/** The deployment's flags: `size`, `perf` (one deployment at a load), `calibrate` (the deployment a benchmark measured) and `compare`. */
const DEPLOYMENT = ['size', 'perf', 'calibrate', 'compare'] as const;

/** The flags before the engine settings in `--help`. */
const SIZING_FLAGS = [
  { name: 'model', kind: 'string', field: 'model', placeholder: 'NAME', commands: DEPLOYMENT },
  { name: 'server', kind: 'string', field: 'server', placeholder: 'NAME', commands: DEPLOYMENT },
  { name: 'storage', kind: 'string', field: 'storage', placeholder: 'NAME', defaultText: DEFAULTS.storage, commands: REQUEST },
  { name: 'concurrency', kind: 'integer', field: 'concurrency', placeholder: 'N', commands: LOAD },
  { name: 'request-rate', kind: 'number', field: 'request_rate', placeholder: 'RPS', commands: LOAD },
  { name: 'gpus-used', kind: 'integer', field: 'gpus_used', placeholder: 'N', defaultInWords: true, commands: ['perf', 'calibrate'] },
  { name: 'effective-context', kind: 'integer', field: 'effective_context', placeholder: 'TOKENS', commands: REQUEST },
  { name: 'kv-precision', kind: 'enum', field: 'kv_precision', values: KV_PRECISIONS, placeholder: 'P', defaultInWords: true, commands: DEPLOYMENT },
  { name: 'kv-budget-ratio', kind: 'number', field: 'kv_budget_ratio', placeholder: 'R', defaultText: String(DEFAULTS.kv_budget_ratio), commands: REQUEST },
  { name: 'runtime-overhead-gib', kind: 'number', field: 'runtime_overhead_gib', placeholder: 'GIB', defaultInWords: true, commands: REQUEST },
  { name: 'peak-headroom-ratio', kind: 'number', field: 'peak_headroom_ratio', placeholder: 'R', defaultText: String(DEFAULTS.peak_headroom_ratio), commands: REQUEST },
  { name: 'ha', kind: 'enum', field: 'ha', values: HA_MODES, placeholder: 'MODE', defaultText: DEFAULTS.ha, commands: REQUEST },
  { name: 'hf-config', kind: 'path', placeholder: 'PATH', commands: ['size', 'perf'] },
  { name: 'params-b', kind: 'number', field: 'params_b', placeholder: 'B', defaultInWords: true, commands: DEPLOYMENT },
  { name: 'weights-precision', kind: 'enum', field: 'weights_precision', values: WEIGHTS_PRECISIONS, placeholder: 'P', defaultInWords: true, commands: DEPLOYMENT },
  { name: 'input-tokens', kind: 'integer', field: 'input_tokens', placeholder: 'TOKENS', defaultInWords: true, commands: LOAD },
  { name: 'output-tokens', kind: 'integer', field: 'output_tokens', placeholder: 'TOKENS', defaultInWords: true, commands: LOAD },
  { name: 'ttft-p99-ms', kind: 'number', field: 'ttft_p99_ms', placeholder: 'MS', defaultInWords: true, commands: REQUEST },
  { name: 'tpot-p99-ms', kind: 'number', field: 'tpot_p99_ms', placeholder: 'MS', defaultInWords: true, commands: REQUEST },
  { name: 'pricing', kind: 'enum', field: 'pricing', values: PRICING_MODES, placeholder: 'MODE', defaultInWords: true, commands: REQUEST },
  { name: 'usd-per-kwh', kind: 'number', field: 'usd_per_kwh', placeholder: 'USD', defaultInWords: true, commands: REQUEST },
  { name: 'pue', kind: 'number', field: 'pue', placeholder: 'R', defaultInWords: true, commands: REQUEST },
  { name: 'amortisation-years', kind: 'number', field: 'amortisation_years', placeholder: 'YEARS', defaultInWords: true, commands: REQUEST },
  // Storage, cold start and failures (issue 12, src/core/storage.ts): any of them adds the section.
  { name: 'artifact-gib', kind: 'number', field: 'artifact_gib', placeholder: 'GIB', defaultInWords: true, commands: SIZE },
  { name: 'artifact-copies', kind: 'integer', field: 'artifact_copies', placeholder: 'N', defaultText: String(STORAGE_DEFAULTS.artifact_copies), commands: SIZE },
  { name: 'storage-placement', kind: 'enum', field: 'storage_placement', values: STORAGE_PLACEMENTS, placeholder: 'MODE', defaultInWords: true, commands: SIZE },
  { name: 'capacity-margin', kind: 'number', field: 'capacity_margin', placeholder: 'R', defaultText: String(STORAGE_DEFAULTS.capacity_margin), commands: SIZE },
  { name: 'cache-gib-per-node', kind: 'number', field: 'cache_gib_per_node', placeholder: 'GIB', defaultText: String(STORAGE_DEFAULTS.cache_gib_per_node), commands: SIZE },
  { name: 'log-gib-per-node', kind: 'number', field: 'log_gib_per_node', placeholder: 'GIB', defaultText: String(STORAGE_DEFAULTS.log_gib_per_node), commands: SIZE },
  { name: 'target-load-time-s', kind: 'number', field: 'target_load_time_s', placeholder: 'S', defaultText: String(STORAGE_DEFAULTS.target_load_time_s), commands: SIZE },
  { name: 'warmup-concurrency', kind: 'integer', field: 'warmup_concurrency', placeholder: 'N', defaultText: String(STORAGE_DEFAULTS.warmup_concurrency), commands: SIZE },
  { name: 'read-block-kib', kind: 'integer', field: 'read_block_kib', placeholder: 'N', defaultText: String(STORAGE_DEFAULTS.read_block_kib), commands: SIZE },
  { name: 'engine-startup-s', kind: 'number', field: 'engine_startup_s', placeholder: 'S', defaultText: String(STORAGE_DEFAULTS.engine_startup_s), commands: SIZE },
  { name: 'nodes-per-domain', kind: 'integer', field: 'nodes_per_domain', placeholder: 'N', defaultInWords: true, commands: SIZE },
  // The KV offload tier (issue 12, src/core/offload.ts).
  { name: 'offload-tier', kind: 'enum', field: 'offload_tier', values: OFFLOAD_TIERS, placeholder: 'TIER', defaultInWords: true, commands: SIZE },
  { name: 'offload-gib-per-node', kind: 'number', field: 'offload_gib_per_node', placeholder: 'GIB', defaultInWords: true, commands: SIZE },
  { name: 'idle-session-fraction', kind: 'number', field: 'idle_session_fraction', placeholder: 'R', defaultText: String(OFFLOAD_DEFAULTS.idle_session_fraction), commands: SIZE },
  { name: 'host-link-gbps-per-gpu', kind: 'number', field: 'host_link_gbps_per_gpu', placeholder: 'GBPS', defaultText: String(OFFLOAD_DEFAULTS.host_link_gbps_per_gpu), commands: SIZE },
  { name: 'name', kind: 'string', placeholder: 'NAME', defaultInWords: true, commands: ['size', 'catalog', 'perf'] },
] as const satisfies readonly OwnFlagRow[];

/** The flags after the engine settings in `--help`. */
const OTHER_FLAGS = [
  { name: 'fields', kind: 'string', placeholder: 'LIST', defaultInWords: true, commands: ['batch'] },
  { name: 'models-file', kind: 'path', placeholder: 'FILE', commands: [...CATALOG_FILES, 'calibrate', 'perf'] },
  { name: 'servers-file', kind: 'path', placeholder: 'FILE', commands: [...CATALOG_FILES, 'calibrate', 'perf'] },
  { name: 'storage-file', kind: 'path', placeholder: 'FILE', commands: CATALOG_FILES },
  { name: 'prices-file', kind: 'path', placeholder: 'FILE', commands: CATALOG_FILES },
  { name: 'replace-catalog', kind: 'boolean', commands: [...CATALOG_FILES, 'calibrate', 'perf'] },
  { name: 'output-json-file', kind: 'path', placeholder: 'FILE', commands: SIZE },
  { name: 'output-markdown-file', kind: 'path', placeholder: 'FILE', commands: SIZE },
  { name: 'executive-report', kind: 'boolean', commands: REQUEST },
  { name: 'json-only', kind: 'boolean', commands: ['size', 'calibrate', 'perf', 'compare', 'validate'] },
  { name: 'markdown-only', kind: 'boolean', commands: REQUEST },
  { name: 'sort', kind: 'enum', values: COMPARE_SORTS, placeholder: 'KEY', defaultText: 'cost', commands: ['compare'] },
  { name: 'top', kind: 'integer', placeholder: 'N', defaultInWords: true, commands: ['compare'] },
  { name: 'recommend', kind: 'boolean', commands: ['compare'] },
  { name: 'verbose', kind: 'boolean', commands: SIZE },
  { name: 'json', kind: 'boolean', commands: ['catalog'] },
  { name: 'fix-suggestions', kind: 'boolean', commands: ['validate'] },
  { name: 'port', kind: 'integer', placeholder: 'N', defaultText: String(SERVE_DEFAULTS.port), commands: ['serve'] },
  { name: 'host', kind: 'string', placeholder: 'H', defaultText: SERVE_DEFAULTS.host, commands: ['serve'] },
  { name: 'lang', kind: 'enum', values: LOCALES, placeholder: 'LANG', defaultText: 'en', commands: ALL_COMMANDS },
  { name: 'help', kind: 'boolean', short: 'h', commands: ALL_COMMANDS },
  { name: 'version', kind: 'boolean', short: 'V', commands: SIZE },
] as const satisfies readonly OwnFlagRow[];

type OwnRow = (typeof SIZING_FLAGS)[number] | (typeof OTHER_FLAGS)[number];
/** The flags whose help the locale files hold (`HelpPhrases.flag`); the engine settings' is `Phrases.settings[field].help`. */
export type OwnFlag = OwnRow['name'];
/** The flags whose default is said in words (`HelpPhrases.flagDefault`). */
export type WordDefaultFlag = Extract<OwnRow, { readonly defaultInWords: true }>['name'];
/** The names of values in the usage (`--model NAME`), translated by `HelpPhrases.placeholder`. */
export type Placeholder = Extract<OwnRow, { readonly placeholder: string }>['placeholder'] | (typeof ENGINE_SETTINGS)[SettingField]['placeholder'];

interface FlagBase {
  readonly kind: FlagKind;
  readonly short?: string;
  /** The sizing-request field it sets (batch/API key), when it is one. */
  readonly field?: string;
  readonly values?: readonly string[];
  readonly placeholder?: Placeholder;
  /** The default as typed on the command line, when it is a value (the same in every locale). */
  readonly defaultText?: string;
  /** Which commands take it. */
  readonly commands: readonly FlagCommand[];
}
/** One flag: its help and a default in words are the locale's (see `flagHelp` and `flagDefault`). */
export type FlagSpec =
  | (FlagBase & { readonly name: OwnFlag; readonly setting?: undefined; readonly defaultInWords?: true })
  | (FlagBase & { readonly name: string; readonly setting: SettingField; readonly defaultInWords?: undefined });

/** The engine settings' flags, from their table (src/engines/settings.ts): name, kind, values and placeholder. */
function settingFlags(): FlagSpec[] {
  return (Object.keys(ENGINE_SETTINGS) as SettingField[]).map((field) => {
    const row: SettingRow = ENGINE_SETTINGS[field];
    return {
      name: row.flag,
      kind: row.type,
      field,
      setting: field,
      ...(row.values ? { values: row.values } : {}),
      placeholder: ENGINE_SETTINGS[field].placeholder,
      commands: DEPLOYMENT,
    };
  });
}

export const FLAGS: readonly FlagSpec[] = [...SIZING_FLAGS, ...settingFlags(), ...OTHER_FLAGS];

/** The words a flag's help needs from one locale: its `--help` words (src/report/i18n/help.ts) and its engine settings'. */
export type FlagPhrases = Pick<Phrases, 'settings' | 'settingRule'> & { readonly help: HelpPhrases };

/** A flag's help in one locale. */
export function flagHelp(f: FlagSpec, t: FlagPhrases): string {
  return f.setting === undefined ? t.help.flag[f.name] : t.settings[f.setting].help;
}

/** A flag's default in one locale: a value as typed, its words, or its engine setting's rule; undefined when it has none. */
export function flagDefault(f: FlagSpec, t: FlagPhrases): string | undefined {
  if (f.setting !== undefined) return settingDefaultText(f.setting, t.settingRule);
  if (f.defaultInWords) return t.help.flagDefault[f.name as WordDefaultFlag];
  return f.defaultText;
}

export const FLAG_BY_NAME: ReadonlyMap<string, FlagSpec> = new Map(FLAGS.map((f) => [f.name, f]));

/** The flag that sets a request field, for messages that name the flag the user typed. */
export function flagForField(field: string): string {
  const spec = FLAGS.find((f) => f.field === field);
  return spec ? `--${spec.name}` : field;
}
