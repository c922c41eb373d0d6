/**
 * Parse and check catalog files (text in, entries or problems out; reading the file is the caller's
 * I/O). Accepts the original tool's files as they are: `{ "models": [...] }`, `{ "servers": [...] }`,
 * `{ "profiles": [...] }`; a bare array of entries is accepted too.
 */
import * as z from 'zod/mini';
import {
  type Catalog,
  type CatalogKind,
  ModelEntrySchema,
  ServerEntrySchema,
  StorageEntrySchema,
  type ModelEntry,
  type ServerEntry,
  type StorageEntry,
} from '../schema/catalog.ts';
import { jsonDepth, MAX_JSON_DEPTH, stripBom, tooDeep } from '../schema/json-depth.ts';
import { withNumberLiterals } from '../schema/number-text.ts';
import { GEOMETRY_LIMITS as G, SERVER_LIMITS as S, STORAGE_LIMITS as P } from '../schema/limits.ts';
import { type Accepted, problemsFromIssues, type Problem, type Result } from '../schema/problems.ts';
import { FILE_KEYS } from './files.ts';
import { duplicateNames, MODEL_RULES, SERVER_RULES } from './rules.ts';

/** Entry fields that hold whole numbers, for messages ("a whole number of at least 1"). */
const INTEGER_FIELDS: ReadonlySet<string> = new Set([
  'num_layers',
  'num_key_value_heads',
  'head_dim',
  'max_position_embeddings',
  'hybrid_full_layers',
  'hybrid_sliding_layers',
  'sliding_window',
  'gpus',
]);

export { FILE_KEYS };

/** Each bounded field's whole range, so a message says "a whole number from 1 to 10,000", not half of it. */
const int = (min: number, max: number): Accepted => ({ kind: 'integer', min, max });
const positive = (max: number): Accepted => ({ kind: 'number', min: 0, minExclusive: true, max });
const nonNegative = (max: number): Accepted => ({ kind: 'number', min: 0, max });
const RANGES: Readonly<Record<string, Accepted>> = {
  num_layers: int(1, G.layers),
  count: int(1, G.layers),
  hybrid_full_layers: int(0, G.layers),
  hybrid_sliding_layers: int(0, G.layers),
  num_key_value_heads: int(1, G.heads),
  kv_heads: int(1, G.heads),
  num_attention_heads: int(1, G.heads),
  head_dim: int(1, G.head_dim),
  v_head_dim: int(1, G.head_dim),
  kv_lora_rank: int(1, G.head_dim),
  qk_rope_head_dim: int(0, G.head_dim),
  indexer_head_dim: int(1, G.head_dim),
  hidden_size: int(1, G.hidden_size),
  max_position_embeddings: int(1, G.positions),
  sliding_window: int(1, G.positions),
  window: int(1, G.positions),
  chunk: int(1, G.positions),
  state_bytes: int(0, G.state_bytes),
  total_params_b: positive(G.params_b),
  weights_bytes_per_param: positive(G.bytes_per_param),
  gpus: int(1, S.gpus),
  hbm_per_gpu_gb: positive(S.hbm_per_gpu_gb),
  total_hbm_gb: positive(S.total_hbm_gb),
  nvlink_bandwidth_tbps: positive(S.rate),
  system_memory_tb: positive(S.rate),
  memory_bandwidth_tbps_per_gpu: positive(S.rate),
  interconnect_bandwidth_gbps_per_gpu: positive(S.rate),
  power_kw: positive(S.rate),
  bf16_dense_tflops_per_gpu: positive(S.tflops),
  fp8_dense_tflops_per_gpu: positive(S.tflops),
  iops_read: nonNegative(P.iops),
  iops_write: nonNegative(P.iops),
  throughput_read_gbps: nonNegative(P.throughput_gbps),
  throughput_write_gbps: nonNegative(P.throughput_gbps),
  latency_read_ms_p50: nonNegative(P.latency_ms),
  latency_read_ms_p99: nonNegative(P.latency_ms),
  latency_write_ms_p50: nonNegative(P.latency_ms),
  latency_write_ms_p99: nonNegative(P.latency_ms),
};

const ENTRY_SCHEMAS = { models: ModelEntrySchema, servers: ServerEntrySchema, storage: StorageEntrySchema } as const;

type EntryOf<K extends CatalogKind> = K extends 'models' ? ModelEntry : K extends 'servers' ? ServerEntry : StorageEntry;

