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
 * layout and every other input), and for each request only the core's own `scenarioConfigurations`
 * and `scenarioNodes` run. Fields that need more (the inputs, the alerts, the KV totals, which scale
 * with the concurrency) size each request whole. A property test checks both ways against the full
 * sizing on thousands of varied requests.
 *
 * `batch --fields` goes one step further: a plain line (src/app/line-scan.ts) is not parsed at all;
 * its shape is found by the text of its shape members, and its traffic values read from the text.
 * Any other line, and the first line of each shape text, takes the path above.
 *
 * @example
 * const nodes = compileFields(['nodes']);
 * nodes.ok && nodes.value.size({ model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default',
 *   concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' }, catalog)
 * //=> { ok: true, value: { nodes: { minimum: 4, recommended: 5, ideal: 7 } } }
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { HA_MODES, type HaMode, SCENARIO_KEYS, type ScenarioConfiguration, type ScenarioKey, type ScenarioNumbers, scenarioConfigurations, scenarioNodes } from '../core/scenarios.ts';
import { DEFAULTS } from '../core/defaults.ts';
import { engineNodes, type ResolvedNfr, resolveNfr, type SizingResult } from '../core/sizing.ts';
import { workloadRequested } from '../core/workload.ts';
import { costRequested } from '../core/cost.ts';
import { costJson, pricingJson } from '../report/cost.ts';
import type { RenderContext } from '../report/context.ts';
import { performanceJson, workloadJson } from '../report/perf-json.ts';
import type { PricingJson, WorkloadJson } from '../schema/output.ts';
import { closest, type Problem, type Result } from '../schema/problems.ts';
import type { SizingRequestInput } from '../schema/request.ts';
import { FIELD_TESTS, quickRequest } from './quick-request.ts';
import { newLineScan, scanLine } from './line-scan.ts';
import { sizeRequest, sizeValidRequest } from './size-request.ts';

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
  readonly scenarios: Readonly<Record<ScenarioKey, { readonly feasible: boolean; readonly results: ScenarioNumbers; readonly engine: SizingResult['scenarios'][ScenarioKey]['engine'] }>>;
}

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
      minimum: { feasible: s.minimum.feasible, results: s.minimum.results, engine: s.minimum.engine },
      recommended: { feasible: s.recommended.feasible, results: s.recommended.results, engine: s.recommended.engine },
      ideal: { feasible: s.ideal.feasible, results: s.ideal.results, engine: s.ideal.engine },
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
   * Batch's fast path: the parts of the answer to the line `text[start, end)` (`bytes`: its
   * characters as bytes at the same offsets, ASCII), read from its text when it is plainly a request
   * of a shape already sized; `undefined` otherwise (then `sizeParts` of the parsed line).
   */
  lineParts(text: string, bytes: Uint8Array, start: number, end: number, catalog: CatalogIndex): LineParts | undefined;
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
  const self: CompiledFields = {
    names,
    whole,
    readers,
    sizeParts: (raw, catalog, source, ignoredKeys = []) => (whole ? wholeParts(raw, catalog, source, ignoredKeys) : shapeParts(raw, catalog, source, ignoredKeys)),
    lineParts: (text, bytes, start, end, catalog) => (whole ? undefined : lineParts(text, bytes, start, end, catalog)),
    values(parts, ctx) {
      const out: FieldValues = {};
      let o: ResultObject | undefined;
      for (let i = 0; i < names.length; i++) {
        const reader = readers[i]!;
        if (reader.kind === 'scalar') out[names[i]!] = reader.read(parts.shape, parts.nodes);
        else if (reader.kind === 'per_scenario') {
          out[names[i]!] = {
            minimum: resultOf(parts.shape, parts.nodes, 'minimum', reader.result),
            recommended: resultOf(parts.shape, parts.nodes, 'recommended', reader.result),
            ideal: resultOf(parts.shape, parts.nodes, 'ideal', reader.result),
          };
        } else {
          if (ctx === undefined) throw new Error(`the field ${names[i]} needs a render context (locale) for its messages`);
          if (parts.result === undefined) throw new Error(`the field ${names[i]} needs the whole sizing`);
          o ??= resultObject(parts.result, ctx);
          out[names[i]!] = valueAt(o, reader.path);
        }
      }
      return out;
    },
    size(raw, catalog, ctx, source, ignoredKeys) {
      const parts = self.sizeParts(raw, catalog, source, ignoredKeys);
      return parts.ok ? { ok: true, value: self.values(parts.value, ctx) } : parts;
    },
  };
  return self;
}

