/**
 * Storage, cold start and failures (issue 12, points 1–3): what the model's artifacts take on disk,
 * how long a node takes to load its weights from the storage profile and come back, and what each
 * scenario still serves while k nodes are down and being restored. docs/storage.md explains every
 * formula with worked examples (checked by test/core/storage.test.ts).
 *
 * Present only when the request names one of `STORAGE_FIELDS`: without them the sizing, every report
 * and every JSON document are exactly as before. Pure: no I/O, no clock, no locale.
 *
 * Units: sizes in GiB (2^30 bytes) as the rest of the sizing; fleet capacities also in TB (10^12
 * bytes, how disks are sold); throughputs in GB/s (10^9 bytes/s, how the storage profiles state them).
 */
import type { StorageEntry } from '../schema/catalog.ts';
import { BYTES_PER_GB, BYTES_PER_GIB } from './units.ts';
import type { Rationale } from './rationale.ts';
import { anyGiven } from './requested.ts';

/** The request fields of storage and recovery: any of them turns this section on. */
export const STORAGE_FIELDS = [
  'artifact_gib',
  'artifact_copies',
  'storage_placement',
  'capacity_margin',
  'cache_gib_per_node',
  'log_gib_per_node',
  'target_load_time_s',
  'warmup_concurrency',
  'read_block_kib',
  'engine_startup_s',
  'nodes_per_domain',
] as const;
export type StorageField = (typeof STORAGE_FIELDS)[number];

export const STORAGE_PLACEMENTS = ['local', 'shared'] as const;
/** Where the artifacts live: on each node's own drives, or on one store all nodes read (bandwidth shared). */
export type StoragePlacement = (typeof STORAGE_PLACEMENTS)[number];

/** The storage part of a request. */
export interface StorageRequest {
  readonly artifact_gib?: number | undefined;
  readonly artifact_copies?: number | undefined;
  readonly storage_placement?: StoragePlacement | undefined;
  readonly capacity_margin?: number | undefined;
  readonly cache_gib_per_node?: number | undefined;
  readonly log_gib_per_node?: number | undefined;
  readonly target_load_time_s?: number | undefined;
  readonly warmup_concurrency?: number | undefined;
  readonly read_block_kib?: number | undefined;
  readonly engine_startup_s?: number | undefined;
  readonly nodes_per_domain?: number | undefined;
}

/**
 * The defaults, each with where it comes from (docs/storage.md repeats the reasoning):
 * - `artifact_copies` 1: one copy of the checkpoint per store (a previous version for rollback is a 2);
 * - `capacity_margin` 0.2: 20 % free space, the usual floor under which SSD write amplification and
 *   file-system fragmentation grow (and the upstream tool's default margin policy);
 * - `cache_gib_per_node` 50: compiled engines, torch.compile / CUDA-graph caches, tokenizers (the
 *   upstream tool's base cache per node);
 * - `log_gib_per_node` 20: a local rotation buffer for engine and request logs shipped off the node
 *   (an allowance, not a measurement: set it from your retention);
 * - `target_load_time_s` 60: the upstream tool's target load time;
 * - `warmup_concurrency` 1: one node loading at a time from shared storage;
 * - `read_block_kib` 128: model loading is dominated by 128 KiB reads (Ren et al., "An I/O
 *   Characterizing Study of Offloading LLM Models and KV Caches to NVMe SSD", CHEOPS '25);
 * - `queue_depth` 32 (not a request field): reads a loader keeps in flight per node (safetensors
 *   mmap read-ahead over several loader threads), for the latency bound by Little's law;
 * - `engine_startup_s` 120: the start-up after the weights are read (P2P check, torch.compile,
 *   CUDA-graph capture, KV allocation): ~60 s measured with a warm compile cache on a small model
 *   (vLLM issue #20264: "init engine … took 34.11 seconds", first response after 59 s), ~205 s
 *   measured cold for Llama-70B FP8 on TP 8 (vLLM issue #19824: P2P 60 s, dynamo 15 s, compile 70 s,
 *   CUDA graphs 60 s); 120 s sits between a warm and a cold start.
 */
