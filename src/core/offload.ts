/**
 * A KV offload tier (issue 12, point 4): host DRAM or NVMe on each node that holds the KV cache of idle
 * sessions (between the turns of a conversation), so that GPU memory (HBM) holds only the active ones.
 * Pure: figures in, one plain object out, each figure with what it was computed from.
 *
 * How the engines do it, and what this model takes from them:
 * - vLLM's OffloadingConnector (vllm/v1/kv_offload/cpu.py, CPUOffloadingSpec) sizes its host pool as
 *   `num_blocks = cpu_bytes_to_use // kv_bytes_per_offloaded_block`: a byte budget divided by the KV
 *   bytes of a block, the same KV bytes as on the GPU. Here: sessions parked = floor(tier GiB / KV per
 *   session GiB). Its transfers are DMA copies (cudaMemcpyAsync) between pinned host memory and each
 *   GPU, over that GPU's host link; secondary tiers (disk) are staged through the CPU tier
 *   (docs.vllm.ai, "KV Offloading Usage Guide": only the CPU primary tier has direct GPU access).
 * - LMCache (used by the vLLM production stack) is configured the same way: a CPU buffer size in GB
 *   (`cpuOffloadingBufferSize`), plus an optional local disk.
 * So a session brought back from DRAM moves its KV over the host links (PCIe) of the GPUs that hold
 * it; from NVMe it is read at the drives' throughput, then crosses the same links: the slower of the two binds.
 *
 * Sessions per node with offload: a node holds `a` active sessions in HBM (a ≤ S, the HBM sessions per
 * node of the scenario) and `i` idle ones, which may stay in HBM or be parked in the tier (i ≤ P + S − a,
 * P = sessions the tier holds). With a fraction f of the sessions idle, a = (1 − f)·n and i = f·n, so
 * n ≤ S / (1 − f) and n ≤ S + P: sessions per node = min(floor(S / (1 − f)), S + P), never below S.
 */
import { BYTES_PER_GB, BYTES_PER_GIB } from './units.ts';
import { scenarioNodes } from './scenarios.ts';
import type { ServerEntry, StorageEntry } from '../schema/catalog.ts';

export const OFFLOAD_TIERS = ['dram', 'nvme'] as const;

/** The request fields of the offload tier (src/schema/request.ts); without `offload_tier` none applies. */
export interface OffloadRequest {
  readonly offload_tier?: OffloadTier | undefined;
  readonly offload_gib_per_node?: number | undefined;
  readonly idle_session_fraction?: number | undefined;
  readonly host_link_gbps_per_gpu?: number | undefined;
}

/** Limits of the offload request fields. */
export const OFFLOAD_LIMITS = {
  offload_gib_per_node: { minExclusive: 0, max: 1_000_000_000 },
  idle_session_fraction: { min: 0, max: 0.99 },
  host_link_gbps_per_gpu: { minExclusive: 0, max: 1_000_000 },
} as const;
export type OffloadTier = (typeof OFFLOAD_TIERS)[number];

/** Defaults and assumptions of the offload tier, each stated in the output. */
export const OFFLOAD_DEFAULTS = {
  /** Idle fraction of the sessions when none is given: none idle (the tier then changes nothing). */
  idle_session_fraction: 0,
  /** Share of the server's system memory given to the DRAM tier when no size is given: the OS, the engine's own process and the page cache keep the rest. */
  dram_share_of_system_memory: 0.5,
  /**
   * Host link of one GPU, GB/s in one direction, when none is given: PCIe Gen5 ×16 (32 GT/s × 16 lanes,
   * 128b/130b: 63 GB/s), the link of H100, H200, B200 and MI300X to their host.
   */
  host_link_gbps_per_gpu: 63,
} as const;

/** What the offload figures are computed from (resolved by the caller from the request and the catalog). */
export interface OffloadInputs {
  readonly tier: OffloadTier;
  /** The tier's size on one node, GiB, and where it comes from. */
  readonly capacity_gib_per_node: number;
  readonly capacity_source: 'input' | 'server_system_memory';
  /** Fraction of the sessions idle at any time, [0, 1). */
  readonly idle_session_fraction: number;
  /** KV of one session, GiB (the sizing's). */
  readonly kv_per_session_gib: number;
  /** Host link of one GPU, GB/s one direction, and where it comes from. */
  readonly host_link_gbps_per_gpu: number;
  readonly host_link_source: 'input' | 'default_pcie_gen5_x16';
  /** GPUs whose links carry one session's KV (the GPUs of one replica or attention group; 1 for the original single pool). */
  readonly gpus_per_session: number;
  /** nvme: the storage profile's read throughput per node, GB/s, its read latency p99, ms, and its name. */
  readonly storage?: { readonly name: string; readonly throughput_read_gbps: number; readonly latency_read_ms_p99: number } | undefined;
}

