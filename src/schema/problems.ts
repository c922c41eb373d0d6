/**
 * Problems with input, as data: which field, what value was given, what is accepted. Renderers put
 * them into one sentence per locale; the CLI maps them to exit code 2, the API to HTTP 400.
 */
import type * as z from 'zod/mini';

/** What a field accepts, as data (localized by `report/i18n`). */
export type Accepted =
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number; /** A token count: "32k" is accepted too. */ readonly tokens?: boolean }
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number; readonly minExclusive?: boolean; readonly maxExclusive?: boolean }
  | { readonly kind: 'string' }
  | { readonly kind: 'one_of'; readonly values: readonly string[]; readonly suggestion?: string | undefined }
  | { readonly kind: 'array' }
  | { readonly kind: 'object' }
  | { readonly kind: 'no_field'; readonly known: readonly string[]; readonly suggestion?: string | undefined }
  | { readonly kind: 'required' }
  /** Missing, and so is `other`: one of the two is required (the load: concurrency or request_rate). */
  | { readonly kind: 'required_either'; readonly other: string }
  | { readonly kind: 'json'; readonly detail: string }
  | { readonly kind: 'readable_file'; readonly reason: FileReason; readonly code?: string | undefined; readonly maxBytes?: number | undefined }
  | { readonly kind: 'writable_path'; readonly reason: FileReason; readonly code?: string | undefined }
  | RuleAccepted
  | { readonly kind: 'exclusive'; readonly with: string }
  | { readonly kind: 'flag'; readonly known: readonly string[]; readonly suggestion?: string | undefined; readonly command?: string | undefined; readonly belongsTo?: string | undefined }
  | { readonly kind: 'command'; readonly values: readonly string[]; readonly suggestion?: string | undefined }
  | { readonly kind: 'no_value'; readonly flag: string };

/**
 * Why a file cannot be read or written, as a code; `system` carries the system's own code (`ELOOP`…)
 * in `code`. `fifo`, `device`, `socket`: not a regular file (only regular files are read, and
 * written whole); `names_folder`: a path ending in a slash, which can only name a folder;
 * `too_large`: bigger than the limit for its kind (`maxBytes`, src/schema/limits.ts).
 */
export type FileReason =
  | 'not_found'
  | 'permission_denied'
  | 'is_folder'
  | 'parent_not_folder'
  | 'fifo'
  | 'device'
  | 'socket'
  | 'names_folder'
  | 'too_large'
  | 'system';

/** Designs of attention a config.json may use that the importer refuses (`hf_unsupported`). */
export type UnsupportedDesign = 'local_global_lists' | 'local_attention_windows';

/**
 * Every consistency rule a value can break, with the data its message needs. Each locale has one
 * message per rule (`Record<RuleCode, …>`), so a rule without a message in some locale fails `tsc`.
 */
