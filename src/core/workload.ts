/**
 * The workload side of a sizing (issue 10): the request's token counts and load (sessions in flight,
 * or requests/s), its latency targets, and what they do to each scenario:
 *
 * - with targets, sessions per replica = the largest batch meeting both p99 targets and fitting in
 *   memory (`sloSessionsPerReplica` of the performance model: a bisection), so each scenario's node
 *   count is the larger of the memory count and the SLO count;
 * - a request rate becomes sessions in flight by Little's law, sessions = rate × (TTFT + output_tokens ×
 *   TPOT), with the latencies taken at the heaviest load any scenario puts on a replica (latency grows
 *   with the load, so this overstates the sessions of every lighter load: conservative);
 * - every scenario is evaluated at its design load: its peak (the load × (1 + headroom)) shared by the
 *   replicas left when its HA spare nodes are down. N+1 / N+2 therefore meet the targets with their
 *   spare nodes lost (a property test checks it);
 * - the 80 % intervals of the latencies become a node-count range: the targets divided by the
 *   interval's factors (a model that is 20 % optimistic meets a target only when its prediction is
 *   below target / 1.2).
 *
 * Without any workload field none of this runs and the sizing is the memory sizing, unchanged. Pure.
 */
import { performanceAt, performanceOf, prepareDeployment, sloSessionsOf } from '../engines/perf/index.ts';
import type { Performance, PreparedDeployment, SloResult, SloTargets, Workload } from '../engines/perf/index.ts';
import { WORKLOAD_DEFAULTS } from './defaults.ts';
import type { SizingPlan } from './plan.ts';
import type { ScenarioConfiguration, ScenarioNumbers } from './scenarios.ts';
import { engineNodes } from './scenarios.ts';
import { replicasServing } from './storage.ts';
import { anyGiven } from './requested.ts';

/** The request fields of the workload: any of them turns the performance model on. */
export const WORKLOAD_FIELDS = ['request_rate', 'input_tokens', 'output_tokens', 'ttft_p99_ms', 'tpot_p99_ms'] as const;
export type WorkloadField = (typeof WORKLOAD_FIELDS)[number];

/** The workload part of a request. */
export type WorkloadRequest = { readonly concurrency?: number | undefined } & { readonly [K in WorkloadField]?: number | undefined };

/** True when the request gives any workload field (the performance figures are then reported). */
export function workloadRequested(request: WorkloadRequest): boolean {
  return anyGiven(request, WORKLOAD_FIELDS);
}

/**
 * The token counts of one request: as given, else a request fills the context the memory sizing holds
 * for its session (input + output = the effective context used), with `WORKLOAD_DEFAULTS.output_tokens`
 * generated tokens (at most the context left after the input, half the context when no input is given;
 * at least 1 each).
 *
 * @example workloadTokens({}, 131072) //=> { input_tokens: 130048, output_tokens: 1024, input_tokens_source: 'default', output_tokens_source: 'default' }
 * @example workloadTokens({ input_tokens: 2000 }, 4096) //=> { input_tokens: 2000, output_tokens: 1024, … }
 * @example workloadTokens({}, 1000) //=> { input_tokens: 500, output_tokens: 500, … }
 */
export function workloadTokens(
  request: Pick<WorkloadRequest, 'input_tokens' | 'output_tokens'>,
  contextUsed: number,
): { input_tokens: number; output_tokens: number; input_tokens_source: 'input' | 'default'; output_tokens_source: 'input' | 'default' } {
  const cap = WORKLOAD_DEFAULTS.output_tokens;
  const output =
    request.output_tokens ??
    (request.input_tokens !== undefined ? Math.max(1, Math.min(cap, contextUsed - request.input_tokens)) : Math.max(1, Math.min(cap, Math.floor(contextUsed / 2))));
  const input = request.input_tokens ?? Math.max(1, contextUsed - output);
  return {
    input_tokens: input,
    output_tokens: output,
    input_tokens_source: request.input_tokens === undefined ? 'default' : 'input',
    output_tokens_source: request.output_tokens === undefined ? 'default' : 'input',
  };
}

