/**
 * The JSON of storage, cold start and failures (issue 12): the sizing document's `storage_recovery`
 * (src/report/storage-json.ts builds it from src/core/storage.ts). Present only when the request gives
 * a storage field; null when it does but the artifact size is unknown. A figure that is unbounded (a
 * profile reading 0 GB/s) is null: JSON has no infinity.
 *
 * Built for a chart of capacity over time after losing k nodes: each scenario's
 * `failures[].timeline` is a step function (`at_s`, `nodes_serving`, `sessions_capacity`) from the
 * failure (at_s 0) to the last node serving again, against `demand_sessions`.
 */
import * as z from 'zod/mini';
import { STORAGE_PLACEMENTS } from '../core/storage.ts';

const finite = () => z.number();
const maybe = () => z.nullable(z.number());
const count = () => z.int().check(z.nonnegative());
const BOUND = z.enum(['throughput', 'iops', 'latency']);

const FailureJsonSchema = z.strictObject({
  nodes_down: count(),
  nodes_serving: count(),
  replicas_serving: count(),
  sessions_capacity: count().check(z.describe('Sessions the replicas left hold, at worst (each lost node in a different replica).')),
  sessions_served: finite().check(z.describe('min(sessions_capacity, demand_sessions).')),
  share_served: finite().check(z.describe('sessions_served / demand_sessions.')),
  slo: z
    .strictObject({ meets: z.nullable(z.boolean()), ttft_p99_ms: maybe(), tpot_p99_ms: maybe() })
    .check(z.describe('The latency targets on the replicas left at the design load (null without a workload or targets).')),
  degraded_s: maybe().check(z.describe('Seconds until the last failed node serves again (the recovery time).')),
  session_minutes_short: maybe().check(z.describe('Σ max(0, demand − capacity) × duration over the degraded window, minutes: sessions lost or queued.')),
  waves: count(),
  per_wave: count(),
  timeline: z
    .array(z.strictObject({ at_s: maybe(), nodes_serving: count(), sessions_capacity: count() }))
    .check(z.describe('Capacity over time: a step at each wave of nodes coming back (at_s 0 is the failure).')),
});

const ScenarioStorageJsonSchema = z.strictObject({
  nodes: count(),
  demand_sessions: finite().check(z.describe("The scenario's design demand: concurrency × (1 + peak headroom).")),
  sessions_capacity: count().check(z.describe('Sessions with every node up.')),
  ha_extra_nodes: count(),
  capacity: z.strictObject({
    per_node_base_gib: finite(),
    per_node_gib: finite().check(z.describe('With the capacity margin.')),
    shared_store_base_gib: finite().check(z.describe('The artifact copies on the shared store (0 on local storage).')),
    fleet_base_gib: finite(),
    fleet_gib: finite(),
    fleet_tb: finite().check(z.describe('fleet_gib in TB (10^12 bytes).')),
  }),
  failures: z.array(FailureJsonSchema).check(z.describe('1 and 2 nodes down.')),
  domain: z.nullable(
    z.strictObject({ nodes_per_domain: count(), nodes_down: count(), sessions_capacity: count(), survives: z.boolean() }),
  ).check(z.describe('Losing a whole failure domain (null without nodes_per_domain).')),
});

const StorageRationaleJsonSchema = z.strictObject({
  formula: z.string(),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  explanation: z.string(),
});

export const StorageRecoveryJsonSchema = z.strictObject({
  inputs: z.strictObject({
    artifact_gib: finite(),
    artifact_source: z.enum(['input', 'weights']),
    artifact_copies: count(),
    storage_placement: z.enum(STORAGE_PLACEMENTS),
    placement_source: z.enum(['input', 'profile_type']),
    capacity_margin: finite(),
    cache_gib_per_node: finite(),
    log_gib_per_node: finite(),
    target_load_time_s: finite(),
    warmup_concurrency: count(),
    read_block_kib: count(),
    queue_depth: count(),
    engine_startup_s: finite(),
    engine_startup_source: z.enum(['input', 'default']),
    nodes_per_domain: z.nullable(count()),
  }),
  profile: z.strictObject({
    name: z.string(),
    type: z.string(),
    throughput_read_gbps: finite(),
    iops_read: finite(),
    latency_read_ms_p50: finite(),
    latency_read_ms_p99: finite(),
  }),
  node_load: z.strictObject({
    read_gib: finite().check(z.describe('GiB one node reads: artifact × replicas per node / nodes per replica.')),
    replicas_per_node: count(),
    nodes_per_replica: count(),
    read_gbps: maybe(),
    bound: BOUND,
    throughput_bound_gbps: maybe(),
    iops_bound_gbps: maybe(),
    latency_bound_gbps: maybe(),
    read_gbps_concurrent: maybe().check(z.describe('With warmup_concurrency nodes loading at once (shared storage divides its throughput and IOPS).')),
    bound_concurrent: BOUND,
    load_time_s: maybe(),
    load_time_concurrent_s: maybe(),
    cold_start_s: maybe().check(z.describe('load_time_s + engine_startup_s.')),
    required_gbps_per_node: maybe(),
    required_gbps_profile: maybe(),
    meets_target: z.boolean(),
  }),
  scenarios: z.strictObject({
    minimum: z.nullable(ScenarioStorageJsonSchema),
    recommended: z.nullable(ScenarioStorageJsonSchema),
    ideal: z.nullable(ScenarioStorageJsonSchema),
  }),
  rationale: z
    .strictObject({
      minimum: z.record(z.string(), StorageRationaleJsonSchema),
      recommended: z.record(z.string(), StorageRationaleJsonSchema),
      ideal: z.record(z.string(), StorageRationaleJsonSchema),
    })
    .check(z.describe('Per scenario: each figure with its formula, inputs and meaning in the document’s language.')),
});

export type StorageRecoveryJson = z.infer<typeof StorageRecoveryJsonSchema>;
