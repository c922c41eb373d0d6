/**
 * The sizing request: one field table for CLI flags (converted to snake_case), batch lines and HTTP
 * bodies. The validator and the published JSON Schema (`requestJsonSchema`) are both derived from
 * it. It is a table rather than a zod schema because it sits on the CLI's start-up path, where zod's
 * initialisation measured ~2.5 ms of a ~6 ms budget; catalog files (read only when given) use zod.
 */
import { COST_DEFAULTS, DEFAULTS, LIMITS, RUNTIME_FLOOR, WORKLOAD_DEFAULTS } from '../core/defaults.ts';
import { PRICING_MODES } from '../core/pricing-modes.ts';
import { COST_LIMITS } from './limits.ts';
import { HA_MODES, type HaMode } from '../core/scenarios.ts';
import { OFFLOAD_DEFAULTS, OFFLOAD_LIMITS, OFFLOAD_TIERS } from '../core/offload.ts';
import type { FullSizingRequest } from '../core/sizing.ts';
import { KV_PRECISIONS, type KvPrecision } from '../core/units.ts';
import { WEIGHTS_PRECISIONS, type WeightsPrecision } from '../core/weights.ts';
import { STORAGE_DEFAULTS, STORAGE_LIMITS, STORAGE_PLACEMENTS, type StoragePlacement } from '../core/storage.ts';
import { ENGINE_SETTINGS, MEMORY_MODELS, type MemoryModel, type SettingField, settingDefaultText, type SettingRow } from '../engines/settings.ts';
import { en } from '../report/i18n/en.ts';
import { type Accepted, closest, type Problem, type Result } from './problems.ts';
import { TOKEN_COUNT_PATTERN, tokenCount } from './tokens.ts';

/** One request field: its type, whether it is required, its limits or values, its description. */
export type FieldSpec =
  | { readonly type: 'string'; readonly required: boolean; readonly description: string; readonly default?: string }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly required: boolean; readonly description: string; readonly default?: string | number }
  | {
      readonly type: 'integer' | 'number';
      readonly required: boolean;
      readonly min: number;
      readonly max: number;
      readonly minExclusive?: boolean;
      readonly description: string;
      /** The default, when it is one value (the engine settings' table says). */
      readonly default?: string | number;
      /** A token count: also accepts text such as "32k" (see `tokenCount`). */
      readonly tokens?: boolean;
    };

type SettingSpec<K extends SettingField> = (typeof ENGINE_SETTINGS)[K] extends { readonly type: 'enum' }
  ? { readonly type: 'enum'; readonly values: readonly string[]; readonly required: false; readonly description: string; readonly default?: string | number }
  : {
      readonly type: 'integer' | 'number';
      readonly required: false;
      readonly min: number;
      readonly max: number;
      readonly minExclusive?: boolean;
      readonly description: string;
      readonly default?: string | number;
      readonly tokens?: boolean;
    };

/**
 * The request fields of the engine settings, from their table: type, values or limits, and description.
 * Each description is written when read (the JSON Schema and the API's document read them): putting
 * the defaults into words for every setting took ~0.3 ms of the CLI's start-up, which never shows them.
 */
function settingSpecs(): { readonly [K in SettingField]: SettingSpec<K> } {
  const specs: Record<string, FieldSpec> = {};
  for (const field of Object.keys(ENGINE_SETTINGS) as SettingField[]) {
    const row: SettingRow = ENGINE_SETTINGS[field];
    const describe = () => {
      const only = row.appliesTo.length < MEMORY_MODELS.length ? `; only with memory_model ${row.appliesTo.join(' or ')}` : '';
      return `${en.settings[field].help}; default: ${settingDefaultText(field, en.settingRule)}${only}.`;
    };
    const d = row.default;
    const value = 'value' in d ? { default: d.value } : {};
    if (row.type === 'enum') {
      specs[field] = {
        type: 'enum',
        values: row.values ?? [],
        required: false,
        get description() {
          return describe();
        },
        ...value,
      };
    } else {
      const l = row.limits!;
      specs[field] = {
        type: row.type,
        required: false,
        min: l.min,
        max: l.max,
        ...(l.minExclusive ? { minExclusive: true } : {}),
        ...(row.tokens ? { tokens: true } : {}),
        get description() {
          return describe();
        },
        ...value,
      };
    }
  }
  return specs as unknown as { readonly [K in SettingField]: SettingSpec<K> };
}