/** A node-count range (80 %): `high` is null when the targets may not be reachable at the interval's pessimistic end. */
export interface NodeRange {
  readonly low: number;
  readonly high: number | null;
}

/** The workload as the report shows it: every default resolved. */
export interface ResolvedWorkload {
  readonly input_tokens: number;
  readonly input_tokens_source: 'input' | 'default';
  readonly output_tokens: number;
  readonly output_tokens_source: 'input' | 'default';
  /** How the load was given. */
  readonly load: 'concurrency' | 'request_rate';
  /** Requests/s asked for (null when the load is a concurrency). */
  readonly request_rate: number | null;
  /** Sessions in flight: as given, or by Little's law from the rate (`little`). */
  readonly concurrency: number;
  /** Little's law, when the load is a rate: at which load per replica, with which latencies. */
  readonly little: {
    readonly sessions_per_replica: number;
    readonly ttft_ms: number;
    readonly tpot_ms: number;
    /** TTFT + output_tokens × TPOT, seconds: a request's mean time in the system. */
    readonly time_in_system_s: number;
    /** The concurrency at the 80 % interval's ends of the latencies. */
    readonly concurrency_range: { readonly low: number; readonly high: number };
  } | null;
  readonly targets: { readonly ttft_p99_ms: number | null; readonly tpot_p99_ms: number | null };
  /** The SLO search (null without targets). */
  readonly slo: SloResult | null;
}

/** What limits a scenario's sessions per replica: its memory, or a latency target. */
export type SessionLimit = 'memory' | 'slo';

/** One scenario's performance: its design load evaluated, and how the targets sized it. */
export interface ScenarioPerformance {
  /** The design load: the scenario's peak (× (1 + headroom)) on the replicas left with its HA spare nodes down. */
  readonly design_load: { readonly concurrency: number | null; readonly request_rate: number | null; readonly replicas: number };
  /** The model's figures at that load (null when the scenario is infeasible). */
  readonly performance: Performance | null;
  /** Sessions per replica memory allows (the memory sizing's). */
  readonly memory_sessions_per_replica: number;
  /** Sessions per replica the targets allow (null without targets, or when unreachable). */
  readonly slo_sessions_per_replica: number | null;
  /** The sessions per replica the node counts use: the smaller of the two. */
  readonly sessions_per_replica: number;
  readonly limit: SessionLimit;
  /** The scenario's final node count from memory alone (what it would be without targets). */
  readonly nodes_final_memory: number | null;
  /** The final node count at the 80 % interval's ends of the latencies (null when infeasible). */
  readonly nodes_final_range: NodeRange | null;
  /** Whether the design load meets every target given (null without targets or when infeasible). */
  readonly meets_targets: boolean | null;
}

/** How a scenario's node count is built from sessions per replica (the memory sizing's unit). */
export interface ScenarioUnit {
  /** Sessions per replica memory allows. */
  readonly sessions_per_replica: number;
  /** The memory sizing's sessions per node (kept exactly when the targets do not bind). */
  readonly sessions_per_node: number;
  readonly replicas_per_node: number;
  readonly nodes_per_replica: number;
}

/**
 * Node counts from sessions per replica: whole replicas, HA as whole spare units (the core's
 * `scenarioNodes`, per node or per replica when one spans several nodes).
 */
export function nodesFor(unit: ScenarioUnit, sessionsPerReplica: number, concurrency: number, c: ScenarioConfiguration): Pick<ScenarioNumbers, 'nodes_capacity' | 'nodes_with_headroom' | 'nodes_final'> {
  return engineNodes({ sessions_per_node: sessionsForNode(unit, sessionsPerReplica), sessions_per_replica: sessionsPerReplica, layout: { nodes_per_replica: unit.nodes_per_replica } }, concurrency, c);
}

/** Replicas serving when a scenario runs on `nodes` nodes (none down). */
export function replicasOn(unit: ScenarioUnit, nodes: number): number {
  return replicasServing(unit, nodes, 0);
}