function ownNodes(r: SizingResult): Record<ScenarioKey, NodeCounts> {
  return { minimum: r.scenarios.minimum.results, recommended: r.scenarios.recommended.results, ideal: r.scenarios.ideal.results };
}

function wholeParts(raw: unknown, catalog: CatalogIndex, source: string | undefined, ignoredKeys: readonly string[]): Result<FieldParts> {
  const request = quickRequest(raw, ignoredKeys);
  const sized = request !== undefined ? sizeValidRequest(request, catalog, source) : sizeRequest(raw, catalog, source, ignoredKeys);
  return sized.ok ? { ok: true, value: { shape: shapeOf(sized.value), nodes: ownNodes(sized.value), result: sized.value } } : sized;
}

/** At most this many shapes are kept per catalog; then the cache starts again (memory stays flat). */
const SHAPES_KEPT = 20_000;
/** At most this many line texts point at kept shapes (batch's scanner path); then they start again. */
const TEXTS_KEPT = 50_000;
/** At most this many peak headrooms are kept per shape and HA mode; then that map starts again. */
const HEADROOMS_KEPT = 64;

/** A kept shape: the sizing's shape, the validated request it was sized from, its scenario configurations met so far. */
interface Leaf {
  readonly shape: SizingShape;
  readonly request: SizingRequestInput;
  /** A copy of `request` whose headroom and HA `configurationsOf` sets. */
  scratch: { -readonly [K in keyof SizingRequestInput]: SizingRequestInput[K] } | undefined;
  /** By HA mode as given (`haSlot`), then peak headroom as given (-1: not given). */
  readonly configurations: (Map<number, Record<ScenarioKey, ScenarioConfiguration>> | undefined)[];
}

/** The slot of an HA mode as given (already checked to be undefined or one of HA_MODES). */
function haSlot(ha: unknown): number {
  return ha === undefined ? 0 : ha === 'none' ? 1 : ha === 'n+1' ? 2 : 3;
}

/**
 * Shapes by the values of their fields, one level per field, in the order the request lists them:
 * no key to build. A level goes on by a field name, then its value (a number or a string, told
 * apart by type). Most levels see one field name and, past the model and server, one value: `key`,
 * `value` and `next` hold the first ones met (compared directly: a map per level missed the
 * processor's caches at every level once shapes were many), `values` and `others` the rest.
 */
interface ShapeNode {
  key: string | undefined;
  value: number | string | undefined;
  next: ShapeNode | undefined;
  /** Other values of `key`. */
  values: Map<number | string, ShapeNode> | undefined;
  /** Other field names, then their values. */
  others: Map<string, Map<number | string, ShapeNode>> | undefined;
  leaf: Leaf | undefined;
}

/**
 * The scenario configurations of a request of this shape: the core's resolveNfr and
 * scenarioConfigurations, once per headroom and HA (both already checked).
 */
function configurationsOf(leaf: Leaf, peakHeadroomRatio: unknown, ha: unknown): Record<ScenarioKey, ScenarioConfiguration> {
  const slot = haSlot(ha);
  const h = peakHeadroomRatio === undefined ? -1 : (peakHeadroomRatio as number);
  let byHeadroom = leaf.configurations[slot];
  let c = byHeadroom?.get(h);
  if (c !== undefined) return c;
  const { shape } = leaf;
  // The shape's own validated request with this headroom and HA (a copy kept per shape: no copy per call).
  const request = (leaf.scratch ??= { ...leaf.request });
  // (Absent and undefined read the same: `?? default`.)
  request.peak_headroom_ratio = peakHeadroomRatio as number;
  request.ha = ha as HaMode;
  const nfr = resolveNfr(shape.model, request, shape.effective_context_used);
  c = scenarioConfigurations({ peak_headroom_ratio: nfr.peak_headroom_ratio, ha: nfr.ha_mode, kv_budget_ratio: nfr.kv_budget_ratio, nodes_per_replica: shape.nodes_per_replica });
  if (byHeadroom === undefined || byHeadroom.size >= HEADROOMS_KEPT) leaf.configurations[slot] = byHeadroom = new Map();
  byHeadroom.set(h, c);
  return c;
}