export const STORAGE_DEFAULTS = {
  artifact_copies: 1,
  storage_placement_shared_type: 'network_ssd',
  capacity_margin: 0.2,
  cache_gib_per_node: 50,
  log_gib_per_node: 20,
  target_load_time_s: 60,
  warmup_concurrency: 1,
  read_block_kib: 128,
  queue_depth: 32,
  engine_startup_s: 120,
} as const;

/** Limits of the request fields. */
export const STORAGE_LIMITS = {
  artifact_gib: { min: 0, max: 1_000_000 },
  artifact_copies: { min: 1, max: 1000 },
  capacity_margin: { min: 0, max: 10 },
  allowance_gib: { min: 0, max: 1_000_000 },
  seconds: { min: 0, max: 1_000_000 },
  warmup_concurrency: { min: 1, max: 100_000 },
  read_block_kib: { min: 1, max: 1_048_576 },
  nodes_per_domain: { min: 1, max: 100_000 },
} as const;

/** True when the request names any storage or recovery field (the section is then reported). */
export function storageRequested(request: StorageRequest): boolean {
  return anyGiven(request, STORAGE_FIELDS);
}

/**
 * Where the artifacts live when the request does not say: shared for a `network_ssd` profile (one
 * store all nodes read), local otherwise (NVMe in the node, or a block volume attached to each node).
 *
 * @example placementOf({}, 'network_ssd') //=> 'shared'
 * @example placementOf({}, 'cloud_block_storage') //=> 'local'
 * @example placementOf({ storage_placement: 'shared' }, 'nvme_local') //=> 'shared'
 */
export function placementOf(request: Pick<StorageRequest, 'storage_placement'>, profileType: string): StoragePlacement {
  return request.storage_placement ?? (profileType === STORAGE_DEFAULTS.storage_placement_shared_type ? 'shared' : 'local');
}

/** Bytes in a KiB. */
const KIB = 1024;

/**
 * GiB a node reads to start: one artifact per replica it holds; a replica over several nodes reads
 * its artifact across them (each rank reads its own slice).
 *
 * @example nodeReadGib(140, 2, 1) //=> 280
 * @example nodeReadGib(1250, 1, 2) //=> 625
 */
export function nodeReadGib(artifactGib: number, replicasPerNode: number, nodesPerReplica: number): number {
  return (artifactGib * replicasPerNode) / nodesPerReplica;
}

/** What limits a node's read rate. */
export type ReadBound = 'throughput' | 'iops' | 'latency';

/** A node's read rate while `loading` nodes load at once, and the three limits it is the least of. */
export interface ReadRate {
  readonly gbps: number;
  readonly bound: ReadBound;
  /** The profile's read throughput, divided among the loading nodes when shared. */
  readonly throughput_gbps: number;
  /** IOPS × block: the profile's IOPS at this block size, divided among the loading nodes when shared. */
  readonly iops_gbps: number;
  /** queue_depth × block / p50 latency: Little's law for one node's reads in flight (not shared). */
  readonly latency_gbps: number;
  /** Nodes sharing the profile's throughput and IOPS (1 when local). */
  readonly sharing: number;
}

/**
 * A node's read rate from the profile, GB/s: the least of its throughput, its IOPS × block size and
 * its latency bound (queue depth × block / p50 latency), the first two divided among `loading`
 * nodes when the storage is shared.
 *
 * @example readRate({ throughput_read_gbps: 28, iops_read: 1e6, latency_read_ms_p50: 0.08 }, 'local', 1, 128).gbps //=> 28 (throughput-bound)
 * @example readRate({ throughput_read_gbps: 12, iops_read: 5e5, latency_read_ms_p50: 0.5 }, 'shared', 1, 128).gbps //=> 8.388608 (latency-bound: 32 × 131,072 B / 0.5 ms)
 * @example readRate({ throughput_read_gbps: 12, iops_read: 5e5, latency_read_ms_p50: 0.5 }, 'shared', 4, 128).gbps //=> 3 (throughput-bound: 12 / 4)
 */
