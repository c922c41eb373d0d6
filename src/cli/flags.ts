/**
 * Every flag, once: `parseArgs` options, `--help` text and the bad-input tests are all built from this
 * table, so they cannot drift apart.
 */
import { DEFAULTS, RUNTIME_FLOOR } from '../core/defaults.ts';
import { HA_MODES } from '../core/scenarios.ts';
import { ENGINE_SETTINGS, type SettingField, settingDefaultText, type SettingRow } from '../engines/settings.ts';
import { en } from '../report/i18n/en.ts';
import { KV_PRECISIONS } from '../core/units.ts';
import { WEIGHTS_PRECISIONS } from '../core/weights.ts';
import { LOCALES } from '../report/format.ts';
import { SERVE_DEFAULTS } from '../server/limits.ts';

export type FlagKind = 'string' | 'integer' | 'number' | 'enum' | 'boolean' | 'path';

export interface FlagSpec {
  readonly name: string;
  readonly kind: FlagKind;
  readonly short?: string;
  /** The sizing-request field it sets (batch/API key), when it is one. */
  readonly field?: string;
  readonly values?: readonly string[];
  readonly placeholder?: string;
  readonly help: string;
  readonly defaultText?: string;
  /** Which commands take it. */
  readonly commands: readonly ('size' | 'batch' | 'catalog' | 'calibrate' | 'serve')[];
}

const SIZE = ['size'] as const;

/** The engine settings' flags, from their table (src/engines/settings.ts): name, kind, values, help and default. */
function settingFlags(): FlagSpec[] {
  return (Object.keys(ENGINE_SETTINGS) as SettingField[]).map((field) => {
    const row: SettingRow = ENGINE_SETTINGS[field];
    return {
      name: row.flag,
      kind: row.type,
      field,
      ...(row.values ? { values: row.values } : {}),
      placeholder: row.placeholder,
      help: en.settings[field].help,
      defaultText: settingDefaultText(field, en.settingRule),
      commands: SIZE,
    };
  });
}
const CATALOG_FILES = ['size', 'batch', 'catalog'] as const;