/** The storage and recovery fields (issue 12): src/core/storage.ts holds their defaults and limits. */
function storageSpecs() {
  const d = STORAGE_DEFAULTS;
  const l = STORAGE_LIMITS;
  const n = (min: number, max: number, minExclusive: boolean, description: string) =>
    ({ type: 'number', required: false, min, max, ...(minExclusive ? { minExclusive: true } : {}), description }) as const;
  const i = (min: number, max: number, description: string) => ({ type: 'integer', required: false, min, max, description }) as const;
  return {
    artifact_gib: n(l.artifact_gib.min, l.artifact_gib.max, true, "GiB of one copy of the model's artifacts on storage; default: the weights (weights_gib, else the catalog's parameters × precision). Any storage field adds the storage and recovery section."),
    artifact_copies: i(l.artifact_copies.min, l.artifact_copies.max, `Copies of the artifacts kept (e.g. 2: the current and the previous version); default ${d.artifact_copies}.`),
    storage_placement: {
      type: 'enum',
      values: STORAGE_PLACEMENTS,
      required: false,
      description: `Where the artifacts live: local (each node's drives) or shared (one store every node reads, its bandwidth divided among the nodes loading); default: shared for a ${d.storage_placement_shared_type} profile, else local.`,
    },
    capacity_margin: n(l.capacity_margin.min, l.capacity_margin.max, false, `Free-space margin on every storage capacity (0.2 = +20 %); default ${d.capacity_margin}.`),
    cache_gib_per_node: n(l.allowance_gib.min, l.allowance_gib.max, false, `GiB per node for compiled engines, compile caches and tokenizers; default ${d.cache_gib_per_node}.`),
    log_gib_per_node: n(l.allowance_gib.min, l.allowance_gib.max, false, `GiB per node for logs kept before they are shipped; default ${d.log_gib_per_node}.`),
    target_load_time_s: n(l.seconds.min, l.seconds.max, true, `Seconds within which a node should load its weights; default ${d.target_load_time_s}.`),
    warmup_concurrency: i(l.warmup_concurrency.min, l.warmup_concurrency.max, `Nodes loading at once from shared storage (they share its throughput and IOPS); default ${d.warmup_concurrency}.`),
    read_block_kib: i(l.read_block_kib.min, l.read_block_kib.max, `KiB per read while loading weights (IOPS × block bounds the read rate); default ${d.read_block_kib}.`),
    engine_startup_s: n(l.seconds.min, l.seconds.max, false, `Seconds the engine takes to start after its weights are read (compile, CUDA graphs, KV allocation); default ${d.engine_startup_s}.`),
    nodes_per_domain: i(l.nodes_per_domain.min, l.nodes_per_domain.max, 'Nodes per failure domain (rack or switch): each scenario says whether it survives losing a whole domain.'),
  } as const;
}