export function readRate(
  profile: Pick<StorageEntry, 'throughput_read_gbps' | 'iops_read' | 'latency_read_ms_p50'>,
  placement: StoragePlacement,
  loading: number,
  blockKib: number,
  queueDepth: number = STORAGE_DEFAULTS.queue_depth,
): ReadRate {
  const sharing = placement === 'shared' ? Math.max(1, loading) : 1;
  const block = blockKib * KIB;
  const throughput = profile.throughput_read_gbps / sharing;
  const iops = (profile.iops_read * block) / BYTES_PER_GB / sharing;
  const latency = profile.latency_read_ms_p50 > 0 ? (queueDepth * block) / (profile.latency_read_ms_p50 / 1000) / BYTES_PER_GB : Infinity;
  let gbps = throughput;
  let bound: ReadBound = 'throughput';
  if (iops < gbps) {
    gbps = iops;
    bound = 'iops';
  }
  if (latency < gbps) {
    gbps = latency;
    bound = 'latency';
  }
  return { gbps, bound, throughput_gbps: throughput, iops_gbps: iops, latency_gbps: latency, sharing };
}

/**
 * Seconds to read `gib` GiB at `gbps` GB/s (Infinity at 0 GB/s).
 *
 * @example loadTimeS(280, 28) //=> 10.737418 (280 × 2^30 B / 28 × 10^9 B/s)
 */
export function loadTimeS(gib: number, gbps: number): number {
  return gbps > 0 ? (gib * BYTES_PER_GIB) / (gbps * BYTES_PER_GB) : Infinity;
}

/**
 * Read throughput a node needs to load `gib` GiB within `targetS` seconds, GB/s.
 *
 * @example requiredReadGbps(280, 60) //=> 5.0110617
 */
export function requiredReadGbps(gib: number, targetS: number): number {
  return targetS > 0 ? (gib * BYTES_PER_GIB) / BYTES_PER_GB / targetS : Infinity;
}

/** One step of a recovery: `nodes` nodes back in service at `at_s` seconds after the failure. */
export interface RecoveryStep {
  readonly at_s: number;
  readonly nodes: number;
}

/** How k failed nodes come back: waves of at most `warmup_concurrency` nodes on shared storage. */
export interface Recovery {
  readonly nodes: number;
  /** Seconds from the failure until the last node serves again. */
  readonly total_s: number;
  /** Nodes loading at once, and how many waves. */
  readonly per_wave: number;
  readonly waves: number;
  /** When each wave's nodes serve again (cumulative). */
  readonly steps: readonly RecoveryStep[];
}

/**
 * Time to bring back `k` failed nodes: each reads `gib` GiB then starts its engine (`startupS`).
 * Local storage: every node reads its own drives, all k at once. Shared storage: at most
 * `warmupConcurrency` nodes read at once, sharing the profile's throughput and IOPS; a wave's nodes
 * start their engines while the next wave reads. The storage is assumed intact (a restarted node or
 * process; a replaced node whose local drives are empty must first copy the artifact, not counted).
 *
 * @example recovery(2, 280, profileDefault, 'local', 1, 128, 120).total_s //=> 130.737418 (10.737 s read + 120 s start-up)
 */
export function recovery(
  k: number,
  gib: number,
  profile: Pick<StorageEntry, 'throughput_read_gbps' | 'iops_read' | 'latency_read_ms_p50'>,
  placement: StoragePlacement,
  warmupConcurrency: number,
  blockKib: number,
  startupS: number,
): Recovery {
  if (k <= 0) return { nodes: 0, total_s: 0, per_wave: 0, waves: 0, steps: [] };
  const perWave = placement === 'shared' ? Math.min(k, Math.max(1, warmupConcurrency)) : k;
  const steps: RecoveryStep[] = [];
  let read = 0;
  let back = 0;
  while (back < k) {
    const n = Math.min(perWave, k - back);
    read += loadTimeS(gib, readRate(profile, placement, n, blockKib).gbps);
    back += n;
    steps.push({ at_s: read + startupS, nodes: n });
  }
  return { nodes: k, total_s: steps[steps.length - 1]!.at_s, per_wave: perWave, waves: steps.length, steps };
}

/**
 * Disk space, GiB per node: the artifact copies (on local storage; on shared storage they live once
 * in the shared store), the cache and the logs.
 *
 * @example capacityGib('local', 140, 2, 50, 20, 4, 0.2) //=> { per_node_gib: 420, fleet_gib: 2016, … }
 * @example capacityGib('shared', 140, 2, 50, 20, 4, 0.2) //=> { per_node_gib: 84, fleet_gib: 672, … }
 */
