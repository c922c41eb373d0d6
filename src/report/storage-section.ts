/**
 * The "Storage and recovery" section (issue 12) as label/value rows and rationale entries, built once
 * for the text, Markdown and executive layouts, and the JSON of `storage_recovery`. Present only
 * when the request gave a storage field (`SizingResult.storage`).
 */
import { SCENARIO_KEYS, type ScenarioKey } from '../core/scenarios.ts';
import type { SizingResult } from '../core/sizing.ts';
import { type StoragePlan, type StorageRationaleKey, storageRationale } from '../core/storage.ts';
import type { StorageRecoveryJson } from '../schema/storage-output.ts';
import type { RenderContext } from './context.ts';
import type { Locale } from './format.ts';
import type { StorageRecoveryPhrases } from './i18n/storage.ts';
import { STORAGE_EN } from './i18n/storage-en.ts';
import { STORAGE_PT_BR } from './i18n/storage-pt-BR.ts';

const PHRASES: Readonly<Record<Locale, StorageRecoveryPhrases>> = { en: STORAGE_EN, 'pt-BR': STORAGE_PT_BR };

/** The section's words in one locale. */
export function storagePhrases(locale: Locale): StorageRecoveryPhrases {
  return PHRASES[locale];
}

export interface StorageRow {
  readonly label: string;
  readonly value: string;
}

export interface StorageRationaleEntry {
  readonly key: StorageRationaleKey;
  readonly label: string;
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number | string | null>>;
  readonly explanation: string;
}

export interface StorageSection {
  readonly title: string;
  /** Set when the artifact size is unknown: the section is this sentence alone. */
  readonly unknown: string | null;
  readonly facts: readonly StorageRow[];
  readonly rationale: readonly StorageRationaleEntry[];
  readonly scenarios: readonly { readonly key: ScenarioKey; readonly facts: readonly StorageRow[]; readonly rationale: readonly StorageRationaleEntry[] }[];
}

/** The figures the whole fleet shares (a node is a node), then those of each scenario. */
const NODE_KEYS: readonly StorageRationaleKey[] = ['artifact_gib', 'node_read_gib', 'read_rate_gbps', 'load_time_s', 'required_read_gbps', 'cold_start_s'];
const SCENARIO_RATIONALE: readonly StorageRationaleKey[] = ['capacity_per_node_gib', 'capacity_fleet_tb', 'recovery_s', 'sessions_down', 'session_minutes_short'];

function labels(P: StorageRecoveryPhrases): Record<StorageRationaleKey, string> {
  const L = P.label;
  return {
    artifact_gib: L.artifact,
    node_read_gib: L.nodeRead,
    read_rate_gbps: L.readRate,
    load_time_s: L.loadTime,
    required_read_gbps: L.requiredRead,
    cold_start_s: L.coldStart,
    capacity_per_node_gib: L.capacityPerNode,
    capacity_fleet_tb: L.capacityFleet,
    recovery_s: L.recovery,
    sessions_down: P.nodesDownLabel(1),
    session_minutes_short: L.sessionMinutes,
  };
}

