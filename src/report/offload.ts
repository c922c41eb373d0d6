/**
 * The "KV offload tier" section (issue 12), built once for the text and Markdown reports: facts
 * (tier, idle fraction, bandwidth and its source), the rationale of each figure (formula, inputs,
 * meaning) and one line per scenario (sessions and nodes without and with offload). Present only when
 * the request asks for a tier (`SizingResult.offload`): reports without one are unchanged.
 */
import { BYTES_PER_GIB } from '../core/units.ts';
import { SCENARIO_KEYS } from '../core/scenarios.ts';
import type { SizingResult } from '../core/sizing.ts';
import type { RenderContext } from './context.ts';
import { OFFLOAD_PHRASES } from './i18n/offload.ts';

export interface OffloadSection {
  readonly title: string;
  readonly facts: readonly string[];
  readonly rationale: readonly { readonly label: string; readonly value: string; readonly formula: string; readonly inputs: Readonly<Record<string, string>>; readonly meaning: string }[];
  readonly scenarios: readonly string[];
}

export function offloadSection(r: SizingResult, ctx: RenderContext): OffloadSection | null {
  const o = r.offload;
  if (!o) return null;
  const { f, m } = ctx;
  const t = OFFLOAD_PHRASES[m.locale];
  const kvBytes = o.kv_per_session_gib * BYTES_PER_GIB;
  return {
    title: t.title,
    facts: [
      t.tierFact({ tier: t.tier[o.tier], gib: f.fixed(o.capacity_gib_per_node, 1), source: o.capacity_source }),
      t.idleFact({ fraction: f.num(o.idle_session_fraction, 2) }),
      t.bandwidthFact({
        gbps: f.num(o.restore_bandwidth_gbps, 2),
        link: f.num(o.host_link_gbps_per_gpu, 2),
        links: f.num(o.gpus_per_session, 2),
        linkSource: o.host_link_source,
        storage: o.storage?.name ?? null,
        from: o.restore_bandwidth_source,
      }),
    ],
    rationale: [
      {
        label: t.parked.title,
        value: f.int(o.parked_capacity_sessions_per_node),
        formula: t.parked.formula,
        inputs: { tier_gib_per_node: f.fixed(o.capacity_gib_per_node, 1), kv_per_session_gib: f.fixed(o.kv_per_session_gib, 2) },
        meaning: t.parked.meaning,
      },
      {
        label: t.restore.title,
        value: `${f.num(o.restore_time_s * 1000, 1)} ms`,
        formula: t.restore.formula,
        inputs: {
          kv_per_session_bytes: f.int(Math.round(kvBytes)),
          bandwidth_gbps: f.num(o.restore_bandwidth_gbps, 2),
          ...(o.storage ? { latency_read_ms_p99: f.num(o.storage.latency_read_ms_p99, 3) } : {}),
        },
        meaning: t.restore.meaning,
      },
      {
        label: t.sessions.title,
        value: f.num(o.scenarios.recommended.sessions_per_node_with_offload, 1),
        formula: t.sessions.formula,
        inputs: { S: f.num(o.scenarios.recommended.sessions_per_node, 1), f: f.num(o.idle_session_fraction, 2), P: f.int(o.parked_capacity_sessions_per_node) },
        meaning: t.sessions.meaning,
      },
    ],
    scenarios: SCENARIO_KEYS.map((key) => {
      const s = o.scenarios[key];
      const nodes = (n: number | null) => (n === null ? t.infeasible : f.int(n));
      return t.scenarioLine({
        scenario: m.scenario[key],
        spn: f.num(s.sessions_per_node, 1),
        spnOff: f.num(s.sessions_per_node_with_offload, 1),
        parked: f.num(s.parked_sessions_per_node, 1),
        nodes: nodes(s.nodes_final),
        nodesOff: nodes(s.nodes_final_with_offload),
      });
    }),
  };
}