export function capacityGib(
  placement: StoragePlacement,
  artifactGib: number,
  copies: number,
  cacheGib: number,
  logGib: number,
  nodes: number,
  margin: number,
): { per_node_base_gib: number; per_node_gib: number; shared_store_base_gib: number; fleet_base_gib: number; fleet_gib: number } {
  const artifacts = artifactGib * copies;
  const perNodeBase = (placement === 'local' ? artifacts : 0) + cacheGib + logGib;
  const shared = placement === 'shared' ? artifacts : 0;
  const fleetBase = perNodeBase * nodes + shared;
  return {
    per_node_base_gib: perNodeBase,
    per_node_gib: perNodeBase * (1 + margin),
    shared_store_base_gib: shared,
    fleet_base_gib: fleetBase,
    fleet_gib: fleetBase * (1 + margin),
  };
}

/** GiB to TB (10^12 bytes). */
export const gibToTb = (gib: number): number => (gib * BYTES_PER_GIB) / 1e12;

/** How a scenario's sessions are counted: per replica, replicas per node, nodes per replica. */
export interface FleetUnit {
  readonly sessions_per_replica: number;
  readonly replicas_per_node: number;
  readonly nodes_per_replica: number;
}

/**
 * Replicas still serving with `down` of `nodes` nodes lost, at worst (each lost node in a different
 * replica): a node takes its replicas with it; a replica over several nodes dies with any of them.
 *
 * @example replicasServing({ sessions_per_replica: 100, replicas_per_node: 2, nodes_per_replica: 1 }, 5, 1) //=> 8
 * @example replicasServing({ sessions_per_replica: 100, replicas_per_node: 1, nodes_per_replica: 2 }, 6, 2) //=> 1
 */
export function replicasServing(unit: FleetUnit, nodes: number, down: number): number {
  const replicas = unit.nodes_per_replica > 1 ? Math.floor(nodes / unit.nodes_per_replica) : nodes * unit.replicas_per_node;
  const d = Math.min(Math.max(0, down), nodes);
  const lost = unit.nodes_per_replica > 1 ? d : d * unit.replicas_per_node;
  return Math.max(0, replicas - Math.min(replicas, lost));
}

/** Sessions the fleet holds with `down` nodes lost. */
export function sessionsServing(unit: FleetUnit, nodes: number, down: number): number {
  return replicasServing(unit, nodes, down) * unit.sessions_per_replica;
}

/** Capacity over time after a failure: a step function from the failure to full recovery. */
export interface TimelinePoint {
  readonly at_s: number;
  readonly nodes_serving: number;
  readonly sessions_capacity: number;
}

/**
 * The capacity timeline of losing `down` nodes, and the session-minutes the fleet falls short of
 * `demand` sessions until the last node serves again: Σ max(0, demand − capacity) × duration / 60.
 */
export function degradedWindow(
  unit: FleetUnit,
  nodes: number,
  down: number,
  demand: number,
  rec: Recovery,
): { timeline: TimelinePoint[]; session_minutes_short: number } {
  const d = Math.min(down, nodes);
  const timeline: TimelinePoint[] = [{ at_s: 0, nodes_serving: nodes - d, sessions_capacity: sessionsServing(unit, nodes, d) }];
  let stillDown = d;
  for (const s of rec.steps) {
    stillDown -= s.nodes;
    timeline.push({ at_s: s.at_s, nodes_serving: nodes - stillDown, sessions_capacity: sessionsServing(unit, nodes, stillDown) });
  }
  let short = 0;
  for (let i = 0; i + 1 < timeline.length; i++) {
    const p = timeline[i]!;
    const dur = timeline[i + 1]!.at_s - p.at_s;
    short += Math.max(0, demand - p.sessions_capacity) * dur;
  }
  return { timeline, session_minutes_short: Number.isFinite(short) ? short / 60 : Infinity };
}

