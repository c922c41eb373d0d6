/**
 * Sizing that returns only the fields asked for: `llm-sizing batch --fields nodes` and the library's
 * `sizing(request, { fields })`.
 *
 * A field is a path in the result object of one request (a `batch` output line without its `line`
 * and `id`: `resultObject` below), or a short name for one result of each of the three scenarios:
 *
 * - `nodes` (the final node counts), or any scenario result name (`sessions_per_node`,
 *   `kv_per_session_gib`, …): `{ "minimum": …, "recommended": …, "ideal": … }`;
 * - `feasible`, `kv_bytes_per_session`, `inputs`, `inputs.<name>`, `scenarios`, `scenarios.<scenario>`,
 *   `scenarios.<scenario>.feasible`, `scenarios.<scenario>.results`,
 *   `scenarios.<scenario>.results.<name>`, `alerts`.
 *
 * Each field appears in the answer under the name it was asked by.
 *
 * Speed: the node counts are the only results that depend on the concurrency, the peak headroom and
 * the HA mode (and nothing but the alerts and the echoed inputs depends on the storage profile). So
 * the sizing of a request without them is kept (cache keyed by model, server, precision, context,
 * layout and every other input: a shape), and for each request only the core's own
 * `scenarioConfigurations` and `scenarioNodes` run. Fields that need more (the inputs, the alerts,
 * the KV totals, which scale with the concurrency) size each request whole, as does a request with
 * a workload or a cost (known once per shape: those are shape fields). A property test checks both
 * ways against the full sizing on thousands of varied requests.
 *
 * A shape is found by a hash of its fields, then by comparing them all; what a request's node
 * counts are computed from is copied together when the shape is kept. Past a few hundred shapes the
 * time goes to reading memory, not to arithmetic: each object a request reaches is one more wait.
 *
 * `batch --fields` goes one step further: a plain line (src/app/line-scan.ts) is not parsed at all;
 * its shape is found by the bytes of its shape members, and its traffic values read from them.
 * Any other line, and the first line of each shape text, takes the path above.
 *
 * @example
 * const nodes = compileFields(['nodes']);
 * nodes.ok && nodes.value.size({ model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default',
 *   concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' }, catalog)
 * //=> { ok: true, value: { nodes: { minimum: 4, recommended: 5, ideal: 7 } } }
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { HA_MODES, type HaMode, SCENARIO_KEYS, type ScenarioConfiguration, type ScenarioKey, type ScenarioNumbers, scenarioConfigurations, scenarioNodes, scenarioNodesInto, scenarioUnit } from '../core/scenarios.ts';
import { DEFAULTS } from '../core/defaults.ts';
import { type ResolvedNfr, resolveNfr, scenarioCapacities, scenarioFeasible, size, type SizingResult } from '../core/sizing.ts';
import type { SizingPlan } from '../core/plan.ts';
import { workloadRequested } from '../core/workload.ts';
import { costRequested } from '../core/cost.ts';
import { costJson, pricingJson } from '../report/cost.ts';
import type { RenderContext } from '../report/context.ts';
import { performanceJson, workloadJson } from '../report/perf-json.ts';
import { storageJson } from '../report/storage-section.ts';
import type { StorageRecoveryJson } from '../schema/storage-output.ts';
import type { PricingJson, WorkloadJson } from '../schema/output.ts';
import { closest, type Problem, type Result } from '../schema/problems.ts';
import type { SizingRequestInput, ValidatedRequest } from '../schema/request.ts';
import { FIELD_TESTS, quickRequest } from './quick-request.ts';
import { asciiBytes, bytesAre, latin1, type LineScan, newLineScan, scanLine, wordsEqual } from './line-scan.ts';
import { planValidRequest, sizeRequest, sizeValidRequest } from './size-request.ts';

/** The result object of one request: a `batch` line without `line` and `id`. */
export interface ResultObject {
  readonly feasible: boolean;
  readonly inputs: { readonly model: string; readonly server: string; readonly storage: string } & ResolvedNfr;
  readonly kv_bytes_per_session: number;
  readonly scenarios: Readonly<Record<ScenarioKey, { readonly feasible: boolean; readonly results: ScenarioNumbers; readonly performance?: unknown; readonly cost?: unknown }>>;
  readonly alerts: readonly { readonly code: string; readonly severity: string; readonly message: string }[];
  /** Issue 10: the workload and each scenario's performance, only when the request gives a workload field. */
  readonly workload?: WorkloadJson;
  /** Issue 11: the pricing terms (with each scenario's cost), only when the request gives a cost field. */
  readonly pricing?: PricingJson;
  /** Issue 12: the offload tier, only when the request names one. */
  readonly offload?: NonNullable<SizingResult['offload']>;
  /** Issue 12: storage, cold start and recovery, only when the request gives a storage field. */
  readonly storage_recovery?: StorageRecoveryJson | null;
}

export function resultObject(r: SizingResult, ctx: RenderContext): ResultObject {
  const scenarios = {} as Record<ScenarioKey, { feasible: boolean; results: ScenarioNumbers; performance?: unknown; cost?: unknown }>;
  for (const key of SCENARIO_KEYS) {
    const sp = r.scenarios[key].performance ? { performance: performanceJson(r, key) } : {};
    const cost = r.scenarios[key].cost !== undefined ? { cost: costJson(r, key) } : {};
    scenarios[key] = { feasible: r.scenarios[key].feasible, results: r.scenarios[key].results, ...sp, ...cost };
  }
  const { model, server, storage, nfr } = r.inputs;
  return {
    feasible: r.feasible,
    inputs: { model: model.name, server: server.name, storage: storage.name, ...nfr },
    kv_bytes_per_session: r.kv.bytes,
    scenarios,
    alerts: r.alerts.map((a) => ({ code: a.code, severity: a.severity, message: ctx.m.alert(a, ctx.f) })),
    ...(r.workload
      ? { workload: workloadJson(r)! }
      : {}),
    ...(r.cost ? { pricing: pricingJson(r, ctx)! } : {}),
    ...(r.offload ? { offload: r.offload } : {}),
    ...(r.storage !== undefined ? { storage_recovery: storageJson(r.storage, ctx) } : {}),
  };
}