/** Check already-parsed JSON as a catalog of one kind. `source` names the file in problems. */
export function checkCatalogData<K extends CatalogKind>(kind: K, data: unknown, source: string): Result<EntryOf<K>[]> {
  const { entries, problems } = checkCatalogEntries(kind, data, source);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: entries };
}

/**
 * The same check, keeping both sides: the entries that passed (each with its position in the file's
 * list) and every problem. `llm-sizing validate` runs its plausibility rules on those entries.
 */
export function checkCatalogEntries<K extends CatalogKind>(kind: K, data: unknown, source: string): { entries: EntryOf<K>[]; at: string[]; problems: Problem[] } {
  const at: string[] = [];
  const result = checkEntries(kind, data, source, at);
  return { ...result, at };
}

function checkEntries<K extends CatalogKind>(kind: K, data: unknown, source: string, positions: string[]): { entries: EntryOf<K>[]; problems: Problem[] } {
  const key = FILE_KEYS[kind];
  let list: unknown = data;
  let prefix = '';
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    list = (data as Record<string, unknown>)[key];
    prefix = key;
    if (list === undefined) {
      return { entries: [], problems: [{ field: key, value: undefined, accepted: { kind: 'rule', rule: 'catalog_top_level', detail: { key } }, source }] };
    }
  }
  if (!Array.isArray(list)) return { entries: [], problems: [{ field: prefix || '(file)', value: list, accepted: { kind: 'array' }, source }] };
  const schema = ENTRY_SCHEMAS[kind];
  const problems: Problem[] = [];
  const entries: EntryOf<K>[] = [];
  list.forEach((raw, i) => {
    const at = `${prefix}[${i}]`;
    const parsed = z.safeParse(schema, raw);
    if (!parsed.success) {
      const named = raw !== null && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? ` (${(raw as { name: string }).name})` : '';
      for (const p of problemsFromIssues(parsed.error.issues, raw, { source, integerFields: INTEGER_FIELDS, ranges: RANGES })) problems.push({ ...p, field: p.field ? `${at}${named}.${p.field}` : `${at}${named}` });
      return;
    }
    const entry = parsed.data as EntryOf<K>;
    const rules = (kind === 'models' ? MODEL_RULES : kind === 'servers' ? SERVER_RULES : []) as readonly ((e: EntryOf<K>, at: string) => Problem | undefined)[];
    for (const rule of rules) {
      const p = rule(entry, `${at} (${entry.name})`);
      if (p) problems.push({ ...p, source });
    }
    entries.push(entry);
    positions.push(`${at} (${entry.name})`);
  });
  const named = list.map((raw) => ({ name: raw !== null && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : '' }));
  for (const p of duplicateNames(named, prefix || kind)) if (p.value !== '') problems.push({ ...p, source });
  return { entries, problems };
}

/** An error text on one line (JSON.parse quotes the offending input, newlines included). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A catalog or prices file's text as JSON: a leading byte order mark dropped, nesting deeper than
 * MAX_JSON_DEPTH refused unparsed, JSON.parse's complaint on one line. Every problem names `(file)`.
 */
export function parseJsonFile(text: string, source: string): Result<unknown> {
  text = stripBom(text);
  if (tooDeep(text)) {
    return { ok: false, problems: [{ field: '(file)', value: jsonDepth(text), accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } }, source }] };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, problems: [{ field: '(file)', value: undefined, accepted: { kind: 'json', detail: oneLine((e as Error).message) }, source }] };
  }
}

/**
 * A JSON file's text parsed (`parseJsonFile`) and its value checked by `check`; a number the file wrote
 * beyond a double is shown in the problems as written, not as Infinity (`withNumberLiterals`).
 */
export function parseCheckedJsonFile<T>(text: string, source: string, check: (data: unknown) => Result<T>): Result<T> {
  const parsed = parseJsonFile(text, source);
  if (!parsed.ok) return parsed;
  const checked = check(parsed.value);
  return checked.ok ? checked : { ok: false, problems: withNumberLiterals(checked.problems, text) };
}

/** Parse a catalog file's text, then check its entries (`parseCheckedJsonFile`). */
export function parseCatalogFile<K extends CatalogKind>(kind: K, text: string, source: string): Result<EntryOf<K>[]> {
  return parseCheckedJsonFile(text, source, (data) => checkCatalogData(kind, data, source));
}

export type { Catalog };