/** Sessions per node at `s` sessions per replica: the memory sizing's figure when `s` is its own. */
function sessionsForNode(unit: ScenarioUnit, s: number): number {
  return s >= unit.sessions_per_replica ? unit.sessions_per_node : Math.min(unit.sessions_per_node, s * unit.replicas_per_node);
}

/** Targets from the two given (or not) values; null when neither is given. */
function targetsFrom(ttft: number | undefined, tpot: number | undefined): SloTargets | null {
  if (ttft === undefined) return tpot === undefined ? null : { tpot_p99_ms: tpot };
  return tpot === undefined ? { ttft_p99_ms: ttft } : { ttft_p99_ms: ttft, tpot_p99_ms: tpot };
}

/** The latency targets given, as the performance model takes them. */
function targetsOf(request: WorkloadRequest): SloTargets | null {
  return targetsFrom(request.ttft_p99_ms, request.tpot_p99_ms);
}

/** Targets divided by latency factors (a target met by a prediction × factor). */
function scaledTargets(t: SloTargets, ttftFactor: number, tpotFactor: number): SloTargets {
  return targetsFrom(t.ttft_p99_ms === undefined ? undefined : t.ttft_p99_ms / ttftFactor, t.tpot_p99_ms === undefined ? undefined : t.tpot_p99_ms / tpotFactor)!;
}

const ratio = (x: number, of: number): number => (of > 0 && Number.isFinite(x) ? x / of : 1);

/** What `resolveWorkload` gives back to the sizing. */
export interface WorkloadSizing {
  readonly workload: ResolvedWorkload;
  /** Sessions in flight to size for (the request's, or Little's). */
  readonly concurrency: number;
  /** Per scenario: the sessions per replica to size with (≤ memory's), null when the targets are unreachable. */
  readonly sessions_per_replica: readonly (number | null)[];
  /** The SLO sessions at the interval's ends: [optimistic, pessimistic] (null when unreachable). */
  readonly slo_range: readonly [number | null, number | null] | null;
  /** The deployment as the performance model sees it, prepared once for every evaluation. */
  readonly prepared: PreparedDeployment;
}

/** `sloSessionsOf` without its evaluation count. */
function slo(prepared: PreparedDeployment, w: Workload, t: SloTargets): SloResult {
  const { evaluations: _, ...r } = sloSessionsOf(prepared, w, t);
  return r as SloResult;
}

/**
 * What a workload's sizing reads that the load (concurrency or rate), the headroom and the HA leave
 * unchanged: the prepared deployment, the SLO searches and the model at the heaviest load. Batch
 * lines repeat deployments with other traffic, so it is kept per deployment (a memo of pure
 * functions, bounded: the answers are the same with or without it).
 */
interface LoadFree {
  readonly prepared: PreparedDeployment;
  readonly found: SloResult | null;
  readonly sessions: readonly (number | null)[];
  readonly heaviest: number;
  readonly at: Performance | null;
  readonly slo_range: WorkloadSizing['slo_range'];
}
const MEMO_KEPT = 5000;
/** The request's traffic: what a deployment's memo leaves out. */
const TRAFFIC_FIELDS = ['concurrency', 'peak_headroom_ratio', 'ha'] as const;

/**
 * The memo, keyed by the deployment's parts: the model and the server entries (by identity), the
 * token counts, the targets, whether the heaviest load is needed, each scenario's unit, then each
 * request field the memo does not leave out, as its name and its value (a value that is neither a
 * number nor a string as `JSON_VALUE` and its JSON). The parts are gathered into one reused array
 * and hashed as they come; entries with the same hash are told apart by comparing every part (===;
 * a number's part is its value, so 8 and "8" stay apart). (The key was a string built per line:
 * its number texts, its building and hashing took about a twentieth of a workload line's time in
 * `batch`, issue 10's speed target; a tree of maps, one level per part, was slower still.)
 */
interface MemoEntry {
  readonly parts: readonly unknown[];
  readonly value: LoadFree;
  readonly next: MemoEntry | undefined;
}
const JSON_VALUE = Symbol('json');
let memo = new Map<number, MemoEntry>();
let memoSize = 0;
const parts: unknown[] = [];
let partCount = 0;
let hash = 0;
const hashF64 = new Float64Array(1);
const hashU32 = new Uint32Array(hashF64.buffer);