export interface RuleDetails {
  hybrid_counts_required: { model: string };
  trimmed_name: Record<never, never>;
  keeps_kv: { model: string };
  host_address: Record<never, never>;
  listen_failed: { host: string; code: string };
  name_needs_config: Record<never, never>;
  layout_exceeds_gpus: { tp: number; pp: number; gpus: number; server: string };
  tp_kv_heads: { tp: number; kv_heads: number; model: string };
  tp_query_heads: { tp: number; heads: number; model: string };
  pp_layers: { pp: number; layers: number };
  replicas_exceed_gpus: { replicas: number; gpus_per_replica: number; gpus: number };
  /** `group`: the ranks that all-reduce inside a layer (TP, or TP over data-parallel attention / experts); `domain`: GPUs of one NVLink domain. */
  tp_across_nodes: { tp: number; group: number; gpus: number; domain: number; server: string };
  dp_attention_divides_tp: { dp: number; tp: number };
  ep_needs_experts: { model: string };
  ep_divides: { ep: number; tp: number; experts: number; model: string };
  nvlink_domain_whole_nodes: { server: string; gpus: number; domain: number };
  calibrate_nothing_found: Record<never, never>;
  /** A JSON object read as a benchmark result lacks keys every result has (`expected`). */
  bench_result_keys: { missing: readonly string[]; expected: readonly string[] };
  /** More benchmark results in one file than BENCHMARK_LIMITS.records. */
  bench_records: { max: number };
  /** The performance model needs catalog figures the model or server entry lacks (`missing`: field names). */
  perf_figures_missing: { missing: readonly string[]; server: string; model: string };
  /** `models`: the memory models the setting belongs to. */
  knob_needs_engine: { models: readonly string[]; given: string };
  kv_layers_sum: { model: string; sum: number; num_layers: number };
  heads_divisible: { model: string; num_attention_heads: number; kv_heads: number };
  hf_unsupported: { what: UnsupportedDesign };
  hf_head_dim_underivable: Record<never, never>;
  hf_head_dim_not_integer: { hidden_size: number; num_attention_heads: number };
  hf_heads_not_divisible: { num_attention_heads: number; num_key_value_heads: number | string };
  hf_max_position_unknown: { model_type: string };
  hf_unknown_dtype: { known: string };
  hf_window_required: { by: string };
  hf_per_layer_length: { key: string; length: number; num_layers: number };
  hf_block_attention: Record<never, never>;
  hybrid_layers_sum: { model: string; full: number; sliding: number; sum: number; num_layers: number };
  sliding_window_required: { model: string; attention_pattern: string };
  server_total_hbm: { server: string; gpus: number; hbm_per_gpu_gb: number; product: number };
  unique_name: { name: string };
  catalog_top_level: { key: string };
  different_output_files: { other: string };
  extra_argument: { command: string };
  command_first: { command: string };
  json_depth: { max: number };
  batch_line_length: { max_bytes: number };
  // Plausibility (issue 12, `llm-sizing validate`, src/catalog/rules.ts). `suggested`: the corrected value, when the rule knows it.
  memory_bandwidth_generation: { server: string; memory_type: string; min: number; max: number; suggested?: number };
  memory_sweep_time: { server: string; hbm_per_gpu_gb: number; ms: number; min: number; max: number };
  flops_per_byte: { server: string; memory_bandwidth_tbps_per_gpu: number; ratio: number; min: number; max: number };
  precision_order: { server: string; field: string; lower_field: string; lower: number };
  fp8_twice_bf16: { server: string; bf16: number; ratio: number; suggested?: number };
  nvlink_aggregate: { server: string; gpus: number; per_gpu_gbps: number; suggested: number };
  head_dim_hidden: { model: string; num_attention_heads: number; hidden_size: number; ratio: number; suggested?: number };
  active_within_total: { model: string; total: number };
  experts_per_token: { model: string; experts: number };
  throughput_iops: { profile: string; iops: number; bytes_per_io: number; min: number; max: number; suggested?: number };
  latency_percentiles: { profile: string; p50: number };
  /** A calibration set's fitted efficiency above the kernel-measured ceiling (`ceiling_field`). */
  efficiency_ceiling: { set: string; ceiling_field: string; ceiling: number; suggested: number };
  /** Two calibration sets for the same GPU family and engine. */
  calibration_key_unique: { gpu_architecture: string; engine: string };
  /** A file `validate` cannot tell the kind of (`keys`: the top-level keys it knows). */
  catalog_kind: { keys: readonly string[] };
  /** A reserved (committed) price above the on-demand price of the same server. */
  price_reserved_above_on_demand: { server: string; on_demand: number };
  /** A price read after the file's own as_of date. */
  price_date_after_as_of: { server: string; as_of: string };
  /** An offload tier whose size is not given and cannot be read from the catalog (nvme: profiles state no capacity; dram: the server states no system_memory_tb). */
  offload_size_required: { tier: string; server: string };
  /** compare: a list of options that is empty, not a list, or longer than `max` values. */
  compare_list: { max: number };
  /** compare: the lists' cross has `count` options, more than `max` (`fields`: the lists crossed). */
  compare_options: { count: number; max: number; fields: readonly string[] };
}

export type RuleCode = keyof RuleDetails;

/** A broken rule as data: `{ kind: 'rule', rule, detail }` with the detail that rule's message needs. */
export type RuleAccepted = { [R in RuleCode]: { readonly kind: 'rule'; readonly rule: R; readonly detail: Readonly<RuleDetails[R]> } }[RuleCode];