/** The section; null when the request gave no storage field. */
export function storageSection(r: SizingResult, ctx: RenderContext): StorageSection | null {
  if (r.storage === undefined) return null;
  const P = storagePhrases(ctx.f.locale);
  const plan = r.storage;
  if (plan === null) return { title: P.title, unknown: P.unknown({ model: r.inputs.model.name }), facts: [], rationale: [], scenarios: [] };
  const { f } = ctx;
  const { inputs: i, load, profile } = plan;
  const L = P.label;
  const facts: StorageRow[] = [
    { label: L.profile, value: P.profile({ name: profile.name, type: profile.type, gbps: profile.throughput_read_gbps, iops: profile.iops_read, p50: profile.latency_read_ms_p50, p99: profile.latency_read_ms_p99 }, f) },
    { label: L.artifact, value: P.artifact({ gib: i.artifact_gib, copies: i.artifact_copies, fromWeights: i.artifact_source === 'weights' }, f) },
    { label: L.placement, value: P.placementValue({ placement: i.storage_placement, fromProfile: i.placement_source === 'profile_type' }) },
    { label: L.nodeRead, value: P.nodeRead({ gib: load.read_gib, replicasPerNode: load.replicas_per_node, nodesPerReplica: load.nodes_per_replica }, f) },
    {
      label: L.readRate,
      value: P.readRate({ gbps: load.rate_alone.gbps, bound: load.rate_alone.bound, concurrent: i.storage_placement === 'shared' ? i.warmup_concurrency : 1, gbpsConcurrent: load.rate_concurrent.gbps, boundConcurrent: load.rate_concurrent.bound }, f),
    },
    {
      label: L.loadTime,
      value: P.loadTime({ seconds: load.load_time_s, concurrent: i.storage_placement === 'shared' ? i.warmup_concurrency : 1, secondsConcurrent: load.load_time_concurrent_s, target: i.target_load_time_s, meets: load.meets_target }, f),
    },
    { label: L.requiredRead, value: P.requiredRead({ perNode: load.required_gbps_per_node, profile: load.required_gbps_profile, shared: i.storage_placement === 'shared', concurrent: i.warmup_concurrency }, f) },
    { label: L.coldStart, value: P.coldStart({ seconds: load.cold_start_s, startup: i.engine_startup_s, startupDefault: i.engine_startup_source === 'default' }, f) },
  ];
  const names = labels(P);
  const entries = (key: ScenarioKey, which: readonly StorageRationaleKey[]): StorageRationaleEntry[] => {
    const rat = storageRationale(plan, key);
    const out: StorageRationaleEntry[] = [];
    for (const k of which) {
      const e = rat[k];
      if (e) out.push({ key: k, label: names[k], formula: e.formula, inputs: e.inputs, explanation: P.explanation[k]({ plan, scenario: plan.scenarios[key] }, f) });
    }
    return out;
  };
  const scenarios = SCENARIO_KEYS.map((key) => {
    const s = plan.scenarios[key];
    if (s === null) return { key, facts: [{ label: L.sessions, value: P.infeasible }], rationale: [] };
    const rows: StorageRow[] = [
      { label: L.capacityPerNode, value: P.capacityPerNode({ gib: s.capacity.per_node_gib, margin: i.capacity_margin }, f) },
      { label: L.capacityFleet, value: P.capacityFleet({ tb: s.capacity.fleet_tb, gib: s.capacity.fleet_gib, sharedGib: s.capacity.shared_store_base_gib }, f) },
      { label: L.sessions, value: P.sessionsAllUp({ capacity: s.sessions_capacity, demand: s.demand_sessions, nodes: s.nodes }, f) },
    ];
    for (const c of s.failures) {
      rows.push({
        label: P.nodesDownLabel(c.nodes_down),
        value: P.down({ k: c.nodes_down, capacity: c.sessions_capacity, share: c.share_served, slo: c.slo.meets, seconds: c.degraded_s, waves: c.recovery.waves, minutes: c.session_minutes_short }, f),
      });
    }
    if (s.domain) rows.push({ label: L.domain, value: P.domain({ perDomain: s.domain.nodes_per_domain, capacity: s.domain.sessions_capacity, survives: s.domain.survives }, f) });
    return { key, facts: rows, rationale: entries(key, SCENARIO_RATIONALE) };
  });
  return { title: P.title, unknown: null, facts, rationale: entries('recommended', NODE_KEYS), scenarios };
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The `storage_recovery` object of the JSON document (null when the artifact size is unknown). */
export function storageJson(plan: StoragePlan | null, ctx: RenderContext): StorageRecoveryJson | null {
  if (plan === null) return null;
  const P = storagePhrases(ctx.f.locale);
  const { load } = plan;
  const scenarios = {} as StorageRecoveryJson['scenarios'];
  const rationale = {} as StorageRecoveryJson['rationale'];
  for (const key of SCENARIO_KEYS) {
    const s = plan.scenarios[key];
    scenarios[key] =
      s === null
        ? null
        : {
            nodes: s.nodes,
            demand_sessions: s.demand_sessions,
            sessions_capacity: s.sessions_capacity,
            ha_extra_nodes: s.ha_extra_nodes,
            capacity: { ...s.capacity },
            failures: s.failures.map((c) => ({
              nodes_down: c.nodes_down,
              nodes_serving: c.nodes_serving,
              replicas_serving: c.replicas_serving,
              sessions_capacity: c.sessions_capacity,
              sessions_served: c.sessions_served,
              share_served: c.share_served,
              slo: { ...c.slo },
              degraded_s: fin(c.degraded_s),
              session_minutes_short: fin(c.session_minutes_short),
              waves: c.recovery.waves,
              per_wave: c.recovery.per_wave,
              timeline: c.timeline.map((t) => ({ at_s: fin(t.at_s), nodes_serving: t.nodes_serving, sessions_capacity: t.sessions_capacity })),
            })),
            domain: s.domain ? { ...s.domain } : null,
          };
    const rat = storageRationale(plan, key);
    const out: StorageRecoveryJson['rationale']['minimum'] = {};
    for (const [k, e] of Object.entries(rat) as [StorageRationaleKey, NonNullable<(typeof rat)[StorageRationaleKey]>][]) {
      out[k] = { formula: e.formula, inputs: { ...e.inputs }, explanation: P.explanation[k]({ plan, scenario: s }, ctx.f) };
    }
    rationale[key] = out;
  }
  return {
    inputs: { ...plan.inputs },
    profile: { ...plan.profile },
    node_load: {
      read_gib: load.read_gib,
      replicas_per_node: load.replicas_per_node,
      nodes_per_replica: load.nodes_per_replica,
      read_gbps: fin(load.rate_alone.gbps),
      bound: load.rate_alone.bound,
      throughput_bound_gbps: fin(load.rate_alone.throughput_gbps),
      iops_bound_gbps: fin(load.rate_alone.iops_gbps),
      latency_bound_gbps: fin(load.rate_alone.latency_gbps),
      read_gbps_concurrent: fin(load.rate_concurrent.gbps),
      bound_concurrent: load.rate_concurrent.bound,
      load_time_s: fin(load.load_time_s),
      load_time_concurrent_s: fin(load.load_time_concurrent_s),
      cold_start_s: fin(load.cold_start_s),
      required_gbps_per_node: fin(load.required_gbps_per_node),
      required_gbps_profile: fin(load.required_gbps_profile),
      meets_target: load.meets_target,
    },
    scenarios,
    rationale,
  };
}