/** The inputs of storage and recovery, every default resolved (what the report echoes). */
export interface ResolvedStorageInputs {
  readonly artifact_gib: number;
  readonly artifact_source: 'input' | 'weights';
  readonly artifact_copies: number;
  readonly storage_placement: StoragePlacement;
  readonly placement_source: 'input' | 'profile_type';
  readonly capacity_margin: number;
  readonly cache_gib_per_node: number;
  readonly log_gib_per_node: number;
  readonly target_load_time_s: number;
  readonly warmup_concurrency: number;
  readonly read_block_kib: number;
  readonly queue_depth: number;
  readonly engine_startup_s: number;
  readonly engine_startup_source: 'input' | 'default';
  readonly nodes_per_domain: number | null;
}

/** One node's cold start from the profile (the same in every scenario: a node is a node). */
export interface NodeLoad {
  /** GiB one node reads. */
  readonly read_gib: number;
  readonly replicas_per_node: number;
  readonly nodes_per_replica: number;
  /** Read rate with one node loading, and with `warmup_concurrency` nodes loading at once. */
  readonly rate_alone: ReadRate;
  readonly rate_concurrent: ReadRate;
  readonly load_time_s: number;
  /** Load time when `warmup_concurrency` nodes load at once (= load_time_s on local storage). */
  readonly load_time_concurrent_s: number;
  readonly cold_start_s: number;
  /** Read throughput one node needs to load within the target, and the profile needs for `warmup_concurrency` nodes at once. */
  readonly required_gbps_per_node: number;
  readonly required_gbps_profile: number;
  readonly meets_target: boolean;
}

/** The SLO with some nodes down, as the performance model sees it (null fields without a workload). */
export interface DegradedSlo {
  readonly meets: boolean | null;
  readonly ttft_p99_ms: number | null;
  readonly tpot_p99_ms: number | null;
}

/** One failure case of a scenario: k nodes down. */
export interface FailureCase {
  readonly nodes_down: number;
  readonly nodes_serving: number;
  readonly replicas_serving: number;
  readonly sessions_capacity: number;
  /** Sessions the fleet still holds of the demand (min of the two) and the share of the demand. */
  readonly sessions_served: number;
  readonly share_served: number;
  /** Whether the latency targets hold on the replicas left (null without targets or a workload). */
  readonly slo: DegradedSlo;
  readonly degraded_s: number;
  readonly session_minutes_short: number;
  readonly recovery: Recovery;
  readonly timeline: readonly TimelinePoint[];
}

/** One scenario's storage and failure planning (null figures when the scenario is infeasible). */
export interface ScenarioStorage {
  readonly nodes: number;
  readonly capacity: ReturnType<typeof capacityGib> & { readonly fleet_tb: number };
  /** The scenario's design demand: sessions at its peak (concurrency × (1 + headroom)). */
  readonly demand_sessions: number;
  readonly ha_extra_nodes: number;
  readonly sessions_capacity: number;
  readonly failures: readonly FailureCase[];
  /** Losing a whole failure domain (null without `nodes_per_domain`). */
  readonly domain: { readonly nodes_per_domain: number; readonly nodes_down: number; readonly sessions_capacity: number; readonly survives: boolean } | null;
}

/** The whole storage and recovery plan. */
export interface StoragePlan {
  readonly inputs: ResolvedStorageInputs;
  readonly profile: Pick<StorageEntry, 'name' | 'type' | 'throughput_read_gbps' | 'iops_read' | 'latency_read_ms_p50' | 'latency_read_ms_p99'>;
  readonly load: NodeLoad;
  readonly scenarios: Readonly<Record<'minimum' | 'recommended' | 'ideal', ScenarioStorage | null>>;
}

/** The failure cases every scenario reports: 1 and 2 nodes down. */
export const NODES_DOWN = [1, 2] as const;