/** `{ kind: 'rule', rule, detail }`, for callers that pick the rule at run time. */
export function ruleAccepted<R extends RuleCode>(rule: R, detail: RuleDetails[R]): RuleAccepted {
  return { kind: 'rule', rule, detail } as RuleAccepted;
}

export interface Problem {
  /** Where: a field name (`concurrency`), a catalog path (`models[2].sliding_window`), or a flag (`--foo`). */
  readonly field: string;
  /** The value given (`undefined` when missing). */
  readonly value: unknown;
  readonly accepted: Accepted;
  /** Where the value came from, e.g. a file name and line (`batch.jsonl:7`). */
  readonly source?: string | undefined;
}

/** Input the tool refuses. Carries problems as data; the boundary renders and maps them. */
export class InputError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.accepted.kind}`).join('; '));
    this.name = 'InputError';
    this.problems = problems;
  }
}

/**
 * Whether `e` is an InputError: by shape, not `instanceof`, because the CLI's on-demand bundles
 * (batch, catalog, config import) each carry their own copy of the class.
 */
export function isInputError(e: unknown): e is InputError {
  return e instanceof Error && e.name === 'InputError' && Array.isArray((e as { problems?: unknown }).problems);
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function pathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

/** Levenshtein distance, for "did you mean"; each UTF-16 unit compared in lower case. */
export function editDistance(a: string, b: string): number {
  return unitsDistance(lowerUnits(a), lowerUnits(b));
}

/** Ids of lower-case forms longer than one unit (`İ` → `i̇`), past every single unit's own code. */
const longLowerIds = new Map<string, number>();

/**
 * Each UTF-16 unit of `s` in lower case (as `s[i].toLowerCase()` gives it), as a number: equal
 * numbers for equal lower-case forms (batch lines with unknown names call this per line: numbers,
 * not a string per unit).
 */
function lowerUnits(s: string): Int32Array {
  const out = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out[i] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    else {
      const lower = s[i]!.toLowerCase();
      if (lower.length === 1) out[i] = lower.charCodeAt(0);
      else {
        let id = longLowerIds.get(lower);
        if (id === undefined) longLowerIds.set(lower, (id = 0x10000 + longLowerIds.size));
        out[i] = id;
      }
    }
  }
  return out;
}

/** The distance's row, reused (grown as needed). */
let row = new Int32Array(64);

/** Levenshtein distance between two sequences of unit ids. */
function unitsDistance(la: Int32Array, lb: Int32Array): number {
  const n = lb.length;
  if (row.length < n + 1) row = new Int32Array(2 * (n + 1));
  const prev = row;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= la.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    const ai = la[i - 1];
    for (let j = 1; j <= n; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (ai === lb[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[n]!;
}

/** A name without leading or trailing white space (catalog names, `--name`, the API's `name`). */
export const TRIMMED_NAME = /^\S(.*\S)?$/;

/** The problem of a name that is not trimmed (or not a string). */
export function trimmedNameProblem(field: string, value: unknown): Problem {
  return { field, value, accepted: { kind: 'rule', rule: 'trimmed_name', detail: {} } };
}

/** Longest text compared for "did you mean" (the distance costs its length × each name's; a typo is short). */
const MAX_SUGGEST_CHARS = 200;

/**
 * The answers of `closest` by list and by given text: batch lines repeat the same unknown names and
 * fields (each answer costs a distance to every known name). Only a frozen list is memoised (it
 * cannot change: field tables, a catalog's names), found by its array; a list's memo starts again
 * past `MEMO_PER_LIST` texts (memory stays flat).
 */
const closestMemo = new WeakMap<readonly string[], Map<string, string | undefined>>();
const MEMO_PER_LIST = 4096;

/** The known name closest to `given`, if it is close enough to be a likely typo. */
export function closest(given: string, known: readonly string[]): string | undefined {
  if (!Object.isFrozen(known)) return closestOf(given, known);
  let memo = closestMemo.get(known);
  if (memo === undefined) closestMemo.set(known, (memo = new Map()));
  else if (memo.has(given)) return memo.get(given);
  const answer = closestOf(given, known);
  if (memo.size >= MEMO_PER_LIST) memo.clear();
  memo.set(given, answer);
  return answer;
}

function closestOf(given: string, known: readonly string[]): string | undefined {
  if (given.length > MAX_SUGGEST_CHARS) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  // `given` lowered once, not once per known name.
  const units = lowerUnits(given);
  for (const k of known) {
    const d = unitsDistance(units, lowerUnits(k));
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const lowerGiven = given.toLowerCase();
  if (best !== undefined && (bestDistance <= Math.max(2, Math.floor(given.length / 3)) || best.toLowerCase().includes(lowerGiven))) return best;
  return known.find((k) => k.toLowerCase().includes(lowerGiven) || lowerGiven.includes(k.toLowerCase()));
}

function acceptedOf(issue: z.core.$ZodIssue, knownKeys: readonly string[]): Accepted {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected;
      if (expected === 'int') return { kind: 'integer' };
      if (expected === 'number') return { kind: 'number' };
      if (expected === 'array') return { kind: 'array' };
      if (expected === 'object') return { kind: 'object' };
      return { kind: 'string' };
    }
    case 'too_small':
    case 'too_big': {
      const isMin = issue.code === 'too_small';
      const bound = Number(isMin ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      if (issue.origin === 'string') return { kind: 'string' };
      const base = issue.origin === 'int' ? 'integer' : 'number';
      if (base === 'integer') return isMin ? { kind: 'integer', min: issue.inclusive ? bound : bound + 1 } : { kind: 'integer', max: issue.inclusive ? bound : bound - 1 };
      return isMin
        ? { kind: 'number', min: bound, minExclusive: !issue.inclusive }
        : { kind: 'number', max: bound, maxExclusive: !issue.inclusive };
    }
    case 'invalid_value':
      return { kind: 'one_of', values: issue.values.map(String) };
    case 'unrecognized_keys':
      return { kind: 'no_field', known: knownKeys };
    case 'invalid_format':
      return { kind: 'rule', rule: 'trimmed_name', detail: {} };
    default:
      return { kind: 'string' };
  }
}

/**
 * Turn schema issues into problems. Range issues are merged with the field's full range when the
 * caller knows it (`ranges`), so a message says "an integer from 1 to 1,000,000,000", not half of it.
 */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  options: {
    knownKeys?: readonly string[];
    ranges?: Readonly<Record<string, Accepted>>;
    /** Fields that hold whole numbers (zod reports their range as a plain number's). */
    integerFields?: ReadonlySet<string>;
    source?: string | undefined;
  } = {},
): Problem[] {
  const known = options.knownKeys ?? [];
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = pathToString([...issue.path, key]);
        out.push({ field: path, value: valueAt(input, [...issue.path, key]), accepted: { kind: 'no_field', known, suggestion: closest(key, known) }, source: options.source });
      }
      continue;
    }
    const field = pathToString(issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    const value = valueAt(input, issue.path);
    let accepted = value === undefined ? ({ kind: 'required' } as Accepted) : acceptedOf(issue, known);
    const lastKey = issue.path[issue.path.length - 1];
    const range = typeof lastKey === 'string' ? options.ranges?.[lastKey] : undefined;
    if (range && value !== undefined && (accepted.kind === 'integer' || accepted.kind === 'number')) accepted = range;
    if (accepted.kind === 'number' && typeof lastKey === 'string' && options.integerFields?.has(lastKey)) {
      const min = accepted.min === undefined ? undefined : accepted.minExclusive ? Math.floor(accepted.min) + 1 : Math.ceil(accepted.min);
      accepted = { kind: 'integer', ...(min === undefined ? {} : { min }), ...(accepted.max === undefined ? {} : { max: accepted.max }) };
    }
    if (accepted.kind === 'string' && value !== undefined && typeof value !== 'string') accepted = { kind: 'string' };
    if (accepted.kind === 'one_of' && typeof value === 'string') accepted = { ...accepted, suggestion: closest(value, accepted.values) };
    out.push({ field, value, accepted, source: options.source });
  }
  return out;
}