/** What the memo key leaves out of the request. */
const NOT_KEYED: ReadonlySet<string> = new Set([...TRAFFIC_FIELDS, ...WORKLOAD_FIELDS]);

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x9e3779b1) ^ (h >>> 15);
}

/** Add one part to the key being gathered. */
function part(x: unknown): void {
  parts[partCount++] = x;
  let h = hash;
  if (typeof x === 'number') {
    if ((x | 0) === x) h = mix(h, x);
    else {
      hashF64[0] = x;
      h = mix(mix(h, hashU32[0]!), hashU32[1]!);
    }
  } else if (typeof x === 'string') {
    h = mix(h, x.length);
    for (let i = 0; i < x.length; i++) h = mix(h, x.charCodeAt(i));
  } else h = mix(h, x === undefined ? 1 : x === null ? 2 : x === true ? 3 : x === false ? 4 : 5); // objects: told apart by ===
  hash = h;
}

/** Gather the deployment's key: `parts[0 … partCount)` and their `hash`. */
function gatherKey(plan: SizingPlan, tokens: Workload, targets: SloTargets | null, units: readonly ScenarioUnit[], needAt: boolean): void {
  partCount = 0;
  hash = 0x811c9dc5;
  part(plan.entries.model);
  part(plan.entries.server);
  part(tokens.input_tokens);
  part(tokens.output_tokens);
  part(targets?.ttft_p99_ms);
  part(targets?.tpot_p99_ms);
  part(needAt);
  for (const u of units) {
    part(u.sessions_per_replica);
    part(u.sessions_per_node);
    part(u.replicas_per_node);
    part(u.nodes_per_replica);
  }
  const request = plan.request;
  for (const k in request) {
    const v: unknown = request[k as keyof typeof request];
    if (v === undefined || NOT_KEYED.has(k)) continue;
    part(k);
    if (typeof v === 'number' || typeof v === 'string') part(v);
    else {
      part(JSON_VALUE);
      part(JSON.stringify(v));
    }
  }
}

/** The kept entry, from `first` on, whose parts are the gathered ones. */
function kept(first: MemoEntry | undefined): MemoEntry | undefined {
  for (let e = first; e !== undefined; e = e.next) {
    const p = e.parts;
    if (p.length !== partCount) continue;
    let i = 0;
    while (i < partCount && p[i] === parts[i]) i++;
    if (i === partCount) return e;
  }
  return undefined;
}

/** Forget every deployment kept (the answers are the same with or without them: test/core/load-memo.test.ts). */
export function clearLoadMemo(): void {
  memo = new Map();
  memoSize = 0;
}

/**
 * `plan` is the sizing's own; `perfPlan` makes the plan the performance model evaluates (the same
 * without the workload fields), only when the memo does not hold the deployment yet.
 */
function loadFree(plan: SizingPlan, perfPlan: () => SizingPlan, base: Workload, targets: SloTargets | null, units: readonly ScenarioUnit[], needAt: boolean): LoadFree {
  gatherKey(plan, base, targets, units, needAt);
  const key = hash & 0x3fffffff;
  const hit = kept(memo.get(key));
  if (hit !== undefined) return hit.value;
  const keyParts = parts.slice(0, partCount);
  const prepared = prepareDeployment(perfPlan(), base);
  const found = targets ? slo(prepared, base, targets) : null;
  const sessions = units.map((u) => (found === null ? u.sessions_per_replica : found.ok ? Math.min(u.sessions_per_replica, found.sessions) : null));
  const heaviest = Math.max(1, ...sessions.map((s) => s ?? 0));
  const at = needAt ? performanceOf(prepared, { ...base, concurrency: heaviest }, 1) : null;
  let slo_range: WorkloadSizing['slo_range'] = null;
  if (targets !== null && at !== null) {
    const optimistic = slo(prepared, base, scaledTargets(targets, ratio(at.interval.ttft_ms.p99.low, at.ttft_ms.p99), ratio(at.interval.tpot_ms.p99.low, at.tpot_ms.p99)));
    const pessimistic = slo(prepared, base, scaledTargets(targets, ratio(at.interval.ttft_ms.p99.high, at.ttft_ms.p99), ratio(at.interval.tpot_ms.p99.high, at.tpot_ms.p99)));
    slo_range = [optimistic.ok ? optimistic.sessions : null, pessimistic.ok ? pessimistic.sessions : null];
  }
  const value: LoadFree = { prepared, found, sessions, heaviest, at, slo_range };
  if (memoSize >= MEMO_KEPT) clearLoadMemo();
  memo.set(key, { parts: keyParts, value, next: memo.get(key) });
  memoSize++;
  return value;
}