/** One scenario's node counts for this concurrency, as the core's size() computes them from the same sizing. */
function scenarioNodeCounts(s: SizingShape['scenarios'][ScenarioKey], c: ScenarioConfiguration, concurrency: number): NodeCounts {
  const e = s.engine;
  return e ? engineNodes(e, concurrency, c) : scenarioNodes(concurrency, s.results.sessions_per_node, c.peak_headroom_ratio, c.ha_extra_nodes);
}
function nodeCounts(shape: SizingShape, c: Record<ScenarioKey, ScenarioConfiguration>, concurrency: number): Record<ScenarioKey, NodeCounts> {
  const s = shape.scenarios;
  return {
    minimum: scenarioNodeCounts(s.minimum, c.minimum, concurrency),
    recommended: scenarioNodeCounts(s.recommended, c.recommended, concurrency),
    ideal: scenarioNodeCounts(s.ideal, c.ideal, concurrency),
  };
}

interface ShapeCache {
  root: ShapeNode;
  size: number;
  readonly storage: ReadonlySet<string>;
  /** Batch lines' shape text (src/app/line-scan.ts) to the shape it was found to be. */
  readonly texts: Map<string, Leaf>;
}
const shapeCaches = new WeakMap<CatalogIndex, ShapeCache>();
const newNode = (): ShapeNode => ({ key: undefined, value: undefined, next: undefined, values: undefined, others: undefined, leaf: undefined });

/** The last catalog's cache (most callers use one catalog): no WeakMap lookup per request. */
let lastCatalog: CatalogIndex | undefined;
let lastCache: ShapeCache | undefined;
function cacheOf(catalog: CatalogIndex): ShapeCache {
  if (catalog === lastCatalog) return lastCache!;
  let cache = shapeCaches.get(catalog);
  if (cache === undefined) shapeCaches.set(catalog, (cache = { root: newNode(), size: 0, storage: new Set(catalog.names('storage')), texts: new Map() }));
  lastCatalog = catalog;
  lastCache = cache;
  return cache;
}

/** The values of the fields a shape leaves out, as the last `shapeNode` call read them. */
const traffic = { concurrency: undefined as unknown, storage: undefined as unknown, peak_headroom_ratio: undefined as unknown, ha: undefined as unknown };

/**
 * The node of a raw request's shape: its fields but the concurrency, the peak headroom, the HA mode
 * and the storage profile (they change only the node counts, the alerts and the echoed inputs),
 * whose values it leaves in `traffic` (one pass over the request's keys: reading them by name from
 * requests of many different key sets was most of the time). `null` when some value is neither a
 * number nor a string (never a valid request); `undefined` when the shape is not kept (and `create`
 * is false). A shape is only ever kept after its request was validated and sized, so finding it
 * vouches for every field in it; the fields left out of it are checked on each request.
 */