/** Resolve the request's storage inputs; null when the artifact size is unknown (no weights figure, no artifact_gib). */
export function resolveStorageInputs(request: StorageRequest, weightsGib: number | null, profileType: string): ResolvedStorageInputs | null {
  const artifact = request.artifact_gib ?? weightsGib;
  if (artifact === null || !(artifact > 0)) return null;
  const d = STORAGE_DEFAULTS;
  return {
    artifact_gib: artifact,
    artifact_source: request.artifact_gib !== undefined ? 'input' : 'weights',
    artifact_copies: request.artifact_copies ?? d.artifact_copies,
    storage_placement: placementOf(request, profileType),
    placement_source: request.storage_placement !== undefined ? 'input' : 'profile_type',
    capacity_margin: request.capacity_margin ?? d.capacity_margin,
    cache_gib_per_node: request.cache_gib_per_node ?? d.cache_gib_per_node,
    log_gib_per_node: request.log_gib_per_node ?? d.log_gib_per_node,
    target_load_time_s: request.target_load_time_s ?? d.target_load_time_s,
    warmup_concurrency: request.warmup_concurrency ?? d.warmup_concurrency,
    read_block_kib: request.read_block_kib ?? d.read_block_kib,
    queue_depth: d.queue_depth,
    engine_startup_s: request.engine_startup_s ?? d.engine_startup_s,
    engine_startup_source: request.engine_startup_s !== undefined ? 'input' : 'default',
    nodes_per_domain: request.nodes_per_domain ?? null,
  };
}

/** One node's load and cold start. */
export function nodeLoad(inputs: ResolvedStorageInputs, profile: StoragePlan['profile'], replicasPerNode: number, nodesPerReplica: number): NodeLoad {
  const gib = nodeReadGib(inputs.artifact_gib, replicasPerNode, nodesPerReplica);
  const alone = readRate(profile, inputs.storage_placement, 1, inputs.read_block_kib, inputs.queue_depth);
  const together = readRate(profile, inputs.storage_placement, inputs.warmup_concurrency, inputs.read_block_kib, inputs.queue_depth);
  const load = loadTimeS(gib, alone.gbps);
  const loadTogether = loadTimeS(gib, together.gbps);
  const required = requiredReadGbps(gib, inputs.target_load_time_s);
  return {
    read_gib: gib,
    replicas_per_node: replicasPerNode,
    nodes_per_replica: nodesPerReplica,
    rate_alone: alone,
    rate_concurrent: together,
    load_time_s: load,
    load_time_concurrent_s: loadTogether,
    cold_start_s: load + inputs.engine_startup_s,
    required_gbps_per_node: required,
    required_gbps_profile: inputs.storage_placement === 'shared' ? required * inputs.warmup_concurrency : required,
    meets_target: loadTogether <= inputs.target_load_time_s,
  };
}

/** What a scenario's failure planning reads from the sizing. */
export interface ScenarioFleet {
  readonly nodes: number | null;
  readonly unit: FleetUnit;
  readonly demand_sessions: number;
  /** Spare nodes of the scenario's HA (a scenario with spares is expected to survive a domain). */
  readonly ha_extra_nodes: number;
  /** The latency targets on `replicas` replicas at the scenario's design load (absent without a workload). */
  readonly slo?: ((replicas: number) => DegradedSlo) | undefined;
}

const NO_SLO: DegradedSlo = { meets: null, ttft_p99_ms: null, tpot_p99_ms: null };

/**
 * The targets on the replicas left. Fewer sessions held than the demand: the queue grows without
 * bound, so no target holds whatever the model says of the sessions that are served.
 */
function degradedSlo(evaluate: (replicas: number) => DegradedSlo, replicas: number, overloaded: boolean): DegradedSlo {
  if (replicas === 0) {
    const any = evaluate(1);
    return { meets: any.meets === null ? null : false, ttft_p99_ms: null, tpot_p99_ms: null };
  }
  const s = evaluate(replicas);
  return overloaded && s.meets !== null ? { ...s, meets: false } : s;
}