/**
 * The workload of a sizing: its token counts, load and targets resolved, and the SLO sessions per
 * replica of each scenario. `perfPlan` gives the plan the performance model evaluates (see loadFree).
 */
export function resolveWorkload(plan: SizingPlan, perfPlan: () => SizingPlan, request: WorkloadRequest, contextUsed: number, units: readonly ScenarioUnit[]): WorkloadSizing {
  const tokens = workloadTokens(request, contextUsed);
  const base: Workload = { input_tokens: tokens.input_tokens, output_tokens: tokens.output_tokens };
  const targets = targetsOf(request);
  const rate = request.request_rate;
  const { prepared, found, sessions, heaviest, at, slo_range } = loadFree(plan, perfPlan, base, targets, units, rate !== undefined || targets !== null);
  let little: ResolvedWorkload['little'] = null;
  let concurrency = request.concurrency ?? 0;
  if (at !== null) {
    if (rate !== undefined) {
      const t = (ttft: number, tpot: number) => (ttft + tokens.output_tokens * tpot) / 1000;
      const time = t(at.ttft_ms.p50, at.tpot_ms.p50);
      concurrency = Math.ceil(rate * time);
      little = {
        sessions_per_replica: heaviest,
        ttft_ms: at.ttft_ms.p50,
        tpot_ms: at.tpot_ms.p50,
        time_in_system_s: time,
        concurrency_range: {
          low: Math.ceil(rate * t(at.interval.ttft_ms.p50.low, at.interval.tpot_ms.p50.low)),
          high: Math.ceil(rate * t(at.interval.ttft_ms.p50.high, at.interval.tpot_ms.p50.high)),
        },
      };
    }
  }
  // Written out field by field (the tokens' order): an object literal spreading `tokens` before more
  // fields measured several µs per line in V8 (issue 10's speed target, docs/performance.md).
  return {
    workload: {
      input_tokens: tokens.input_tokens,
      output_tokens: tokens.output_tokens,
      input_tokens_source: tokens.input_tokens_source,
      output_tokens_source: tokens.output_tokens_source,
      load: rate !== undefined ? 'request_rate' : 'concurrency',
      request_rate: rate ?? null,
      concurrency,
      little,
      targets: { ttft_p99_ms: request.ttft_p99_ms ?? null, tpot_p99_ms: request.tpot_p99_ms ?? null },
      slo: found,
    },
    concurrency,
    sessions_per_replica: sessions,
    slo_range,
    prepared,
  };
}

/**
 * One scenario under the workload: its node counts (the larger of memory's and the targets'), its
 * performance at the design load, and the node-count range.
 */