/** One scenario as the offload sees it: HBM sessions per unit (node, or replica when a replica spans nodes) and its node rule. */
export interface OffloadScenarioInput {
  readonly sessions_per_unit: number;
  readonly nodes_per_unit: number;
  readonly concurrency: number;
  readonly peak_headroom_ratio: number;
  readonly ha_extra_nodes: number;
  readonly nodes_final: number | null;
}

export interface OffloadScenario {
  /** HBM sessions per node without offload (the scenario's). */
  readonly sessions_per_node: number;
  /** Sessions per node with the idle fraction parked: min(floor(S / (1 − f)), S + P). */
  readonly sessions_per_node_with_offload: number;
  /** Sessions parked in the tier per node at that load: sessions − S, at most P. */
  readonly parked_sessions_per_node: number;
  readonly nodes_final: number | null;
  readonly nodes_final_with_offload: number | null;
}

export interface KvOffload {
  readonly tier: OffloadTier;
  readonly capacity_gib_per_node: number;
  readonly capacity_source: OffloadInputs['capacity_source'];
  readonly idle_session_fraction: number;
  readonly kv_per_session_gib: number;
  /** P = floor(capacity / KV per session): idle sessions one node's tier can hold. */
  readonly parked_capacity_sessions_per_node: number;
  /** The bandwidth one session comes back at, GB/s, and what binds it. */
  readonly restore_bandwidth_gbps: number;
  readonly restore_bandwidth_source: 'host_link' | 'storage_profile';
  readonly host_link_gbps_per_gpu: number;
  readonly host_link_source: OffloadInputs['host_link_source'];
  readonly gpus_per_session: number;
  /** nvme: the profile's name, throughput and latency used. */
  readonly storage: NonNullable<OffloadInputs['storage']> | null;
  /** Time to bring one idle session back into HBM, seconds: latency (nvme) + KV bytes / bandwidth. */
  readonly restore_time_s: number;
  readonly scenarios: { readonly minimum: OffloadScenario; readonly recommended: OffloadScenario; readonly ideal: OffloadScenario };
}

/**
 * Sessions per unit with a fraction `f` idle and a tier holding `parked` sessions: min(floor(S / (1 − f)), S + P).
 *
 * @example sessionsWithOffload(100, 0.5, 1000) //=> 200 (HBM holds the 100 active, the tier the 100 idle)
 * @example sessionsWithOffload(100, 0.5, 30) //=> 130 (the tier is full at 30)
 * @example sessionsWithOffload(100, 0, 1000) //=> 100 (none idle: no change)
 */
export function sessionsWithOffload(hbmSessions: number, idleFraction: number, parked: number): number {
  if (hbmSessions <= 0) return 0;
  // floor(S / (1 − f)) in a form that stays exact when S / (1 − f) is whole (1 − f is not exact in binary).
  const byHbm = Math.floor(hbmSessions / (1 - idleFraction) + 1e-9);
  return Math.max(hbmSessions, Math.min(byHbm, hbmSessions + parked));
}

/**
 * Time to bring one session back, seconds: KV bytes / bandwidth, plus the read latency p99 from NVMe.
 *
 * @example restoreTimeS(4.5, 63, 0) //=> 0.0767 (4.5 GiB over one PCIe Gen5 ×16 link)
 */
export function restoreTimeS(kvPerSessionGib: number, bandwidthGbps: number, latencyMs: number): number {
  return latencyMs / 1000 + (kvPerSessionGib * BYTES_PER_GIB) / (bandwidthGbps * BYTES_PER_GB);
}