function shapeNode(raw: unknown, ignoredKeys: readonly string[], cache: ShapeCache, create: boolean): ShapeNode | null | undefined {
  if (raw === null || typeof raw !== 'object') return null;
  // A plain object (JSON.parse's, a literal): `for in` then sees its own keys only.
  const proto: unknown = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return null;
  const record = raw as Record<string, unknown>;
  const t = traffic;
  t.concurrency = t.storage = t.peak_headroom_ratio = t.ha = undefined;
  const ignored0 = ignoredKeys.length === 1 ? ignoredKeys[0] : undefined;
  let node = cache.root;
  for (const k in record) {
    const v = record[k];
    if (k === 'concurrency') t.concurrency = v;
    else if (k === 'storage') t.storage = v;
    else if (k === 'peak_headroom_ratio') t.peak_headroom_ratio = v;
    else if (k === 'ha') t.ha = v;
    else if (k === ignored0 || (ignoredKeys.length > 1 && ignoredKeys.includes(k))) continue;
    else {
      if (typeof v !== 'number' && typeof v !== 'string') return null;
      // -0 and 0 are one Map key: -0 takes the full path.
      if (v === 0 && 1 / v < 0) return null;
      let next: ShapeNode | undefined;
      if (node.key === k) {
        if (node.value === v) next = node.next!;
        else {
          next = node.values?.get(v);
          if (next === undefined) {
            if (!create) return undefined;
            (node.values ??= new Map()).set(v, (next = newNode()));
          }
        }
      } else if (node.key === undefined) {
        if (!create) return undefined;
        node.key = k;
        node.value = v;
        next = node.next = newNode();
      } else {
        let values = node.others?.get(k);
        if (values === undefined) {
          if (!create) return undefined;
          (node.others ??= new Map()).set(k, (values = new Map()));
        }
        next = values.get(v);
        if (next === undefined) {
          if (!create) return undefined;
          values.set(v, (next = newNode()));
        }
      }
      node = next;
    }
  }
  return node;
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

function shapeParts(raw: unknown, catalog: CatalogIndex, source: string | undefined, ignoredKeys: readonly string[]): Result<FieldParts> {
  const cache = cacheOf(catalog);
  const node = shapeNode(raw, ignoredKeys, cache, false);
  // Not plainly valid: the full path explains (or, should the quick checks be too strict, sizes it).
  if (node === null) return wholeParts(raw, catalog, source, ignoredKeys);
  const leaf = node?.leaf;
  const t = traffic;
  const { concurrency, peak_headroom_ratio, ha } = t;
  // A workload (issue 10) sizes with latencies: each such request is sized whole.
  if (leaf === undefined || sizedWhole(raw) || !trafficOk(cache, concurrency, t.storage, peak_headroom_ratio, ha)) {
    const valid = quickRequest(raw, ignoredKeys);
    if (valid === undefined) return wholeParts(raw, catalog, source, ignoredKeys);
    const sized = sizeValidRequest(valid, catalog, source);
    if (!sized.ok) return sized;
    const shape = shapeOf(sized.value);
    if (cache.size >= SHAPES_KEPT) {
      cache.root = newNode();
      cache.size = 0;
      cache.texts.clear();
    }
    const kept = shapeNode(raw, ignoredKeys, cache, true);
    if (kept && kept.leaf === undefined) {
      kept.leaf = { shape, request: valid, configurations: [undefined, undefined, undefined, undefined], scratch: undefined };
      cache.size++;
    }
    return { ok: true, value: { shape, nodes: ownNodes(sized.value), result: undefined } };
  }
  // The request passed every field test: it is its own validated form.
  const nodes = nodeCounts(leaf.shape, configurationsOf(leaf, peak_headroom_ratio, ha), concurrency as number);
  return { ok: true, value: { shape: leaf.shape, nodes, result: undefined } };
}

/** A request whose answer needs the whole sizing (a workload's latencies, a cost): never from the shape cache. */
function sizedWhole(raw: unknown): boolean {
  const r = raw as SizingRequestInput;
  return workloadRequested(r) || costRequested(r);
}

/** A batch line's parts, read from its text (`CompiledFields.lineParts`), and its `id`. */
export interface LineParts extends FieldParts {
  readonly id: string | number | undefined;
}

const scan = newLineScan();
const ID_KEY = ['id'] as const;

/**
 * Batch's fast path: a line that is plainly a request (src/app/line-scan.ts) of a kept shape, with
 * traffic values that pass the quick checks, answered from its text without JSON.parse. The shape is
 * found by the line's shape text; a text not met yet is parsed once and looked up as an object.
 * `undefined`: the full path must run (and then explains any problem).
 *
 * The line is `text[start, end)`; `bytes` holds its characters as bytes at the same offsets (ASCII).
 */
function lineParts(text: string, bytes: Uint8Array, start: number, end: number, catalog: CatalogIndex): LineParts | undefined {
  const s = scan;
  if (!scanLine(bytes, text, start, end, s)) return undefined;
  const cache = cacheOf(catalog);
  if (!trafficOk(cache, s.concurrency, s.storage, s.peak_headroom_ratio, s.ha)) return undefined;
  let leaf = cache.texts.get(s.key);
  if (leaf === undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(start === 0 && end === text.length ? text : text.slice(start, end));
    } catch {
      return undefined;
    }
    // A workload (issue 10) sizes with latencies: the whole path sizes it (and its text is not kept).
    if (sizedWhole(raw)) return undefined;
    leaf = shapeNode(raw, ID_KEY, cache, false)?.leaf;
    if (leaf === undefined) return undefined;
    if (cache.texts.size >= TEXTS_KEPT) cache.texts.clear();
    cache.texts.set(s.key, leaf);
  }
  const nodes = nodeCounts(leaf.shape, configurationsOf(leaf, s.peak_headroom_ratio, s.ha), s.concurrency!);
  return { shape: leaf.shape, nodes, result: undefined, id: s.id };
}

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