export const REQUEST_FIELD_SPECS = {
  model: { type: 'string', required: true, description: 'Model name from the catalog (--model).' },
  server: { type: 'string', required: true, description: 'Server (one node) name from the catalog (--server).' },
  storage: {
    type: 'string',
    required: false,
    default: DEFAULTS.storage,
    description: `Storage profile name from the catalog (--storage): its read throughput, IOPS and latency feed the alerts, and the storage and recovery section when a storage field is given; default ${DEFAULTS.storage}.`,
  },
  concurrency: {
    type: 'integer',
    required: false,
    ...LIMITS.concurrency,
    description: 'Concurrent sessions to serve; required unless request_rate is given (not both).',
  },
  effective_context: {
    type: 'integer',
    required: true,
    ...LIMITS.effective_context,
    tokens: true,
    description: 'Tokens each session keeps (clamped to the model maximum); a number, or text such as "32k" (× 1,024).',
  },
  kv_precision: { type: 'enum', values: KV_PRECISIONS, required: false, description: "KV element precision (any case); default: the model's default_kv_precision." },
  kv_budget_ratio: {
    type: 'number',
    required: false,
    min: LIMITS.kv_budget_ratio.minExclusive,
    minExclusive: true,
    max: LIMITS.kv_budget_ratio.max,
    description: `Fraction of (HBM − overhead) for the KV cache; default ${DEFAULTS.kv_budget_ratio}.`,
  },
  runtime_overhead_gib: {
    type: 'number',
    required: false,
    ...LIMITS.runtime_overhead_gib,
    description: `GiB per node for weights, activations and buffers; default: the weights held on a node plus a runtime allowance (activations, CUDA context, NCCL), at least ${DEFAULTS.runtime_overhead_gib} (${DEFAULTS.runtime_overhead_gib / RUNTIME_FLOOR.reference_gpus} per GPU on nodes of fewer than ${RUNTIME_FLOOR.reference_gpus} GPUs).`,
  },
  peak_headroom_ratio: {
    type: 'number',
    required: false,
    ...LIMITS.peak_headroom_ratio,
    description: `Peak headroom of the RECOMMENDED scenario; default ${DEFAULTS.peak_headroom_ratio}.`,
  },
  ha: { type: 'enum', values: HA_MODES, required: false, description: `HA of the RECOMMENDED scenario (any case); default ${DEFAULTS.ha}.` },
  params_b: { type: 'number', required: false, ...LIMITS.params_b, minExclusive: true, description: "Parameters in billions, for the weights memory; default: the model's total_params_b." },
  weights_precision: {
    type: 'enum',
    values: WEIGHTS_PRECISIONS,
    required: false,
    description: "How the weights are stored, for the weights memory (any letter case; fp4 is MXFP4); default: the model's weights_bytes_per_param, else bf16.",
  },
  // The workload and the latency targets (issue 10, src/core/workload.ts). Without them the sizing is
  // memory only, as before, and no performance figures are reported.
  request_rate: {
    type: 'number',
    required: false,
    min: LIMITS.request_rate.minExclusive,
    minExclusive: true,
    max: LIMITS.request_rate.max,
    description:
      'Requests per second to serve, instead of concurrency: the sessions in flight follow from Little\'s law, requests/s × (TTFT + output_tokens × TPOT), at the load each replica is sized for.',
  },
  input_tokens: {
    type: 'integer',
    required: false,
    ...LIMITS.input_tokens,
    tokens: true,
    description: `Mean prompt tokens per request; default: the effective context used minus output_tokens (a request fills the context the memory sizing holds).`,
  },
  output_tokens: {
    type: 'integer',
    required: false,
    ...LIMITS.output_tokens,
    tokens: true,
    description: `Mean generated tokens per request; default: ${WORKLOAD_DEFAULTS.output_tokens}, at most the effective context used minus input_tokens (half of it when input_tokens is not given), at least 1.`,
  },
  ttft_p99_ms: {
    type: 'number',
    required: false,
    min: LIMITS.latency_ms.minExclusive,
    minExclusive: true,
    max: LIMITS.latency_ms.max,
    description: 'Target time to first token at the 99th percentile, milliseconds: sessions per replica are capped so that it is met.',
  },
  tpot_p99_ms: {
    type: 'number',
    required: false,
    min: LIMITS.latency_ms.minExclusive,
    minExclusive: true,
    max: LIMITS.latency_ms.max,
    description: 'Target time per output token (first excluded) at the 99th percentile, milliseconds: sessions per replica are capped so that it is met.',
  },
  // The KV offload tier (issue 12, src/core/offload.ts). Without offload_tier none applies, as before.
  offload_tier: {
    type: 'enum',
    values: OFFLOAD_TIERS,
    required: false,
    description: "Where idle sessions' KV may wait on each node: dram (host memory) or nvme; reports the sessions parked per node, the time to bring one back and the nodes with offload beside those without.",
  },
  offload_gib_per_node: {
    type: 'number',
    required: false,
    min: OFFLOAD_LIMITS.offload_gib_per_node.minExclusive,
    minExclusive: true,
    max: OFFLOAD_LIMITS.offload_gib_per_node.max,
    description: `Size of the offload tier on one node, GiB; default (dram): ${OFFLOAD_DEFAULTS.dram_share_of_system_memory} × the server's system_memory_tb; required for nvme.`,
  },
  idle_session_fraction: {
    type: 'number',
    required: false,
    ...OFFLOAD_LIMITS.idle_session_fraction,
    description: `Fraction of the sessions idle at any time (their KV may wait in the offload tier); default ${OFFLOAD_DEFAULTS.idle_session_fraction}.`,
  },
  host_link_gbps_per_gpu: {
    type: 'number',
    required: false,
    min: OFFLOAD_LIMITS.host_link_gbps_per_gpu.minExclusive,
    minExclusive: true,
    max: OFFLOAD_LIMITS.host_link_gbps_per_gpu.max,
    description: `Host link (PCIe) of one GPU, GB/s one direction, for the time to bring an idle session back; default ${OFFLOAD_DEFAULTS.host_link_gbps_per_gpu} (PCIe Gen5 ×16).`,
  },
  // The cost (issue 11, src/core/cost.ts). Without any of them no cost is reported, as before.
  pricing: {
    type: 'enum',
    values: PRICING_MODES,
    required: false,
    default: COST_DEFAULTS.pricing,
    description: `How the fleet is paid for, which turns the cost on: owned (capex per node amortised + energy × PUE), on_demand or reserved (GPUs × $/GPU-hour of the prices catalog); default ${COST_DEFAULTS.pricing} when another cost field is given.`,
  },
  usd_per_kwh: {
    type: 'number',
    required: false,
    min: 0,
    minExclusive: true,
    max: COST_LIMITS.usd_per_kwh,
    description: "Electricity price, US$ per kWh (owned); default: the prices catalog's facility terms. Giving it turns the cost on.",
  },
  pue: {
    type: 'number',
    required: false,
    min: 1,
    max: COST_LIMITS.pue,
    description: "Power usage effectiveness, facility power / IT power, at least 1; default: the prices catalog's facility terms. Giving it turns the cost on.",
  },
  amortisation_years: {
    type: 'number',
    required: false,
    min: 0,
    minExclusive: true,
    max: COST_LIMITS.amortisation_years,
    description: "Years over which owned hardware is paid off (straight line); default: the prices catalog's facility terms. Giving it turns the cost on.",
  },
  // Storage, cold start and failures (issue 12, src/core/storage.ts). Without any of them no storage
  // section is computed or reported, and every output is as before.
  ...storageSpecs(),
  // The engine settings (src/engines/settings.ts). Without them the original single pool applies.
  ...settingSpecs(),
} as const satisfies Record<string, FieldSpec>;