// Every key of a scenario's results and of the resolved inputs (a type error when they change).
const RESULT_KEY_SET: Record<keyof ScenarioNumbers, true> = {
  kv_per_session_gib: true,
  kv_total_gib: true,
  kv_total_tib: true,
  hbm_total_gib: true,
  kv_budget_gib: true,
  sessions_per_node: true,
  nodes_capacity: true,
  nodes_with_headroom: true,
  nodes_final: true,
};
const NFR_KEY_SET: Record<keyof ResolvedNfr, true> = {
  concurrency: true,
  effective_context: true,
  effective_context_used: true,
  kv_precision: true,
  kv_precision_source: true,
  kv_budget_ratio: true,
  runtime_overhead_gib: true,
  runtime_overhead_source: true,
  peak_headroom_ratio: true,
  ha_mode: true,
};
export const RESULT_KEYS = Object.keys(RESULT_KEY_SET) as (keyof ScenarioNumbers)[];
const NODE_KEYS = ['nodes_capacity', 'nodes_with_headroom', 'nodes_final'] as const;
type NodeKey = (typeof NODE_KEYS)[number];
type NodeCounts = Pick<ScenarioNumbers, NodeKey>;
/** Results that scale with the concurrency besides the node counts: asking for them sizes every request whole. */
const CONCURRENCY_RESULTS: ReadonlySet<string> = new Set<keyof ScenarioNumbers>(['kv_total_gib', 'kv_total_tib']);

/**
 * What the fast fields are read from: the part of a sizing that the concurrency, the peak headroom,
 * the HA mode and the storage profile leave unchanged (kept per shape, so it is small).
 */
export interface SizingShape {
  readonly feasible: boolean;
  readonly kv_bytes_per_session: number;
  readonly model: SizingResult['inputs']['model'];
  readonly storage: string;
  readonly effective_context_used: number;
  /** Nodes per replica of the layout (1 without an engine layout): HA adds whole replicas. */
  readonly nodes_per_replica: number;
  /**
   * Each scenario's results and the unit its nodes are counted in (the core's scenarioUnit of its
   * engine capacity; the capacity itself is not kept: thousands of kept shapes were that much more
   * for the scavenger to copy).
   */
  readonly scenarios: Readonly<Record<ScenarioKey, { readonly feasible: boolean; readonly results: ScenarioNumbers; readonly unit: NodeInputs }>>;
}

/**
 * A scenario of a kept shape: its results and unit copied into objects made here. Kept shapes live
 * long, and V8 decides per allocation site whether its objects are made straight in the old
 * generation (pretenuring: most of a site's objects survived). Kept as they came from the core, the
 * thousands of shapes' results told V8 that the core's own sites make long-lived objects, and every
 * later whole sizing in the process (a shape met for the first time, the library's `sizing()`
 * without fields) then made its results in the old generation: ~0.6 of its speed, measured
 * (docs/performance.md).
 */
function keptScenario(feasible: boolean, results: ScenarioNumbers, unit: NodeInputs): SizingShape['scenarios'][ScenarioKey] {
  return { feasible, results: { ...results }, unit: { ...unit } };
}

/** The shape of a whole sizing (a request with a workload or a cost: its results are the workload's). */
function shapeOf(r: SizingResult): SizingShape {
  const s = r.scenarios;
  return {
    feasible: r.feasible,
    kv_bytes_per_session: r.kv.bytes,
    model: r.inputs.model,
    storage: r.inputs.storage.name,
    effective_context_used: r.kv.effective_context_used,
    nodes_per_replica: s.recommended.engine?.layout.nodes_per_replica ?? 1,
    scenarios: {
      minimum: keptScenario(s.minimum.feasible, s.minimum.results, scenarioUnit(s.minimum)),
      recommended: keptScenario(s.recommended.feasible, s.recommended.results, scenarioUnit(s.recommended)),
      ideal: keptScenario(s.ideal.feasible, s.ideal.results, scenarioUnit(s.ideal)),
    },
  };
}

/**
 * The shape of a plan without a workload or a cost, from the core's scenario capacities only (what
 * `size()` starts from, and all it changes of them is the workload's): no alerts, storage or report
 * objects are made for a deployment met for the first time.
 */
function capacityShape(plan: SizingPlan): SizingShape {
  const c = scenarioCapacities(plan);
  const { numbers, engines } = c;
  const minimum = scenarioFeasible(numbers.minimum);
  const recommended = scenarioFeasible(numbers.recommended);
  const ideal = scenarioFeasible(numbers.ideal);
  return {
    feasible: minimum && recommended && ideal,
    kv_bytes_per_session: c.kv.bytes,
    model: plan.entries.model,
    storage: plan.entries.storage.name,
    effective_context_used: c.kv.effective_context_used,
    nodes_per_replica: engines.recommended?.layout.nodes_per_replica ?? 1,
    scenarios: {
      minimum: keptScenario(minimum, numbers.minimum, scenarioUnit({ engine: engines.minimum, results: numbers.minimum })),
      recommended: keptScenario(recommended, numbers.recommended, scenarioUnit({ engine: engines.recommended, results: numbers.recommended })),
      ideal: keptScenario(ideal, numbers.ideal, scenarioUnit({ engine: engines.ideal, results: numbers.ideal })),
    },
  };
}

/** How a field is read: from the shape plus this request's node counts (fast), or from the whole result object. */
type FieldReader =
  | { readonly kind: 'scalar'; read(r: SizingShape, n: Readonly<Record<ScenarioKey, NodeCounts>>): number | boolean | null }
  | { readonly kind: 'per_scenario'; readonly result: keyof ScenarioNumbers }
  | { readonly kind: 'object'; readonly path: readonly string[] };

export function resultOf(r: SizingShape, n: Readonly<Record<ScenarioKey, NodeCounts>>, s: ScenarioKey, key: keyof ScenarioNumbers): number | null {
  return key === 'nodes_capacity' || key === 'nodes_with_headroom' || key === 'nodes_final' ? n[s][key] : r.scenarios[s].results[key];
}

function buildReaders(): Map<string, FieldReader> {
  const m = new Map<string, FieldReader>();
  m.set('nodes', { kind: 'per_scenario', result: 'nodes_final' });
  for (const key of RESULT_KEYS) m.set(key, CONCURRENCY_RESULTS.has(key) ? { kind: 'object', path: ['scenarios', '*', 'results', key] } : { kind: 'per_scenario', result: key });
  m.set('feasible', { kind: 'scalar', read: (r) => r.feasible });
  m.set('kv_bytes_per_session', { kind: 'scalar', read: (r) => r.kv_bytes_per_session });
  m.set('inputs', { kind: 'object', path: ['inputs'] });
  for (const key of ['model', 'server', 'storage', ...Object.keys(NFR_KEY_SET)]) m.set(`inputs.${key}`, { kind: 'object', path: ['inputs', key] });
  m.set('scenarios', { kind: 'object', path: ['scenarios'] });
  for (const s of SCENARIO_KEYS) {
    m.set(`scenarios.${s}`, { kind: 'object', path: ['scenarios', s] });
    m.set(`scenarios.${s}.feasible`, { kind: 'scalar', read: (r) => r.scenarios[s].feasible });
    m.set(`scenarios.${s}.results`, { kind: 'object', path: ['scenarios', s, 'results'] });
    for (const key of RESULT_KEYS) {
      m.set(
        `scenarios.${s}.results.${key}`,
        CONCURRENCY_RESULTS.has(key) ? { kind: 'object', path: ['scenarios', s, 'results', key] } : { kind: 'scalar', read: (r, n) => resultOf(r, n, s, key) },
      );
    }
  }
  m.set('alerts', { kind: 'object', path: ['alerts'] });
  return m;
}
let readers: Map<string, FieldReader> | undefined;
/** Built on first use: `--help` and the text report's start-up do not pay for it. */
function fieldReaders(): Map<string, FieldReader> {
  return (readers ??= buildReaders());
}

