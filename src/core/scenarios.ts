/**
 * The three scenarios version 2.0 always evaluates, and the node arithmetic of one scenario.
 */
import { IDEAL_RULES } from './defaults.ts';
import { GIB_PER_TIB } from './units.ts';
import type { EngineCapacity } from '../engines/capacity.ts';

export const SCENARIO_KEYS = ['minimum', 'recommended', 'ideal'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export const HA_MODES = ['none', 'n+1', 'n+2'] as const;
export type HaMode = (typeof HA_MODES)[number];

/** Extra nodes each HA mode adds (extra replicas, when a replica spans several nodes: `haExtraNodes`). */
export const HA_EXTRA_NODES: Readonly<Record<HaMode, number>> = { none: 0, 'n+1': 1, 'n+2': 2 };

/**
 * Nodes an HA mode adds: N+k survives k failed nodes by holding k spare units, a unit being one node, or
 * one replica's nodes when a replica spans several (a failed node takes its whole replica down).
 *
 * @example haExtraNodes('n+1', 2) //=> 2 (one spare replica of two nodes)
 */
export function haExtraNodes(ha: HaMode, nodesPerReplica = 1): number {
  return HA_EXTRA_NODES[ha] * nodesPerReplica;
}

export function isHaMode(value: unknown): value is HaMode {
  return typeof value === 'string' && (HA_MODES as readonly string[]).includes(value);
}

export interface ScenarioConfiguration {
  readonly peak_headroom_ratio: number;
  readonly ha_mode: HaMode;
  readonly ha_extra_nodes: number;
  readonly kv_budget_ratio: number;
}

function config(peakHeadroomRatio: number, ha: HaMode, kvBudgetRatio: number, nodesPerReplica: number): ScenarioConfiguration {
  return { peak_headroom_ratio: peakHeadroomRatio, ha_mode: ha, ha_extra_nodes: haExtraNodes(ha, nodesPerReplica), kv_budget_ratio: kvBudgetRatio };
}

function largerHa(a: HaMode, b: HaMode): HaMode {
  return HA_EXTRA_NODES[a] >= HA_EXTRA_NODES[b] ? a : b;
}

/**
 * MINIMUM: no headroom, no HA, ratio as given. RECOMMENDED: headroom and HA as given. IDEAL: headroom
 * max(given, 0.30), HA the larger of given and N+2, ratio min(given, 0.65). HA adds whole replicas when
 * a replica spans `nodes_per_replica` nodes (default 1).
 */
export function scenarioConfigurations(input: {
  peak_headroom_ratio: number;
  ha: HaMode;
  kv_budget_ratio: number;
  nodes_per_replica?: number | undefined;
}): Record<ScenarioKey, ScenarioConfiguration> {
  const npr = input.nodes_per_replica ?? 1;
  return {
    minimum: config(0, 'none', input.kv_budget_ratio, npr),
    recommended: config(input.peak_headroom_ratio, input.ha, input.kv_budget_ratio, npr),
    ideal: config(
      Math.max(input.peak_headroom_ratio, IDEAL_RULES.min_peak_headroom_ratio),
      largerHa(input.ha, IDEAL_RULES.min_ha),
      Math.min(input.kv_budget_ratio, IDEAL_RULES.max_kv_budget_ratio),
      npr,
    ),
  };
}

/** The numbers of one scenario. Node counts are `null` when not even one session fits a node. */
export interface ScenarioNumbers {
  readonly kv_per_session_gib: number;
  readonly kv_total_gib: number;
  readonly kv_total_tib: number;
  readonly hbm_total_gib: number;
  readonly kv_budget_gib: number;
  readonly sessions_per_node: number;
  readonly nodes_capacity: number | null;
  readonly nodes_with_headroom: number | null;
  readonly nodes_final: number | null;
}

/**
 * KV budget of one node: what is left for the KV cache after the fixed overhead, times the ratio.
 *
 * @example kvBudgetGib(2145.7672119140625, 120, 0.7) //=> 1418.0370483398438
 */
export function kvBudgetGib(hbmTotalGib: number, runtimeOverheadGib: number, kvBudgetRatio: number): number {
  return Math.max(0, (hbmTotalGib - runtimeOverheadGib) * kvBudgetRatio);
}

/**
 * Sessions that fit one node: floor(budget / KV per session); 0 when there is no budget.
 *
 * @example sessionsPerNode(1418.0370483398438, 4.50439453125) //=> 314
 */
export function sessionsPerNode(kvBudget: number, kvPerSessionGib: number): number {
  return kvBudget > 0 ? Math.floor(kvBudget / kvPerSessionGib) : 0;
}

/**
 * Nodes for one scenario, in version 2.0's floating-point order of operations so that every ceiling
 * falls where the original's did:
 * capacity = ceil(concurrency / spn); with headroom = ceil(concurrency × (1 + headroom) / spn);
 * final = with headroom + HA extra nodes. All `null` when spn = 0 (infeasible).
 *
 * When a replica spans several nodes, the unit is the replica: `spn` is then the sessions of one
 * replica and `nodesPerUnit` its nodes, so every count is whole replicas × nodes per replica (the HA
 * extra nodes already count whole replicas: `haExtraNodes`).
 *
 * @example scenarioNodes(1000, 314, 0.2, 1) //=> { nodes_capacity: 4, nodes_with_headroom: 4, nodes_final: 5 }
 * @example scenarioNodes(200, 311, 0.2, 2, 2) //=> { nodes_capacity: 2, nodes_with_headroom: 2, nodes_final: 4 } (one replica of 2 nodes, N+1: one more)
 */
export function scenarioNodes(
  concurrency: number,
  spn: number,
  peakHeadroomRatio: number,
  haExtraNodes: number,
  nodesPerUnit = 1,
): Pick<ScenarioNumbers, 'nodes_capacity' | 'nodes_with_headroom' | 'nodes_final'> {
  return scenarioNodesInto({ nodes_capacity: null, nodes_with_headroom: null, nodes_final: null }, concurrency, spn, peakHeadroomRatio, haExtraNodes, nodesPerUnit);
}

/** A scenario's three node counts. */
export type NodeCounts = Pick<ScenarioNumbers, 'nodes_capacity' | 'nodes_with_headroom' | 'nodes_final'>;

/**
 * `scenarioNodes`, written into `to` (and returned): `batch --fields` and `sizing(…, { fields })`
 * count the nodes of millions of requests into records they reuse, without a new object each.
 */
export function scenarioNodesInto<T extends { -readonly [K in keyof NodeCounts]: NodeCounts[K] }>(
  to: T,
  concurrency: number,
  spn: number,
  peakHeadroomRatio: number,
  haExtraNodes: number,
  nodesPerUnit = 1,
): T {
  if (spn <= 0) {
    to.nodes_capacity = null;
    to.nodes_with_headroom = null;
    to.nodes_final = null;
    return to;
  }
  const nodesWithHeadroom = Math.ceil((concurrency * (1 + peakHeadroomRatio)) / spn) * nodesPerUnit;
  to.nodes_capacity = Math.ceil(concurrency / spn) * nodesPerUnit;
  to.nodes_with_headroom = nodesWithHeadroom;
  to.nodes_final = nodesWithHeadroom + haExtraNodes;
  return to;
}

export function scenarioNumbers(
  kvPerSessionGib: number,
  concurrency: number,
  hbmTotalGib: number,
  runtimeOverheadGib: number,
  configuration: ScenarioConfiguration,
): ScenarioNumbers {
  const kvTotalGib = kvPerSessionGib * concurrency;
  const budget = kvBudgetGib(hbmTotalGib, runtimeOverheadGib, configuration.kv_budget_ratio);
  const spn = sessionsPerNode(budget, kvPerSessionGib);
  return {
    kv_per_session_gib: kvPerSessionGib,
    kv_total_gib: kvTotalGib,
    kv_total_tib: kvTotalGib / GIB_PER_TIB,
    hbm_total_gib: hbmTotalGib,
    kv_budget_gib: budget,
    sessions_per_node: spn,
    ...scenarioNodes(concurrency, spn, configuration.peak_headroom_ratio, configuration.ha_extra_nodes),
  };
}

/**
 * An engine scenario's node counts. Whole replicas: a replica over several nodes is the unit of the
 * node count (and of HA). Shared with the fast fields of src/app/fields.ts and the workload's node counts (src/core/workload.ts).
 */
export function engineNodes(
  cap: Pick<EngineCapacity, 'sessions_per_node' | 'sessions_per_replica'> & { readonly layout: Pick<EngineCapacity['layout'], 'nodes_per_replica'> },
  concurrency: number,
  configuration: ScenarioConfiguration,
): Pick<ScenarioNumbers, 'nodes_capacity' | 'nodes_with_headroom' | 'nodes_final'> {
  const unit = nodeUnit(cap);
  return scenarioNodes(concurrency, unit.sessions, configuration.peak_headroom_ratio, configuration.ha_extra_nodes, unit.nodes);
}

/**
 * What an engine scenario's nodes are counted in (`scenarioNodes`'s unit): a replica's sessions and
 * nodes when a replica spans several nodes, else a node's sessions (one node).
 */
export function nodeUnit(
  cap: Pick<EngineCapacity, 'sessions_per_node' | 'sessions_per_replica'> & { readonly layout: Pick<EngineCapacity['layout'], 'nodes_per_replica'> },
): { readonly sessions: number; readonly nodes: number } {
  return cap.layout.nodes_per_replica > 1 ? { sessions: cap.sessions_per_replica, nodes: cap.layout.nodes_per_replica } : { sessions: cap.sessions_per_node, nodes: 1 };
}

/**
 * What a sized scenario's nodes are counted in: its replica when one spans several nodes (`nodeUnit`),
 * else a node, with the scenario's sessions per node as sized.
 */
export function scenarioUnit(s: {
  readonly engine: Parameters<typeof nodeUnit>[0] | null;
  readonly results: Pick<ScenarioNumbers, 'sessions_per_node'>;
}): { readonly sessions: number; readonly nodes: number } {
  const unit = s.engine === null ? undefined : nodeUnit(s.engine);
  return unit !== undefined && unit.nodes > 1 ? unit : { sessions: s.results.sessions_per_node, nodes: 1 };
}