export type RequestField = keyof typeof REQUEST_FIELD_SPECS;
export const REQUEST_FIELDS = Object.keys(REQUEST_FIELD_SPECS) as RequestField[];

/**
 * A request with every field present and undefined, in the table's order: what a validated request
 * is built in (`validateRequest`, src/app/quick-request.ts), so that every validated request has
 * the same keys in the same order, whichever of them it gives and in whatever order they came.
 *
 * Why (issue 8, memory): V8 gives an object one hidden class per set and order of keys. Requests
 * of a few keys each, in their thousands of combinations (a batch's lines), made each read of a
 * field a request leaves out (`request.offload_tier`, `request.weights_gib ?? …`) miss V8's
 * property cache and leave a handler object in the old generation: ~1.2 million of them (37 MB)
 * between two full collections, most of `batch`'s memory growth with the length of its input. A
 * field left out is now a field holding undefined: one hidden class, plain field reads.
 */
export function blankRequest(): Record<string, unknown> {
  // A literal, written out: a copy of one object (`{ ...template }`) kept ~1 MB alive at every young
  // collection here. The fields in the table's order (a test holds the two lists together).
  return {
    model: undefined, server: undefined, storage: undefined, concurrency: undefined,
    effective_context: undefined, kv_precision: undefined, kv_budget_ratio: undefined,
    runtime_overhead_gib: undefined, peak_headroom_ratio: undefined, ha: undefined, params_b: undefined,
    weights_precision: undefined, request_rate: undefined, input_tokens: undefined, output_tokens: undefined,
    ttft_p99_ms: undefined, tpot_p99_ms: undefined, offload_tier: undefined, offload_gib_per_node: undefined,
    idle_session_fraction: undefined, host_link_gbps_per_gpu: undefined, pricing: undefined,
    usd_per_kwh: undefined, pue: undefined, amortisation_years: undefined, artifact_gib: undefined,
    artifact_copies: undefined, storage_placement: undefined, capacity_margin: undefined,
    cache_gib_per_node: undefined, log_gib_per_node: undefined, target_load_time_s: undefined,
    warmup_concurrency: undefined, read_block_kib: undefined, engine_startup_s: undefined,
    nodes_per_domain: undefined, memory_model: undefined, tensor_parallel: undefined,
    pipeline_parallel: undefined, replicas_per_node: undefined, data_parallel_attention: undefined,
    expert_parallel: undefined, weights_gib: undefined, kv_cache_memory_gib: undefined,
    gpu_memory_gib: undefined, gpu_memory_utilization: undefined, max_num_batched_tokens: undefined,
    block_size: undefined, mem_fraction_static: undefined, free_gpu_memory_fraction: undefined,
    tokens_per_block: undefined, activation_gib: undefined, non_torch_gib: undefined,
  } satisfies Record<RequestField, undefined>;
}