/** Every field name `--fields` and `sizing(…, { fields })` accept, in the order `--help` lists them. */
export function fieldNames(): readonly string[] {
  return [...fieldReaders().keys()];
}

/** The value at `path` of a result object; `*` makes an object by scenario. */
function valueAt(o: ResultObject, path: readonly string[]): unknown {
  const star = path.indexOf('*');
  if (star >= 0) {
    const out = {} as Record<ScenarioKey, unknown>;
    for (const s of SCENARIO_KEYS) out[s] = valueAt(o, [...path.slice(0, star), s, ...path.slice(star + 1)]);
    return out;
  }
  let v: unknown = o;
  for (const key of path) v = (v as Record<string, unknown>)[key];
  return v;
}

/** One request's answer: the fields by name, in the order asked. */
export type FieldValues = Record<string, unknown>;

/** A field list checked once, sizing requests to only those fields. */
export interface CompiledFields {
  /** The field names, duplicates removed, in the order given. */
  readonly names: readonly string[];
  /** True when some field needs each request sized whole (inputs, alerts, KV totals). */
  readonly whole: boolean;
  /** Size one raw request (a batch line's object, an API body); `ignoredKeys` are allowed and left out. */
  size(raw: unknown, catalog: CatalogIndex, ctx?: RenderContext, source?: string, ignoredKeys?: readonly string[]): Result<FieldValues>;
  /** The same, with the sizing and node counts already at hand (batch mode writes them itself). */
  sizeParts(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<FieldParts>;
  /**
   * Batch's fast path: the parts of the answer to the line `bytes[start, end)`, read from its bytes
   * when it is plainly a request of a shape already sized (src/app/line-scan.ts); a `ParsedLine`
   * when the line is a plain flat object that must take the full path (`sizeParts` of its `raw`,
   * already parsed); `undefined` otherwise (then `sizeParts` of the parsed line). The parts are valid
   * until the next call.
   */
  lineParts(bytes: Uint8Array, start: number, end: number, catalog: CatalogIndex): LineParts | ParsedLine | undefined;
  /** The answer from its parts. */
  values(parts: FieldParts, ctx?: RenderContext): FieldValues;
  readonly readers: readonly FieldReader[];
}

/** What a field is read from: a sizing shape (the request's own, or one of the same shape), this request's node counts and, when some field needs it, its whole sizing. */
export interface FieldParts {
  readonly shape: SizingShape;
  readonly nodes: Readonly<Record<ScenarioKey, NodeCounts>>;
  readonly result: SizingResult | undefined;
}

/** A `--fields` value: names separated by commas (spaces allowed). */
export function splitFields(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Check a field list: each name must be one of `fieldNames()` (a problem names the field, the value and the list). */
export function compileFields(fields: readonly string[], field = '--fields'): Result<CompiledFields> {
  const problems: Problem[] = [];
  const known = fieldReaders();
  const names = fieldNames();
  if (fields.length === 0) problems.push({ field, value: '', accepted: { kind: 'one_of', values: names } });
  for (const name of fields) {
    if (!known.has(name)) problems.push({ field, value: name, accepted: { kind: 'one_of', values: names, suggestion: closest(name, names) } });
  }
  if (problems.length > 0) return { ok: false, problems };
  const unique = [...new Set(fields)];
  return { ok: true, value: compiled(unique, unique.map((n) => known.get(n)!)) };
}

function compiled(names: readonly string[], readers: readonly FieldReader[]): CompiledFields {
  const whole = readers.some((r) => r.kind === 'object');
  const values = (parts: FieldParts, ctx: RenderContext | undefined): FieldValues => fieldValues(names, readers, parts.shape, parts.nodes, parts.result, ctx);
  const self: CompiledFields = {
    names,
    whole,
    readers,
    sizeParts: (raw, catalog, source, ignoredKeys = []) => (whole ? wholeParts(raw, catalog, source, ignoredKeys) : shapeParts(raw, catalog, source, ignoredKeys)),
    lineParts: (bytes, start, end, catalog) => (whole ? undefined : lineParts(bytes, start, end, catalog)),
    values,
    size(raw, catalog, ctx, source, ignoredKeys = []) {
      if (!whole) {
        // A request of a kept shape: its values straight from the shape (no parts to build).
        const leaf = keptLeaf(raw, ignoredKeys, cacheOf(catalog));
        if (leaf !== undefined) {
          const t = traffic;
          return { ok: true, value: keptValues(names, readers, leaf, configurationsOf(leaf.group, t.peak_headroom_ratio, t.ha), t.concurrency as number) };
        }
      }
      const parts = self.sizeParts(raw, catalog, source, ignoredKeys);
      return parts.ok ? { ok: true, value: values(parts.value, ctx) } : parts;
    },
  };
  return self;
}

/** The answer: each field by its name, in the order asked. */
function fieldValues(
  names: readonly string[],
  readers: readonly FieldReader[],
  shape: SizingShape,
  nodes: Readonly<Record<ScenarioKey, NodeCounts>>,
  result: SizingResult | undefined,
  ctx: RenderContext | undefined,
): FieldValues {
  const out: FieldValues = {};
  let o: ResultObject | undefined;
  for (let i = 0; i < names.length; i++) {
    const reader = readers[i]!;
    if (reader.kind === 'scalar') out[names[i]!] = reader.read(shape, nodes);
    else if (reader.kind === 'per_scenario') {
      out[names[i]!] = {
        minimum: resultOf(shape, nodes, 'minimum', reader.result),
        recommended: resultOf(shape, nodes, 'recommended', reader.result),
        ideal: resultOf(shape, nodes, 'ideal', reader.result),
      };
    } else {
      if (ctx === undefined) throw new Error(`the field ${names[i]} needs a render context (locale) for its messages`);
      if (result === undefined) throw new Error(`the field ${names[i]} needs the whole sizing`);
      o ??= resultObject(result, ctx);
      out[names[i]!] = valueAt(o, reader.path);
    }
  }
  return out;
}

function ownNodes(r: SizingResult): Record<ScenarioKey, NodeCounts> {
  return { minimum: r.scenarios.minimum.results, recommended: r.scenarios.recommended.results, ideal: r.scenarios.ideal.results };
}

/** The parts of a request sized whole; `quickRefused`: its quick check already refused it (the validator explains it). */
function wholeParts(raw: unknown, catalog: CatalogIndex, source: string | undefined, ignoredKeys: readonly string[], quickRefused = false): Result<FieldParts> {
  const request = quickRefused ? undefined : quickRequest(raw, ignoredKeys);
  const sized = request !== undefined ? sizeValidRequest(request, catalog, source) : sizeRequest(raw, catalog, source, ignoredKeys);
  return sized.ok ? { ok: true, value: { shape: shapeOf(sized.value), nodes: ownNodes(sized.value), result: sized.value } } : sized;
}

/** At most this many shapes are kept per catalog; then the cache starts again (memory stays flat). */
const SHAPES_KEPT = 20_000;
/** At most this many line texts point at kept shapes (batch's scanner path), in at most this many words (16 MB); then they start again. */
const TEXTS_KEPT = 50_000;
const KEY_WORDS_KEPT = 1 << 22;
/** At most this many headroom and HA pairs are kept per configuration group; then its list starts again. */
const CONFIGURATIONS_KEPT = 64;
/** At most this many configuration groups are kept per catalog; then they start again. */
const GROUPS_KEPT = 1000;
/**
 * Slots of the hash tables (powers of two): small, so that the tables stay in the processor's
 * caches (a table of a slot per shape kept at most missed them on every line); chains are short at
 * the usual few thousand shapes, and compared by hash first.
 */
const SHAPE_SLOTS = 1 << 12;
const TEXT_SLOTS = 1 << 13;

/**
 * A kept shape: the sizing's shape, its fields (in the request's order, the traffic and ignored keys
 * left out), and its configuration group.
 */
interface Leaf {
  readonly shape: SizingShape;
  /** A request of this shape needs the whole sizing (a workload, a cost): workload and cost fields are shape fields. */
  readonly whole: boolean;
  readonly hash: number;
  /** Its fields: name, value, name, value… (one array: fewer places in memory to read). */
  readonly fields: readonly (number | string)[];
  /** The next leaf in the same slot of the table. */
  readonly next: Leaf | undefined;
  /** What each scenario's node counts are computed from (`NodeInputs`): minimum, recommended, ideal. */
  readonly nodeInputs: readonly [NodeInputs, NodeInputs, NodeInputs];
  /** The scenario configurations of its requests, shared with the shapes of the same KV budget ratio and nodes per replica. */
  readonly group: ConfigurationGroup;
}

/**
 * The scenario configurations of the requests of every shape with the same KV budget ratio (as
 * resolved) and nodes per replica: the core's scenarioConfigurations of those two and of a request's
 * peak headroom and HA mode as resolveNfr resolves them (from the request's own two values and the
 * defaults). A few dozen groups whatever the number of shapes, so they stay in the processor's
 * caches (a list of configurations per shape was ~40,000 of them on the benchmark's 2,000 shapes).
 */
interface ConfigurationGroup {
  /** A shape of the group: its model, context and request are what resolveNfr is given. */
  readonly shape: SizingShape;
  readonly request: SizingRequestInput;
  /** A copy of `request` whose headroom and HA `configurationsOf` sets. */
  scratch: { -readonly [K in keyof SizingRequestInput]: SizingRequestInput[K] } | undefined;
  /** The configurations without a peak headroom, by HA slot (`haSlot`): the most requests'. */
  c0: Record<ScenarioKey, ScenarioConfiguration> | undefined;
  c1: Record<ScenarioKey, ScenarioConfiguration> | undefined;
  c2: Record<ScenarioKey, ScenarioConfiguration> | undefined;
  c3: Record<ScenarioKey, ScenarioConfiguration> | undefined;
  /** The other configurations met: `confKeys` holds each one's HA slot and peak headroom as given, one pair each. */
  readonly confKeys: number[];
  readonly configurations: Record<ScenarioKey, ScenarioConfiguration>[];
}

/** The configuration group of a shape just sized (made when it is the first of its KV budget ratio and nodes per replica). */
function groupOf(cache: ShapeCache, shape: SizingShape, request: SizingRequestInput): ConfigurationGroup {
  const ratio = resolveNfr(shape.model, request, shape.effective_context_used).kv_budget_ratio;
  const key = `${ratio} ${shape.nodes_per_replica}`;
  let group = cache.groups.get(key);
  if (group === undefined) {
    if (cache.groups.size >= GROUPS_KEPT) cache.groups.clear();
    group = { shape, request, scratch: undefined, c0: undefined, c1: undefined, c2: undefined, c3: undefined, confKeys: [], configurations: [] };
    cache.groups.set(key, group);
  }
  return group;
}

/**
 * What a scenario's node counts are computed from: the unit the core's scenarioNodes counts in (a
 * node, or a replica over several nodes: the core's scenarioUnit) and its sessions, copied together (the
 * shape's own objects lie apart in memory, and reading them was most of a request's time once shapes
 * were many).
 */
interface NodeInputs {
  readonly sessions: number;
  readonly nodes: number;
}

/** The slot of an HA mode as given (already checked to be undefined or one of HA_MODES). */
function haSlot(ha: unknown): number {
  return ha === undefined ? 0 : ha === 'none' ? 1 : ha === 'n+1' ? 2 : 3;
}

/**
 * The scenario configurations of a request of this group: the core's resolveNfr and
 * scenarioConfigurations, once per headroom and HA (both already checked).
 */
function configurationsOf(group: ConfigurationGroup, peakHeadroomRatio: unknown, ha: unknown): Record<ScenarioKey, ScenarioConfiguration> {
  const slot = haSlot(ha);
  if (peakHeadroomRatio === undefined) {
    const kept = slot === 0 ? group.c0 : slot === 1 ? group.c1 : slot === 2 ? group.c2 : group.c3;
    if (kept !== undefined) return kept;
  }
  const h = peakHeadroomRatio as number;
  const keys = group.confKeys;
  if (peakHeadroomRatio !== undefined) for (let i = 0; i < keys.length; i += 2) if (keys[i] === slot && keys[i + 1] === h) return group.configurations[i >> 1]!;
  const { shape } = group;
  // The group's validated request with this headroom and HA (a copy kept per group: no copy per call).
  const request = (group.scratch ??= { ...group.request });
  // (Absent and undefined read the same: `?? default`.)
  request.peak_headroom_ratio = peakHeadroomRatio as number;
  request.ha = ha as HaMode;
  const nfr = resolveNfr(shape.model, request, shape.effective_context_used);
  const c = scenarioConfigurations({ peak_headroom_ratio: nfr.peak_headroom_ratio, ha: nfr.ha_mode, kv_budget_ratio: nfr.kv_budget_ratio, nodes_per_replica: shape.nodes_per_replica });
  if (peakHeadroomRatio === undefined) {
    if (slot === 0) group.c0 = c;
    else if (slot === 1) group.c1 = c;
    else if (slot === 2) group.c2 = c;
    else group.c3 = c;
    return c;
  }
  if (group.configurations.length >= CONFIGURATIONS_KEPT) {
    keys.length = 0;
    group.configurations.length = 0;
  }
  keys.push(slot, h);
  group.configurations.push(c);
  return c;
}

/** One scenario's node counts for this concurrency, as the core's size() computes them from the same sizing. */
function scenarioNodeCounts(n: NodeInputs, c: ScenarioConfiguration, concurrency: number): NodeCounts {
  return scenarioNodes(concurrency, n.sessions, c.peak_headroom_ratio, c.ha_extra_nodes, n.nodes);
}
function nodeCounts(leaf: Leaf, c: Record<ScenarioKey, ScenarioConfiguration>, concurrency: number): Record<ScenarioKey, NodeCounts> {
  const n = leaf.nodeInputs;
  return {
    minimum: scenarioNodeCounts(n[0], c.minimum, concurrency),
    recommended: scenarioNodeCounts(n[1], c.recommended, concurrency),
    ideal: scenarioNodeCounts(n[2], c.ideal, concurrency),
  };
}

/** The node counts `keptValues` reads one of at a time (the core's scenarioNodesInto: no record made per request). */
const scratchCounts: { -readonly [K in NodeKey]: NodeCounts[K] } = { nodes_capacity: null, nodes_with_headroom: null, nodes_final: null };

/**
 * The answer of a request of a kept shape: each field by its name (as `fieldValues`), the node
 * counts of a per-scenario field computed where they are read (no record of them to build).
 */
function keptValues(names: readonly string[], readers: readonly FieldReader[], leaf: Leaf, c: Record<ScenarioKey, ScenarioConfiguration>, concurrency: number): FieldValues {
  const out: FieldValues = {};
  const shape = leaf.shape;
  let nodes: Record<ScenarioKey, NodeCounts> | undefined;
  for (let i = 0; i < names.length; i++) {
    const reader = readers[i]!;
    if (reader.kind === 'per_scenario') {
      const k = reader.result;
      if (k === 'nodes_capacity' || k === 'nodes_with_headroom' || k === 'nodes_final') {
        const n = leaf.nodeInputs;
        const t = scratchCounts;
        const minimum = scenarioNodesInto(t, concurrency, n[0].sessions, c.minimum.peak_headroom_ratio, c.minimum.ha_extra_nodes, n[0].nodes)[k];
        const recommended = scenarioNodesInto(t, concurrency, n[1].sessions, c.recommended.peak_headroom_ratio, c.recommended.ha_extra_nodes, n[1].nodes)[k];
        const ideal = scenarioNodesInto(t, concurrency, n[2].sessions, c.ideal.peak_headroom_ratio, c.ideal.ha_extra_nodes, n[2].nodes)[k];
        out[names[i]!] = { minimum, recommended, ideal };
      } else {
        const s = shape.scenarios;
        out[names[i]!] = { minimum: s.minimum.results[k], recommended: s.recommended.results[k], ideal: s.ideal.results[k] };
      }
    } else if (reader.kind === 'scalar') out[names[i]!] = reader.read(shape, (nodes ??= nodeCounts(leaf, c, concurrency)));
    // (An object field makes the list whole: never sized from a kept shape.)
    else throw new Error(`the field ${names[i]} needs the whole sizing`);
  }
  return out;
}

/** A batch line text (its shape runs, as words: `runsWords` of src/app/line-scan.ts) kept, and the shape it was found to be. */
interface TextEntry {
  readonly hash: number;
  /** Where its words are in the cache's `keys`, and how many. */
  readonly keyAt: number;
  readonly keyLength: number;
  readonly leaf: Leaf;
  readonly next: TextEntry | undefined;
  // What a line of this text needs, copied from its leaf: one object to read per line (each object
  // more was one more wait for memory once shapes were many).
  readonly whole: boolean;
  readonly feasible: boolean;
  readonly shape: SizingShape;
  readonly group: ConfigurationGroup;
  /** Each scenario's node unit (`NodeInputs`): minimum, recommended, ideal. */
  readonly sessions0: number;
  readonly nodes0: number;
  readonly sessions1: number;
  readonly nodes1: number;
  readonly sessions2: number;
  readonly nodes2: number;
}

function textEntry(cache: ShapeCache, hash: number, s: LineScan, leaf: Leaf, next: TextEntry | undefined): TextEntry {
  const [n0, n1, n2] = leaf.nodeInputs;
  // The words go after the others kept, in one array (the words of the texts lines compare with lie together).
  const keyLength = s.wordCount;
  if (cache.keysUsed + keyLength > cache.keys.length) {
    const grown = new Int32Array(Math.max(2 * cache.keys.length, cache.keysUsed + keyLength));
    grown.set(cache.keys.subarray(0, cache.keysUsed));
    cache.keys = grown;
  }
  const keyAt = cache.keysUsed;
  cache.keys.set(s.words.subarray(0, keyLength), keyAt);
  cache.keysUsed += keyLength;
  return {
    hash,
    keyAt,
    keyLength,
    leaf,
    next,
    whole: leaf.whole,
    feasible: leaf.shape.feasible,
    shape: leaf.shape,
    group: leaf.group,
    sessions0: n0.sessions,
    nodes0: n0.nodes,
    sessions1: n1.sessions,
    nodes1: n1.nodes,
    sessions2: n2.sessions,
    nodes2: n2.nodes,
  };
}

interface ShapeCache {
  /** Kept shapes by the hash of their fields (`readShape`), chained. */
  shapes: (Leaf | undefined)[];
  size: number;
  readonly storage: ReadonlySet<string>;
  /** The storage profiles' names as bytes, those in ASCII (the line scanner's storage check). */
  readonly storageBytes: readonly Uint8Array[];
  /** Batch lines' shape runs (src/app/line-scan.ts) by their hash, chained, to the shape they were found to be. */
  texts: (TextEntry | undefined)[];
  textCount: number;
  /** The kept texts' words, one after the other (`TextEntry.keyAt`), the first `keysUsed` of them. */
  keys: Int32Array;
  keysUsed: number;
  /** Configuration groups by KV budget ratio and nodes per replica (`groupOf`). */
  readonly groups: Map<string, ConfigurationGroup>;
}
const shapeCaches = new WeakMap<CatalogIndex, ShapeCache>();

/** The last catalog's cache (most callers use one catalog): no WeakMap lookup per request. */
let lastCatalog: CatalogIndex | undefined;
let lastCache: ShapeCache | undefined;
function cacheOf(catalog: CatalogIndex): ShapeCache {
  if (catalog === lastCatalog) return lastCache!;
  let cache = shapeCaches.get(catalog);
  if (cache === undefined) {
    const storage = catalog.names('storage');
    cache = {
      shapes: new Array(SHAPE_SLOTS).fill(undefined),
      size: 0,
      storage: new Set(storage),
      storageBytes: storage.map(asciiBytes).filter((b) => b !== undefined),
      texts: new Array(TEXT_SLOTS).fill(undefined),
      textCount: 0,
      keys: new Int32Array(1 << 14),
      keysUsed: 0,
      groups: new Map(),
    };
    shapeCaches.set(catalog, cache);
  }
  lastCatalog = catalog;
  lastCache = cache;
  return cache;
}

/** The values of the fields a shape leaves out, as the last `readShape` call read them. */
const traffic = { concurrency: undefined as unknown, storage: undefined as unknown, peak_headroom_ratio: undefined as unknown, ha: undefined as unknown };
/** The shape fields the last `readShape` call read (the first `fieldCount`). */
const fieldKeys: string[] = [];
const fieldValues_: (number | string)[] = [];
let fieldCount = 0;

/** A hash of a field name: its length and a few of its characters (names are few; the values tell shapes apart). */
function keyHash(k: string): number {
  const n = k.length;
  return n === 0 ? 0 : n ^ (k.charCodeAt(0) << 8) ^ (k.charCodeAt(n - 1) << 16) ^ (k.charCodeAt(n >> 1) << 24);
}
/** A hash of a field value: a number's integer part and scaled fraction; a string's length and some of its characters (its end, where names differ most). */
function valueHash(v: number | string): number {
  if (typeof v === 'number') return (v | 0) ^ Math.imul((v * 1048576) | 0, 0x9e3779b1);
  const n = v.length;
  if (n === 0) return 0x5bd1e995;
  let h = Math.imul(n ^ v.charCodeAt(0), 0x01000193) ^ v.charCodeAt(n >> 1);
  h = Math.imul(h, 0x01000193) ^ v.charCodeAt(n - 1);
  if (n > 2) h = Math.imul(h, 0x01000193) ^ v.charCodeAt(n - 2) ^ (v.charCodeAt(n - 3) << 8) ^ (v.charCodeAt(n >> 2) << 16);
  return h;
}

/**
 * Read a raw request's shape: its fields but the concurrency, the peak headroom, the HA mode and the
 * storage profile (they change only the node counts, the alerts and the echoed inputs), whose values
 * it leaves in `traffic`, the others in `fieldKeys`/`fieldValues_` (one pass over the request's keys:
 * reading them by name from requests of many different key sets was most of the time). The hash of
 * the shape fields, in order; `null` when some value is neither a number nor a string (never a valid
 * request), or is -0.
 */
function readShape(raw: unknown, ignoredKeys: readonly string[]): number | null {
  if (raw === null || typeof raw !== 'object') return null;
  // A plain object (JSON.parse's, a literal): `for in` then sees its own keys only.
  const proto: unknown = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return null;
  const record = raw as Record<string, unknown>;
  const t = traffic;
  t.concurrency = t.storage = t.peak_headroom_ratio = t.ha = undefined;
  const ignored0 = ignoredKeys.length === 1 ? ignoredKeys[0] : undefined;
  let n = 0;
  let h = 0x811c9dc5;
  for (const k in record) {
    const v = record[k];
    if (k === 'concurrency') t.concurrency = v;
    else if (k === 'storage') t.storage = v;
    else if (k === 'peak_headroom_ratio') t.peak_headroom_ratio = v;
    else if (k === 'ha') t.ha = v;
    else if (k === ignored0 || (ignoredKeys.length > 1 && ignoredKeys.includes(k))) continue;
    else {
      if (typeof v !== 'number' && typeof v !== 'string') return null;
      // -0 and 0 are equal to ===: -0 takes the full path.
      if (v === 0 && 1 / v < 0) return null;
      h = Math.imul(Math.imul(h ^ keyHash(k), 0x01000193) ^ valueHash(v), 0x01000193);
      fieldKeys[n] = k;
      fieldValues_[n] = v;
      n++;
    }
  }
  fieldCount = n;
  return (h ^ (h >>> 15)) | 0;
}

/** Forget the kept line texts (they start again: memory stays flat). */
function forgetTexts(cache: ShapeCache): void {
  cache.texts.fill(undefined);
  cache.textCount = 0;
  cache.keysUsed = 0;
}

/** The kept leaf whose fields are those `readShape` just read, with their hash. */
function findLeaf(cache: ShapeCache, hash: number): Leaf | undefined {
  const n = fieldCount;
  for (let leaf = cache.shapes[hash & (SHAPE_SLOTS - 1)]; leaf !== undefined; leaf = leaf.next) {
    const fields = leaf.fields;
    if (leaf.hash !== hash || fields.length !== 2 * n) continue;
    let i = 0;
    while (i < n && fields[2 * i] === fieldKeys[i] && fields[2 * i + 1] === fieldValues_[i]) i++;
    if (i === n) return leaf;
  }
  return undefined;
}

/**
 * The kept leaf of a raw request whose traffic values pass the quick checks, and which needs no
 * whole sizing; its traffic values are in `traffic`. A shape is only ever kept after its request
 * was validated and sized, so finding it vouches for every field in it; the traffic fields are
 * checked here.
 */
function keptLeaf(raw: unknown, ignoredKeys: readonly string[], cache: ShapeCache): Leaf | undefined {
  const hash = readShape(raw, ignoredKeys);
  if (hash === null) return undefined;
  const leaf = findLeaf(cache, hash);
  if (leaf === undefined || leaf.whole) return undefined;
  const t = traffic;
  return trafficOk(cache, t.concurrency, t.storage, t.peak_headroom_ratio, t.ha) ? leaf : undefined;
}

/** Keep the shape of a request just validated and sized (the one `readShape` just read, with its hash). */
function keepLeaf(cache: ShapeCache, hash: number, shape: SizingShape, request: SizingRequestInput, whole: boolean): Leaf {
  if (cache.size >= SHAPES_KEPT) {
    cache.shapes.fill(undefined);
    cache.size = 0;
    forgetTexts(cache);
  }
  const slot = hash & (SHAPE_SLOTS - 1);
  // Name, value, name, value… (a loop: flatMap made an array per field, ~700 bytes of garbage per shape).
  const fields: (number | string)[] = [];
  for (let i = 0; i < fieldCount; i++) fields.push(fieldKeys[i]!, fieldValues_[i]!);
  const leaf: Leaf = {
    shape,
    whole,
    hash,
    fields,
    next: cache.shapes[slot],
    nodeInputs: [shape.scenarios.minimum.unit, shape.scenarios.recommended.unit, shape.scenarios.ideal.unit],
    group: groupOf(cache, shape, request),
  };
  cache.shapes[slot] = leaf;
  cache.size++;
  return leaf;
}

const test = (field: string): ((v: unknown) => boolean) => FIELD_TESTS.get(field)!.test;
const CONCURRENCY_OK = test('concurrency');
const HEADROOM_OK = test('peak_headroom_ratio');
// Exact values only: a value in other case (`N+1`) goes the whole way, where it is made canonical.
const HA_OK = (v: unknown): boolean => (HA_MODES as readonly unknown[]).includes(v);

/** The traffic values a shape leaves out pass the quick checks (storage: a catalog name as written). */
function trafficOk(cache: ShapeCache, concurrency: unknown, storage: unknown, peakHeadroomRatio: unknown, ha: unknown): boolean {
  return (
    CONCURRENCY_OK(concurrency) &&
    (storage === undefined ? cache.storage.has(DEFAULTS.storage) : cache.storage.has(storage as string)) &&
    (peakHeadroomRatio === undefined || HEADROOM_OK(peakHeadroomRatio)) &&
    (ha === undefined || HA_OK(ha))
  );
}

/** A request whose answer needs the whole sizing (a workload's latencies, a cost): never from the shape cache. */
function sizedWhole(raw: unknown): boolean {
  const r = raw as SizingRequestInput;
  return workloadRequested(r) || costRequested(r);
}

/**
 * The parts of a request's answer: from its kept shape when there is one and its traffic passes the
 * quick checks; else sized (and its shape kept, when it is plainly valid).
 */
function shapeParts(raw: unknown, catalog: CatalogIndex, source: string | undefined, ignoredKeys: readonly string[]): Result<FieldParts> {
  const cache = cacheOf(catalog);
  const hash = readShape(raw, ignoredKeys);
  // Not plainly valid: the full path explains (or, should the quick checks be too strict, sizes it).
  if (hash === null) return wholeParts(raw, catalog, source, ignoredKeys);
  const leaf = findLeaf(cache, hash);
  const t = traffic;
  const { concurrency, peak_headroom_ratio, ha } = t;
  if (leaf !== undefined && !leaf.whole && trafficOk(cache, concurrency, t.storage, peak_headroom_ratio, ha)) {
    // The request passed every field test: it is its own validated form.
    const nodes = nodeCounts(leaf, configurationsOf(leaf.group, peak_headroom_ratio, ha), concurrency as number);
    return { ok: true, value: { shape: leaf.shape, nodes, result: undefined } };
  }
  const valid = quickRequest(raw, ignoredKeys);
  // Not plainly valid (quickRequest refused it): the validator explains it.
  if (valid === undefined) return wholeParts(raw, catalog, source, ignoredKeys, true);
  const sized = sizeKeeping(valid, raw, catalog, source, cache, hash);
  return sized.ok ? { ok: true, value: { shape: sized.value.shape, nodes: shapeNodes(sized.value.shape), result: undefined } } : sized;
}

/** The node counts a shape was sized with (its own request's). */
function shapeNodes(shape: SizingShape): Record<ScenarioKey, NodeCounts> {
  const s = shape.scenarios;
  return { minimum: s.minimum.results, recommended: s.recommended.results, ideal: s.ideal.results };
}

/**
 * Size a request that `readShape` just read (its hash) and that `quickRequest` passed (`valid`, its
 * validated form), and keep its shape: problems when the planner refuses it.
 */
function sizeKeeping(
  valid: ValidatedRequest,
  raw: unknown,
  catalog: CatalogIndex,
  source: string | undefined,
  cache: ShapeCache,
  hash: number,
): Result<{ leaf: Leaf; shape: SizingShape }> {
  const planned = planValidRequest(valid, catalog, source);
  if (!planned.ok) return planned;
  // A workload (issue 10) sizes with latencies, a cost with prices: each such request is sized whole.
  const whole = sizedWhole(raw);
  const shape = whole ? shapeOf(size(planned.value)) : capacityShape(planned.value);
  // (quickRequest and the sizing read nothing `readShape` keeps: its fields are still this request's.)
  const leaf = findLeaf(cache, hash) ?? keepLeaf(cache, hash, shape, valid, whole);
  return { ok: true, value: { leaf, shape } };
}

/**
 * A plain batch line (a flat object, JSON.parse's value of its text) whose answer takes the full path:
 * `parsedParts` of it (which is `sizeParts` of `raw`).
 */
export interface ParsedLine {
  readonly raw: unknown;
  readonly scan?: undefined;
  /**
   * Found not plainly valid as it was read: `quickRequest` refused it (`request` undefined), or the
   * planner refused `request`, its quick check's answer. Then `sizeParts` would find the same again
   * before it explains the line (no kept shape, the same quick check, the same plan).
   */
  readonly refused: boolean;
  readonly request: ValidatedRequest | undefined;
}

/**
 * The parts of a `ParsedLine` (with the source its problems carry): `sizeParts(line.raw, catalog,
 * source, ['id'])` of `compileFields` of a list answered from shapes, without finding again what the
 * scanner's path found.
 */
export function parsedParts(line: ParsedLine, fields: CompiledFields, catalog: CatalogIndex, source: string): Result<FieldParts> {
  if (!line.refused || fields.whole) return fields.sizeParts(line.raw, catalog, source, ID_KEY);
  if (line.request !== undefined) {
    const planned = planValidRequest(line.request, catalog, source);
    // (It was refused without a source: a source changes no outcome.)
    if (!planned.ok) return planned;
  }
  return wholeParts(line.raw, catalog, source, ID_KEY, true);
}

/** A batch line's parts, read from its bytes (`CompiledFields.lineParts`), and where its `id` is. */
interface LineParts extends FieldParts {
  /** The line's scan: its id (`idKind`, `idStart`, `idEnd`, `idNumber`). */
  readonly scan: LineScan;
  /** The shape's `feasible`. */
  readonly feasible: boolean;
}

const scan = newLineScan();
const ID_KEY = ['id'] as const;
const HA_BYTES = HA_MODES.map((m) => asciiBytes(m)!);

/** The storage profile named by `b[a, e)`, as a catalog name written exactly, or undefined. */
function storageAt(cache: ShapeCache, b: Uint8Array, a: number, e: number): boolean {
  const names = cache.storageBytes;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name.length === e - a && bytesAre(b, a, name)) return true;
  }
  return false;
}