/** The offload tier's figures for the three scenarios. */
export function kvOffload(inputs: OffloadInputs, scenarios: { readonly [K in 'minimum' | 'recommended' | 'ideal']: OffloadScenarioInput }): KvOffload {
  const f = inputs.idle_session_fraction;
  const parked = Math.floor(inputs.capacity_gib_per_node / inputs.kv_per_session_gib);
  const links = inputs.host_link_gbps_per_gpu * inputs.gpus_per_session;
  const fromStorage = inputs.tier === 'nvme' && inputs.storage !== undefined && inputs.storage.throughput_read_gbps < links;
  const bandwidth = fromStorage ? inputs.storage!.throughput_read_gbps : links;
  const latency = inputs.tier === 'nvme' ? (inputs.storage?.latency_read_ms_p99 ?? 0) : 0;
  const scenario = (s: OffloadScenarioInput): OffloadScenario => {
    // A replica over several nodes is the unit: its tier is its nodes' tiers together.
    const unitParked = parked * s.nodes_per_unit;
    const perUnit = sessionsWithOffload(s.sessions_per_unit, f, unitParked);
    const nodes = s.nodes_final === null ? null : scenarioNodes(s.concurrency, perUnit, s.peak_headroom_ratio, s.ha_extra_nodes, s.nodes_per_unit).nodes_final;
    return {
      sessions_per_node: s.sessions_per_unit / s.nodes_per_unit,
      sessions_per_node_with_offload: perUnit / s.nodes_per_unit,
      parked_sessions_per_node: (perUnit - s.sessions_per_unit) / s.nodes_per_unit,
      nodes_final: s.nodes_final,
      nodes_final_with_offload: nodes,
    };
  };
  return {
    tier: inputs.tier,
    capacity_gib_per_node: inputs.capacity_gib_per_node,
    capacity_source: inputs.capacity_source,
    idle_session_fraction: f,
    kv_per_session_gib: inputs.kv_per_session_gib,
    parked_capacity_sessions_per_node: parked,
    restore_bandwidth_gbps: bandwidth,
    restore_bandwidth_source: fromStorage ? 'storage_profile' : 'host_link',
    host_link_gbps_per_gpu: inputs.host_link_gbps_per_gpu,
    host_link_source: inputs.host_link_source,
    gpus_per_session: inputs.gpus_per_session,
    storage: inputs.tier === 'nvme' ? (inputs.storage ?? null) : null,
    restore_time_s: restoreTimeS(inputs.kv_per_session_gib, bandwidth, latency),
    scenarios: { minimum: scenario(scenarios.minimum), recommended: scenario(scenarios.recommended), ideal: scenario(scenarios.ideal) },
  };
}

/**
 * The tier's size on one node: as given, else (DRAM) a share of the server's system memory; undefined
 * when neither is known (an NVMe tier must be given its size: storage profiles state no capacity).
 *
 * @example offloadCapacity({ offload_tier: 'dram' }, { system_memory_tb: 2 }) //=> { gib: 931.3, source: 'server_system_memory' } (half of 2 TB)
 */
export function offloadCapacity(request: OffloadRequest, server: Pick<ServerEntry, 'system_memory_tb'>): { gib: number; source: OffloadInputs['capacity_source'] } | undefined {
  if (request.offload_gib_per_node !== undefined) return { gib: request.offload_gib_per_node, source: 'input' };
  const tb = server.system_memory_tb;
  if (request.offload_tier !== 'dram' || tb === undefined || tb === null) return undefined;
  return { gib: (tb * 1e12 * OFFLOAD_DEFAULTS.dram_share_of_system_memory) / BYTES_PER_GIB, source: 'server_system_memory' };
}

/** The offload inputs of a request, its tier asked for and its size known (see `offloadCapacity`). */
export function offloadInputs(
  request: OffloadRequest & { readonly offload_tier: OffloadTier },
  capacity: { gib: number; source: OffloadInputs['capacity_source'] },
  storage: StorageEntry,
  kvPerSessionGib: number,
  gpusPerSession: number,
): OffloadInputs {
  return {
    tier: request.offload_tier,
    capacity_gib_per_node: capacity.gib,
    capacity_source: capacity.source,
    idle_session_fraction: request.idle_session_fraction ?? OFFLOAD_DEFAULTS.idle_session_fraction,
    kv_per_session_gib: kvPerSessionGib,
    host_link_gbps_per_gpu: request.host_link_gbps_per_gpu ?? OFFLOAD_DEFAULTS.host_link_gbps_per_gpu,
    host_link_source: request.host_link_gbps_per_gpu !== undefined ? 'input' : 'default_pcie_gen5_x16',
    gpus_per_session: gpusPerSession,
    storage: request.offload_tier === 'nvme' ? { name: storage.name, throughput_read_gbps: storage.throughput_read_gbps, latency_read_ms_p99: storage.latency_read_ms_p99 } : undefined,
  };
}