/** A validated request: names plus the core's request (with any layout and engine inputs). */
export interface SizingRequestInput extends FullSizingRequest {
  readonly model: string;
  readonly server: string;
  /** Default `DEFAULTS.storage` (profile_default): the storage profile only feeds alerts. */
  readonly storage?: string;
  readonly kv_precision?: KvPrecision;
  readonly ha?: HaMode;
  readonly params_b?: number;
  readonly weights_precision?: WeightsPrecision;
  readonly memory_model?: MemoryModel;
  readonly storage_placement?: StoragePlacement;
}

declare const validated: unique symbol;
/** A request `validateRequest` accepted: the only kind the planner (src/core/plan.ts) takes. */
export type ValidatedRequest = SizingRequestInput & { readonly [validated]: true };

/** What a field accepts, as problem data. */
export function acceptedOf(spec: FieldSpec): Accepted {
  switch (spec.type) {
    case 'string':
      return { kind: 'string' };
    case 'enum':
      return { kind: 'one_of', values: spec.values };
    case 'integer':
      return spec.tokens ? { kind: 'integer', min: spec.min, max: spec.max, tokens: true } : { kind: 'integer', min: spec.min, max: spec.max };
    case 'number':
      return spec.minExclusive ? { kind: 'number', min: spec.min, minExclusive: true, max: spec.max } : { kind: 'number', min: spec.min, max: spec.max };
  }
}

/**
 * The canonical value of an enum given in any case (`FP8` → `fp8`, `N+1` → `n+1`), or undefined.
 *
 * @example canonicalEnum(['fp8', 'bf16'], 'FP8') //=> 'fp8'
 * @example canonicalEnum(['fp8', 'bf16'], 'fp4') //=> undefined
 */
export function canonicalEnum(values: readonly string[], value: string): string | undefined {
  if (values.includes(value)) return value;
  const lower = value.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower);
}

/** What validation found for one field: nothing given, a problem, or the value to keep (canonical). */
type FieldCheck = { readonly problem: Problem; readonly value?: undefined } | { readonly problem?: undefined; readonly value: unknown };

function checkField(field: RequestField, value: unknown, source: string | undefined): FieldCheck {
  return checkSpec(field, REQUEST_FIELD_SPECS[field], value, source);
}