/** The line parts handed out (valid until the next line). */
const emptyCounts = (): { -readonly [K in NodeKey]: NodeCounts[K] } => ({ nodes_capacity: null, nodes_with_headroom: null, nodes_final: null });
const lineOut: { shape: SizingShape; feasible: boolean; readonly nodes: Record<ScenarioKey, { -readonly [K in NodeKey]: NodeCounts[K] }>; result: undefined; scan: LineScan } = {
  shape: undefined as unknown as SizingShape,
  feasible: false,
  nodes: { minimum: emptyCounts(), recommended: emptyCounts(), ideal: emptyCounts() },
  result: undefined,
  scan,
};

/**
 * Batch's fast path: a line that is plainly a request (src/app/line-scan.ts) of a kept shape, with
 * traffic values that pass the quick checks, answered from its bytes without JSON.parse. The shape is
 * found by the line's shape runs; runs not met yet are parsed once and looked up as an object (and
 * sized, when the shape is new and the request plainly valid). `undefined`: the full path must run
 * (and then explains any problem).
 */
function lineParts(b: Uint8Array, start: number, end: number, catalog: CatalogIndex): LineParts | ParsedLine | undefined {
  const s = scan;
  if (!scanLine(b, start, end, s)) return undefined;
  const cache = cacheOf(catalog);
  // The traffic values: the quick checks, on the values as read.
  if (!CONCURRENCY_OK(s.concurrency)) return undefined;
  if (s.peak_headroom_ratio !== undefined && !HEADROOM_OK(s.peak_headroom_ratio)) return undefined;
  if (s.storageStart < 0 ? !cache.storage.has(DEFAULTS.storage) : !storageAt(cache, b, s.storageStart, s.storageEnd)) return undefined;
  let ha: HaMode | undefined;
  if (s.haStart >= 0) {
    const n = s.haEnd - s.haStart;
    for (let i = 0; i < HA_MODES.length; i++) {
      if (HA_BYTES[i]!.length === n && bytesAre(b, s.haStart, HA_BYTES[i]!)) {
        ha = HA_MODES[i];
        break;
      }
    }
    if (ha === undefined) return undefined;
  }
  const hash = s.hash;
  let entry = cache.texts[hash & (TEXT_SLOTS - 1)];
  const keys = cache.keys;
  while (entry !== undefined && !(entry.hash === hash && wordsEqual(s, keys, entry.keyAt, entry.keyLength))) entry = entry.next;
  if (entry === undefined) {
    const leaf = textLeaf(b, start, end, catalog, cache);
    if (leaf === parsedOnly) return parsed;
    if (leaf === undefined) return undefined;
    if (cache.textCount >= TEXTS_KEPT || cache.keysUsed + s.wordCount > KEY_WORDS_KEPT) forgetTexts(cache);
    const slot = hash & (TEXT_SLOTS - 1);
    cache.texts[slot] = entry = textEntry(cache, hash, s, leaf, cache.texts[slot]);
    cache.textCount++;
  }
  if (entry.whole) return undefined;
  const c = configurationsOf(entry.group, s.peak_headroom_ratio, ha);
  const concurrency = s.concurrency!;
  const out = lineOut;
  out.shape = entry.shape;
  out.feasible = entry.feasible;
  // The node counts of the core's scenarioNodes, written into the record handed out with each line.
  const n = out.nodes;
  const m = c.minimum;
  scenarioNodesInto(n.minimum, concurrency, entry.sessions0, m.peak_headroom_ratio, m.ha_extra_nodes, entry.nodes0);
  const r = c.recommended;
  scenarioNodesInto(n.recommended, concurrency, entry.sessions1, r.peak_headroom_ratio, r.ha_extra_nodes, entry.nodes1);
  const i = c.ideal;
  scenarioNodesInto(n.ideal, concurrency, entry.sessions2, i.peak_headroom_ratio, i.ha_extra_nodes, entry.nodes2);
  return out;
}