export const FLAGS: readonly FlagSpec[] = [
  { name: 'model', kind: 'string', field: 'model', placeholder: 'NAME', help: 'model from the catalog (see: llm-sizing catalog)', commands: ['size', 'calibrate'] },
  { name: 'server', kind: 'string', field: 'server', placeholder: 'NAME', help: 'server (one node) from the catalog', commands: SIZE },
  { name: 'storage', kind: 'string', field: 'storage', placeholder: 'NAME', help: 'storage profile from the catalog (used for alerts)', commands: SIZE },
  { name: 'concurrency', kind: 'integer', field: 'concurrency', placeholder: 'N', help: 'concurrent sessions to serve', commands: SIZE },
  { name: 'effective-context', kind: 'integer', field: 'effective_context', placeholder: 'TOKENS', help: 'tokens per session (clamped to the model maximum)', commands: SIZE },
  { name: 'kv-precision', kind: 'enum', field: 'kv_precision', values: KV_PRECISIONS, placeholder: 'P', help: 'KV cache precision', defaultText: "the model's default_kv_precision", commands: SIZE },
  { name: 'kv-budget-ratio', kind: 'number', field: 'kv_budget_ratio', placeholder: 'R', help: 'fraction of (HBM − overhead) for the KV cache', defaultText: String(DEFAULTS.kv_budget_ratio), commands: SIZE },
  { name: 'runtime-overhead-gib', kind: 'number', field: 'runtime_overhead_gib', placeholder: 'GIB', help: 'GiB per node for weights, activations, buffers', defaultText: `the weights on a node + a runtime allowance, at least ${DEFAULTS.runtime_overhead_gib} (${DEFAULTS.runtime_overhead_gib / RUNTIME_FLOOR.reference_gpus} per GPU below ${RUNTIME_FLOOR.reference_gpus} GPUs)`, commands: SIZE },
  { name: 'peak-headroom-ratio', kind: 'number', field: 'peak_headroom_ratio', placeholder: 'R', help: 'peak headroom of the RECOMMENDED scenario', defaultText: String(DEFAULTS.peak_headroom_ratio), commands: SIZE },
  { name: 'ha', kind: 'enum', field: 'ha', values: HA_MODES, placeholder: 'MODE', help: 'HA of the RECOMMENDED scenario (IDEAL takes the larger of it and n+2)', defaultText: DEFAULTS.ha, commands: SIZE },
  { name: 'hf-config', kind: 'path', placeholder: 'PATH', help: "size the model a Hugging Face config.json describes (instead of --model)", commands: SIZE },
  { name: 'params-b', kind: 'number', field: 'params_b', placeholder: 'B', help: "parameters in billions, for the weights memory", defaultText: "the model's total_params_b", commands: SIZE },
  {
    name: 'weights-precision',
    kind: 'enum',
    field: 'weights_precision',
    values: WEIGHTS_PRECISIONS,
    placeholder: 'P',
    help: 'how the weights are stored, for the weights memory (any letter case; fp4 is MXFP4, 4.25 bits; int4 4.125 bits)',
    defaultText: "the model's weights_bytes_per_param, else bf16",
    commands: SIZE,
  },
  { name: 'name', kind: 'string', placeholder: 'NAME', help: 'the model name to give an imported config.json', defaultText: 'from the config or the file name', commands: ['size', 'catalog'] },
  ...settingFlags(),
  { name: 'models-file', kind: 'path', placeholder: 'FILE', help: "models catalog in the original tool's format (replaces the built-in models)", commands: [...CATALOG_FILES, 'calibrate'] },
  { name: 'servers-file', kind: 'path', placeholder: 'FILE', help: 'servers catalog (replaces the built-in servers)', commands: CATALOG_FILES },
  { name: 'storage-file', kind: 'path', placeholder: 'FILE', help: 'storage profiles catalog (replaces the built-in profiles)', commands: CATALOG_FILES },
  { name: 'output-json-file', kind: 'path', placeholder: 'FILE', help: 'also write the JSON document to FILE', commands: SIZE },
  { name: 'output-markdown-file', kind: 'path', placeholder: 'FILE', help: 'also write the Markdown report (the executive one with --executive-report) to FILE', commands: SIZE },
  { name: 'executive-report', kind: 'boolean', help: 'the one-page executive report instead of the text report', commands: SIZE },
  { name: 'json-only', kind: 'boolean', help: 'print only the JSON document', commands: ['size', 'calibrate'] },
  { name: 'markdown-only', kind: 'boolean', help: 'print only the Markdown report', commands: SIZE },
  { name: 'verbose', kind: 'boolean', help: 'text report with the whole parameter dictionary', commands: SIZE },
  { name: 'json', kind: 'boolean', help: 'catalog as JSON', commands: ['catalog'] },
  { name: 'port', kind: 'integer', placeholder: 'N', help: 'TCP port of the web app and API (0: any free port)', defaultText: String(SERVE_DEFAULTS.port), commands: ['serve'] },
  { name: 'host', kind: 'string', placeholder: 'H', help: 'address to listen on', defaultText: SERVE_DEFAULTS.host, commands: ['serve'] },
  { name: 'lang', kind: 'enum', values: LOCALES, placeholder: 'LANG', help: 'language of reports and messages', defaultText: 'en', commands: ['size', 'batch', 'catalog', 'calibrate', 'serve'] },
  { name: 'help', kind: 'boolean', short: 'h', help: 'show this help', commands: ['size', 'batch', 'catalog', 'calibrate', 'serve'] },
  { name: 'version', kind: 'boolean', short: 'V', help: 'show the version', commands: ['size'] },
];

export const FLAG_BY_NAME: ReadonlyMap<string, FlagSpec> = new Map(FLAGS.map((f) => [f.name, f]));

/** The flag that sets a request field, for messages that name the flag the user typed. */
export function flagForField(field: string): string {
  const spec = FLAGS.find((f) => f.field === field);
  return spec ? `--${spec.name}` : field;
}