/** One value against its field's spec (every field table: the sizing request's, `perf`'s). */
function checkSpec(field: string, spec: FieldSpec, value: unknown, source: string | undefined): FieldCheck {
  if (value === undefined || value === null) {
    return spec.required ? { problem: { field, value: undefined, accepted: { kind: 'required' }, source } } : { value: undefined };
  }
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' && value.length > 0 ? { value } : { problem: { field, value, accepted: acceptedOf(spec), source } };
    case 'enum': {
      const canonical = typeof value === 'string' ? canonicalEnum(spec.values, value) : undefined;
      return canonical !== undefined
        ? { value: canonical }
        : { problem: { field, value, accepted: { kind: 'one_of', values: spec.values, suggestion: typeof value === 'string' ? closest(value, spec.values) : undefined }, source } };
    }
    case 'integer':
    case 'number': {
      const n = typeof value === 'string' && 'tokens' in spec && spec.tokens ? tokenCount(value) : value;
      const ok =
        typeof n === 'number' &&
        Number.isFinite(n) &&
        (spec.type === 'number' || Number.isInteger(n)) &&
        (spec.minExclusive ? n > spec.min : n >= spec.min) &&
        n <= spec.max;
      return ok ? { value: n } : { problem: { field, value, accepted: acceptedOf(spec), source } };
    }
  }
}

/** One field's problem, if its value is not accepted (the check `validateRequest` makes per field). */
export function fieldProblem(field: RequestField, value: unknown, source: string | undefined): Problem | undefined {
  return checkField(field, value, source).problem;
}

/** Validate a raw request (batch line, HTTP body, or CLI flags in snake_case); `ignoredKeys` are allowed and left out. */
export function validateRequest(raw: unknown, source?: string, ignoredKeys: readonly string[] = []): Result<ValidatedRequest> {
  // Every field present (`blankRequest`), the table's order kept.
  const checked = validateFields<ValidatedRequest>(REQUEST_FIELD_SPECS, raw, source, ignoredKeys, REQUEST_FIELDS, blankRequest);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return checked;
  const load = loadProblem(raw as Record<string, unknown>, source);
  if (load === undefined) return checked;
  return { ok: false, problems: [...(checked.ok ? [] : checked.problems), load] };
}

/** A field list's positions by name and its required fields' positions (built once per list). */
interface FieldTable {
  /** The list as it was (frozen: unknown fields' "did you mean" answers are memoised by it). */
  readonly known: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly required: readonly number[];
  readonly isRequired: readonly boolean[];
}
const fieldTables = new WeakMap<readonly string[], FieldTable>();
function fieldTable(specs: Readonly<Record<string, FieldSpec>>, fields: readonly string[]): FieldTable {
  let t = fieldTables.get(fields);
  if (t === undefined) {
    const isRequired = fields.map((f) => specs[f]!.required);
    t = { known: Object.freeze([...fields]), index: new Map(fields.map((f, i) => [f, i])), required: fields.flatMap((_, i) => (isRequired[i] ? [i] : [])), isRequired };
    fieldTables.set(fields, t);
  }
  return t;
}

/**
 * Validate a raw object against a field table (the sizing request's, or another built from it such
 * as `perf`'s: src/schema/perf-request.ts): unknown keys, then each field in the table's order.
 * The accepted values are written into `into()` (an empty object unless given; the sizing request's
 * is `blankRequest`, which holds every field already: writing into it adds no key).
 */