/** One scenario's storage and failures. */
export function scenarioStorage(inputs: ResolvedStorageInputs, profile: StoragePlan['profile'], load: NodeLoad, fleet: ScenarioFleet): ScenarioStorage | null {
  const n = fleet.nodes;
  if (n === null || n <= 0) return null;
  const cap = capacityGib(inputs.storage_placement, inputs.artifact_gib, inputs.artifact_copies, inputs.cache_gib_per_node, inputs.log_gib_per_node, n, inputs.capacity_margin);
  const failures = NODES_DOWN.map((k): FailureCase => {
    const down = Math.min(k, n);
    const rec = recovery(down, load.read_gib, profile, inputs.storage_placement, inputs.warmup_concurrency, inputs.read_block_kib, inputs.engine_startup_s);
    const w = degradedWindow(fleet.unit, n, down, fleet.demand_sessions, rec);
    const replicas = replicasServing(fleet.unit, n, down);
    const capacity = replicas * fleet.unit.sessions_per_replica;
    const served = Math.min(capacity, fleet.demand_sessions);
    // Fewer sessions than the demand: the queue grows without bound, no latency target holds.
    const slo = fleet.slo === undefined ? NO_SLO : degradedSlo(fleet.slo, replicas, capacity < fleet.demand_sessions);
    return {
      nodes_down: down,
      nodes_serving: n - down,
      replicas_serving: replicas,
      sessions_capacity: capacity,
      sessions_served: served,
      share_served: fleet.demand_sessions > 0 ? served / fleet.demand_sessions : 1,
      slo,
      degraded_s: rec.total_s,
      session_minutes_short: w.session_minutes_short,
      recovery: rec,
      timeline: w.timeline,
    };
  });
  const d = inputs.nodes_per_domain;
  const domain =
    d === null
      ? null
      : (() => {
          const down = Math.min(d, n);
          const sessions = sessionsServing(fleet.unit, n, down);
          return { nodes_per_domain: d, nodes_down: down, sessions_capacity: sessions, survives: sessions >= fleet.demand_sessions && sessions > 0 };
        })();
  return {
    nodes: n,
    capacity: { ...cap, fleet_tb: gibToTb(cap.fleet_gib) },
    demand_sessions: fleet.demand_sessions,
    ha_extra_nodes: fleet.ha_extra_nodes,
    sessions_capacity: sessionsServing(fleet.unit, n, 0),
    failures,
    domain,
  };
}

/** The figures the rationale explains, in the order the reports list them. */
export const STORAGE_RATIONALE_KEYS = [
  'artifact_gib',
  'node_read_gib',
  'read_rate_gbps',
  'load_time_s',
  'required_read_gbps',
  'cold_start_s',
  'capacity_per_node_gib',
  'capacity_fleet_tb',
  'recovery_s',
  'sessions_down',
  'session_minutes_short',
] as const;
export type StorageRationaleKey = (typeof STORAGE_RATIONALE_KEYS)[number];