export function scenarioWorkload(
  w: WorkloadSizing,
  index: number,
  unit: ScenarioUnit,
  memory: ScenarioNumbers,
  c: ScenarioConfiguration,
): { numbers: ScenarioNumbers; performance: ScenarioPerformance } {
  const wl = w.workload;
  const s = w.sessions_per_replica[index] ?? null;
  const limit: SessionLimit = s !== null && s < unit.sessions_per_replica ? 'slo' : 'memory';
  const nodes = s === null || unit.sessions_per_replica <= 0 ? { nodes_capacity: null, nodes_with_headroom: null, nodes_final: null } : limit === 'slo' ? nodesFor(unit, s, w.concurrency, c) : memory;
  // Field by field, in the memory numbers' order (spreading them measured slower).
  const numbers: ScenarioNumbers = {
    kv_per_session_gib: memory.kv_per_session_gib,
    kv_total_gib: memory.kv_total_gib,
    kv_total_tib: memory.kv_total_tib,
    hbm_total_gib: memory.hbm_total_gib,
    kv_budget_gib: memory.kv_budget_gib,
    sessions_per_node: s !== null && limit === 'slo' ? sessionsForNode(unit, s) : memory.sessions_per_node,
    nodes_capacity: nodes.nodes_capacity,
    nodes_with_headroom: nodes.nodes_with_headroom,
    nodes_final: nodes.nodes_final,
  };
  const peak = 1 + c.peak_headroom_ratio;
  const replicas = numbers.nodes_with_headroom === null ? 0 : replicasOn(unit, numbers.nodes_with_headroom);
  const design = {
    concurrency: wl.load === 'concurrency' ? w.concurrency * peak : null,
    request_rate: wl.request_rate !== null ? wl.request_rate * peak : null,
    replicas,
  };
  const perf = replicas > 0 ? performanceAt(w.prepared, designLoad(w, peak), replicas).performance : null;
  const meets = perf === null ? null : meetsTargets(perf, wl.targets);
  return {
    numbers,
    performance: {
      design_load: design,
      performance: perf,
      memory_sessions_per_replica: unit.sessions_per_replica,
      slo_sessions_per_replica: wl.slo?.ok ? wl.slo.sessions : null,
      sessions_per_replica: s ?? 0,
      limit,
      nodes_final_memory: memory.nodes_final,
      nodes_final_range: numbers.nodes_final === null ? null : nodeRange(w, unit, c),
      meets_targets: meets,
    },
  };
}

/** The peak load the scenario is designed for: the request's rate or sessions × (1 + headroom). */
export function designLoad(w: WorkloadSizing, peak: number): Workload {
  const wl = w.workload;
  return wl.request_rate !== null
    ? { input_tokens: wl.input_tokens, output_tokens: wl.output_tokens, request_rate: wl.request_rate * peak }
    : { input_tokens: wl.input_tokens, output_tokens: wl.output_tokens, concurrency: w.concurrency * peak };
}

/** Whether performance figures meet the targets (null without a target). */
export function meetsTargets(perf: Pick<Performance, 'ttft_ms' | 'tpot_ms'>, t: ResolvedWorkload['targets']): boolean | null {
  if (t.ttft_p99_ms === null && t.tpot_p99_ms === null) return null;
  return (t.ttft_p99_ms === null || perf.ttft_ms.p99 <= t.ttft_p99_ms) && (t.tpot_p99_ms === null || perf.tpot_ms.p99 <= t.tpot_p99_ms);
}

/** The final node count at both ends of the 80 % interval: the concurrency's (Little) and the SLO sessions'. */
function nodeRange(w: WorkloadSizing, unit: ScenarioUnit, c: ScenarioConfiguration): NodeRange {
  const wl = w.workload;
  const lowC = wl.little?.concurrency_range.low ?? w.concurrency;
  const highC = wl.little?.concurrency_range.high ?? w.concurrency;
  const mem = unit.sessions_per_replica;
  const lowS = w.slo_range ? Math.min(mem, w.slo_range[0] ?? mem) : mem;
  const highS = w.slo_range ? w.slo_range[1] : mem;
  const low = nodesFor(unit, lowS, lowC, c).nodes_final ?? 0;
  const high = highS === null ? null : nodesFor(unit, Math.min(mem, highS), highC, c).nodes_final;
  return { low, high };
}

/**
 * Output tokens/s of one replica at full load: the memory-limited batch (the performance model with no
 * load given), for the cost per token at full load (issue 11).
 */
export function fullLoadTokensPerReplica(w: WorkloadSizing): number {
  return performanceOf(w.prepared, { input_tokens: w.workload.input_tokens, output_tokens: w.workload.output_tokens }, 1).output_tokens_per_s_per_replica;
}