export function validateFields<T>(
  specs: Readonly<Record<string, FieldSpec>>,
  raw: unknown,
  source?: string,
  ignoredKeys: readonly string[] = [],
  fields: readonly string[] = Object.keys(specs),
  into: () => Record<string, unknown> = () => ({}),
): Result<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: '(request)', value: raw, accepted: { kind: 'object' }, source }] };
  }
  const record = raw as Record<string, unknown>;
  const problems: Problem[] = [];
  const table = fieldTable(specs, fields);
  // The fields to check: the required ones and those the request names, in the table's order (a
  // request names a few of the table's many fields: checking only those is most of the speed).
  const checked = table.required.slice();
  for (const key of Object.keys(record)) {
    const at = table.index.get(key);
    if (at !== undefined) {
      if (!table.isRequired[at]) checked.push(at);
    } else if (!Object.hasOwn(specs, key) && !ignoredKeys.includes(key)) {
      problems.push({ field: key, value: record[key], accepted: { kind: 'no_field', known: table.known, suggestion: closest(key, table.known) }, source });
    }
  }
  // Into the table's order. An insertion sort: the list is short (the fields a request names) and
  // often in order already; Array#sort with a comparator took a quarter of this function's time.
  for (let i = table.required.length; i < checked.length; i++) {
    const at = checked[i]!;
    let j = i - 1;
    while (j >= 0 && checked[j]! > at) {
      checked[j + 1] = checked[j]!;
      j--;
    }
    checked[j + 1] = at;
  }
  const value = into();
  for (const at of checked) {
    const field = fields[at]!;
    const c = checkSpec(field, specs[field]!, record[field], source);
    if (c.problem) problems.push(c.problem);
    else if (c.value !== undefined) value[field] = c.value;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: value as unknown as T };
}

/**
 * The load of a request is given one way: `concurrency` (sessions in flight) or `request_rate`
 * (requests/s), exactly one of them. Both given is refused rather than one silently winning: they
 * would contradict each other unless the latencies were known in advance.
 */
export function loadProblem(record: Readonly<Record<string, unknown>>, source?: string): Problem | undefined {
  if (!loadGiven(record, 'concurrency') && !loadGiven(record, 'request_rate')) return { field: 'concurrency', value: undefined, accepted: { kind: 'required_either', other: 'request_rate' }, source };
  return bothLoadsProblem(record, source);
}

type LoadFields = { readonly concurrency?: unknown; readonly request_rate?: unknown };
const loadGiven = (record: LoadFields, k: keyof LoadFields) => record[k] !== undefined && record[k] !== null;

/** Both `concurrency` and `request_rate` given (the perf request, where neither is allowed, refuses only this). */
export function bothLoadsProblem(record: LoadFields, source?: string): Problem | undefined {
  if (loadGiven(record, 'concurrency') && loadGiven(record, 'request_rate')) return { field: 'request_rate', value: record.request_rate, accepted: { kind: 'exclusive', with: 'concurrency' }, source };
  return undefined;
}

/** The request's JSON Schema (batch lines, HTTP bodies), generated from the field table. */
export function requestJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'llm-sizing request (batch line / HTTP body)',
    type: 'object',
    properties: {
      ...fieldProperties(REQUEST_FIELD_SPECS),
      id: { type: ['string', 'number'], description: 'Batch lines only: any id, echoed back in the output line.' },
    },
    required: REQUEST_FIELDS.filter((f) => REQUEST_FIELD_SPECS[f].required),
    // The load: concurrency or request_rate, exactly one (`loadProblem`).
    oneOf: [{ required: ['concurrency'] }, { required: ['request_rate'] }],
    additionalProperties: false,
  };
}

/** The JSON Schema properties of a field table, one per field, in its order. */
export function fieldProperties(specs: Readonly<Record<string, FieldSpec>>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of Object.keys(specs)) {
    const spec: FieldSpec = specs[field]!;
    if (spec.type === 'string') properties[field] = { type: 'string', minLength: 1, ...(spec.default !== undefined ? { default: spec.default } : {}), description: spec.description };
    else if (spec.type === 'enum') properties[field] = { type: 'string', enum: [...spec.values], ...(spec.default !== undefined ? { default: spec.default } : {}), description: spec.description };
    else {
      properties[field] = {
        // A token count may also be text such as "32k" (× 1,024): the limits apply to numbers, the pattern to text.
        type: spec.tokens ? [spec.type, 'string'] : spec.type,
        ...(spec.minExclusive ? { exclusiveMinimum: spec.min } : { minimum: spec.min }),
        maximum: spec.max,
        ...(spec.tokens ? { pattern: TOKEN_COUNT_PATTERN } : {}),
        ...(spec.default !== undefined ? { default: spec.default } : {}),
        description: spec.description,
      };
    }
  }
  return properties;
}