/** A formula (language-neutral) and the inputs it used: the same shape as every other figure's. */
export type StorageRationale = Rationale;

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * How each storage figure of a scenario was obtained: formula and inputs (the explanations in words
 * are the locale's). The scenario figures are absent when the scenario is infeasible.
 */
export function storageRationale(plan: StoragePlan, key: 'minimum' | 'recommended' | 'ideal'): Partial<Record<StorageRationaleKey, StorageRationale>> {
  const { inputs: i, load, profile } = plan;
  const r = load.rate_alone;
  const out: Partial<Record<StorageRationaleKey, StorageRationale>> = {
    artifact_gib: {
      formula: i.artifact_source === 'input' ? 'artifact_gib = artifact_gib' : 'artifact_gib = weights_gib',
      inputs: { artifact_gib: i.artifact_gib, artifact_copies: i.artifact_copies },
    },
    node_read_gib: {
      formula: 'node_read_gib = artifact_gib × replicas_per_node / nodes_per_replica',
      inputs: { artifact_gib: i.artifact_gib, replicas_per_node: load.replicas_per_node, nodes_per_replica: load.nodes_per_replica },
    },
    read_rate_gbps: {
      formula: 'read_gbps = min(throughput_read_gbps / sharing, iops_read × block_bytes / 10^9 / sharing, queue_depth × block_bytes / latency_read_p50_s / 10^9)',
      inputs: {
        storage: profile.name,
        placement: i.storage_placement,
        sharing: r.sharing,
        throughput_read_gbps: profile.throughput_read_gbps,
        iops_read: profile.iops_read,
        read_block_kib: i.read_block_kib,
        queue_depth: i.queue_depth,
        latency_read_ms_p50: profile.latency_read_ms_p50,
        throughput_bound_gbps: fin(r.throughput_gbps),
        iops_bound_gbps: fin(r.iops_gbps),
        latency_bound_gbps: fin(r.latency_gbps),
        bound: r.bound,
      },
    },
    load_time_s: {
      formula: 'load_time_s = node_read_gib × 2^30 / (read_gbps × 10^9)',
      inputs: {
        node_read_gib: load.read_gib,
        read_gbps: fin(r.gbps),
        warmup_concurrency: i.warmup_concurrency,
        read_gbps_concurrent: fin(load.rate_concurrent.gbps),
        load_time_concurrent_s: fin(load.load_time_concurrent_s),
      },
    },
    required_read_gbps: {
      formula:
        i.storage_placement === 'shared'
          ? 'required_gbps = node_read_gib × 2^30 / 10^9 / target_load_time_s; required_gbps_profile = required_gbps × warmup_concurrency'
          : 'required_gbps = node_read_gib × 2^30 / 10^9 / target_load_time_s',
      inputs: { node_read_gib: load.read_gib, target_load_time_s: i.target_load_time_s, warmup_concurrency: i.warmup_concurrency, required_gbps_profile: fin(load.required_gbps_profile) },
    },
    cold_start_s: {
      formula: 'cold_start_s = load_time_s + engine_startup_s',
      inputs: { load_time_s: fin(load.load_time_s), engine_startup_s: i.engine_startup_s, engine_startup_source: i.engine_startup_source },
    },
  };
  const s = plan.scenarios[key];
  if (s === null) return out;
  const f1 = s.failures[0]!;
  out.capacity_per_node_gib = {
    formula:
      i.storage_placement === 'local'
        ? 'per_node_gib = (artifact_gib × artifact_copies + cache_gib_per_node + log_gib_per_node) × (1 + capacity_margin)'
        : 'per_node_gib = (cache_gib_per_node + log_gib_per_node) × (1 + capacity_margin); shared_store_gib = artifact_gib × artifact_copies',
    inputs: { artifact_gib: i.artifact_gib, artifact_copies: i.artifact_copies, cache_gib_per_node: i.cache_gib_per_node, log_gib_per_node: i.log_gib_per_node, capacity_margin: i.capacity_margin },
  };
  out.capacity_fleet_tb = {
    formula:
      i.storage_placement === 'local'
        ? 'fleet_tb = per_node_base_gib × nodes_final × (1 + capacity_margin) × 2^30 / 10^12'
        : 'fleet_tb = (artifact_gib × artifact_copies + per_node_base_gib × nodes_final) × (1 + capacity_margin) × 2^30 / 10^12',
    inputs: { per_node_base_gib: s.capacity.per_node_base_gib, shared_store_base_gib: s.capacity.shared_store_base_gib, nodes_final: s.nodes, capacity_margin: i.capacity_margin },
  };
  out.recovery_s = {
    formula:
      i.storage_placement === 'local'
        ? 'recovery_s = load_time_s + engine_startup_s'
        : 'recovery_s = Σ_{w = 1..waves} load_time_s_w + engine_startup_s; waves = ⌈nodes_down / warmup_concurrency⌉',
    inputs: { nodes_down: f1.nodes_down, waves: f1.recovery.waves, per_wave: f1.recovery.per_wave, engine_startup_s: i.engine_startup_s, recovery_s: fin(f1.degraded_s) },
  };
  out.sessions_down = {
    formula:
      load.nodes_per_replica > 1
        ? 'sessions_k = (replicas − min(replicas, lost_replicas_k)) × sessions_per_replica; lost_replicas_k = nodes_down'
        : 'sessions_k = (replicas − min(replicas, lost_replicas_k)) × sessions_per_replica; lost_replicas_k = nodes_down × replicas_per_node',
    inputs: { nodes_final: s.nodes, nodes_down: f1.nodes_down, replicas_serving: f1.replicas_serving, sessions_capacity: f1.sessions_capacity, demand_sessions: s.demand_sessions },
  };
  out.session_minutes_short = {
    formula: 'session_minutes_short = Σ_steps max(0, demand_sessions − sessions_t) × duration_s / 60',
    inputs: { demand_sessions: s.demand_sessions, nodes_down: f1.nodes_down, degraded_s: fin(f1.degraded_s), session_minutes_short: fin(f1.session_minutes_short) },
  };
  return out;
}