/**
 * The shape of a plain line whose shape runs are not kept yet: parsed, then found among the kept
 * shapes, or sized and kept when it is plainly valid. `undefined` when the full path must run.
 */
function textLeaf(b: Uint8Array, start: number, end: number, catalog: CatalogIndex, cache: ShapeCache): Leaf | typeof parsedOnly | undefined {
  let raw: unknown;
  try {
    // Plain lines are ASCII: a character per byte is their text.
    raw = JSON.parse(latin1(b, start, end));
  } catch {
    return undefined;
  }
  // A line the scanner read is a flat object: from here on, what the full path would parse is `raw`.
  parsed.raw = raw;
  parsed.refused = false;
  parsed.request = undefined;
  const hash = readShape(raw, ID_KEY);
  if (hash === null) return parsedOnly;
  const found = findLeaf(cache, hash);
  if (found !== undefined) return found;
  const valid = quickRequest(raw, ID_KEY);
  const sized = valid === undefined ? undefined : sizeKeeping(valid, raw, catalog, undefined, cache, hash);
  if (sized?.ok) return sized.value.leaf;
  // Refused (by the quick check, or by the planner: `valid` is then its plan's request): the full
  // path explains it with the line's own source.
  parsed.refused = true;
  parsed.request = valid;
  return parsedOnly;
}
/** What `textLeaf` says of a line it parsed that must take the full path (its value in `parsed`). */
const parsedOnly: unique symbol = Symbol('parsed only');
const parsed: { raw: unknown; readonly scan?: undefined; refused: boolean; request: ValidatedRequest | undefined } = { raw: undefined, refused: false, request: undefined };

/** The compiled lists by their names joined; the last one asked is checked first (no key to build). */
const compiledByList = new Map<string, CompiledFields>();
let lastFields: readonly string[] | undefined;
let lastNames: readonly string[] = [];
let lastCompiled: CompiledFields | undefined;

/**
 * Size one request, answering only `fields` (see the module comment). Bad input, or an unknown field,
 * gives problems. Fields with messages (`alerts`, `inputs`…) need `ctx` for the locale. An `id`, as
 * a batch line may carry, is left out.
 */
export function sizingFields(request: unknown, fields: readonly string[], catalog: CatalogIndex, ctx?: RenderContext): Result<FieldValues> {
  let c: CompiledFields | undefined;
  if (fields === lastFields && sameNames(fields, lastNames)) c = lastCompiled!;
  else {
    const listKey = fields.join(',');
    c = compiledByList.get(listKey);
    if (c === undefined) {
      const checked = compileFields(fields, 'fields');
      if (!checked.ok) return checked;
      c = checked.value;
      if (compiledByList.size < 1000) compiledByList.set(listKey, c);
    }
    // The array may change after this call: its names are kept as they are now.
    lastFields = fields;
    lastNames = [...fields];
    lastCompiled = c;
  }
  return c.size(request, catalog, ctx, undefined, ID_KEY);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
