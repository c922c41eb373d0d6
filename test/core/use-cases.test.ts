/**
 * Every use case of USE_CASES.md and every example of QUICKREF.md / README.md (the original's
 * documents), with the node counts version 2.0 gives. NOTES.md: the sessions-per-node figures of
 * those documents came from an older budget formula; the nodes they recommend still match version
 * 2.0's RECOMMENDED scenario (version 1.0's default --ha none: its MINIMUM). The node counts are
 * pinned here; the documents' sessions per node are kept as data only: v1.0's formula as QUICKREF
 * states it (HBM × ratio − overhead) reproduces cases 1 and 3 and QUICKREF's 613 within one
 * session, but not cases 2 (228), 4 (227) and 5 (2,399), so we do not claim to reproduce them.
 */
import { describe, expect, it } from 'vitest';
import type { HaMode } from '../../src/core/scenarios.ts';
import { type SizingRequest } from '../../src/core/sizing.ts';
import { size } from '../helpers/size.ts';
import type { KvPrecision } from '../../src/core/units.ts';
import { model, server, storage } from '../helpers/catalog.ts';

interface Case {
  name: string;
  model: string;
  server: string;
  storage: string;
  request: SizingRequest & { kv_precision?: KvPrecision; ha?: HaMode };
  /** The node count the original document states. */
  documentedNodes: number;
  /** Which v2.0 scenario it corresponds to. */
  documentedScenario: 'minimum' | 'recommended';
  /** v2.0 results: sessions per node and final nodes for MINIMUM / RECOMMENDED / IDEAL. */
  v2: { spn: [number, number, number]; nodes: [number, number, number]; kvGib: number };
  documentedSpn?: number;
}

const CASES: Case[] = [
  {
    name: 'USE_CASES 1: SaaS startup, 1,000 sessions × 32k, fp8, no HA → 1 DGX H200',
    model: 'opt-oss-20b', server: 'dgx200', storage: 'profile_default',
    request: { concurrency: 1000, effective_context: 32768, kv_precision: 'fp8', kv_budget_ratio: 0.7, runtime_overhead_gib: 80, peak_headroom_ratio: 0.2, ha: 'none' },
    documentedNodes: 1, documentedScenario: 'recommended', documentedSpn: 1740,
    v2: { spn: [1804, 1804, 1675], nodes: [1, 1, 3], kvGib: 0.3765 },
  },
  {
    name: 'USE_CASES 2: enterprise documents, 500 × 131k, fp16, N+1 → 4 DGX B300 (3 + 1)',
    model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default',
    request: { concurrency: 500, effective_context: 131072, kv_precision: 'fp16', kv_budget_ratio: 0.65, runtime_overhead_gib: 150, peak_headroom_ratio: 0.3, ha: 'n+1' },
    documentedNodes: 4, documentedScenario: 'recommended', documentedSpn: 228,
    v2: { spn: [287, 287, 287], nodes: [2, 4, 5], kvGib: 4.5044 },
  },
  {
    name: 'USE_CASES 3: API provider, 5,000 × 131k, fp8, 30% headroom, N+1 → 12 DGX B300',
    model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default',
    request: { concurrency: 5000, effective_context: 131072, kv_precision: 'fp8', kv_budget_ratio: 0.7, runtime_overhead_gib: 120, peak_headroom_ratio: 0.3, ha: 'n+1' },
    documentedNodes: 12, documentedScenario: 'recommended', documentedSpn: 613,
    v2: { spn: [629, 629, 584], nodes: [8, 12, 14], kvGib: 2.2522 },
  },
  {
    // USE_CASES.md states 2.82 GiB per session here, a version 1.0 figure; v2.0's hybrid rule
    // (12 full layers × 131,072 + 12 sliding layers × 128 tokens) gives 3.00 GiB.
    name: 'USE_CASES 4: research lab, 50 × 131k, fp16, no HA → 1 DGX H200',
    model: 'opt-oss-20b', server: 'dgx200', storage: 'profile_network_ssd',
    request: { concurrency: 50, effective_context: 131072, kv_precision: 'fp16', kv_budget_ratio: 0.75, runtime_overhead_gib: 60, peak_headroom_ratio: 0.1, ha: 'none' },
    documentedNodes: 1, documentedScenario: 'recommended', documentedSpn: 227,
    v2: { spn: [247, 247, 214], nodes: [1, 1, 3], kvGib: 3.0029 },
  },
  {
    name: 'USE_CASES 5: serverless, 2,000 × 32k per region, 40% headroom, N+1 → 3 DGX B300 per region',
    model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default',
    request: { concurrency: 2000, effective_context: 32768, kv_precision: 'fp8', kv_budget_ratio: 0.7, runtime_overhead_gib: 100, peak_headroom_ratio: 0.4, ha: 'n+1' },
    documentedNodes: 3, documentedScenario: 'recommended', documentedSpn: 2399,
    v2: { spn: [2535, 2535, 2354], nodes: [1, 3, 4], kvGib: 0.5647 },
  },
  {
    name: 'QUICKREF production with HA: 1,000 × 131k, fp8, N+1 → 3 nodes (2 + N+1)',
    model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default',
    request: { concurrency: 1000, effective_context: 131072, kv_precision: 'fp8', ha: 'n+1' },
    documentedNodes: 3, documentedScenario: 'recommended', documentedSpn: 613,
    v2: { spn: [629, 629, 584], nodes: [2, 3, 5], kvGib: 2.2522 },
  },
  {
    name: 'QUICKREF development: 100 × 32k, fp8, no HA → 1 node',
    model: 'opt-oss-20b', server: 'dgx200', storage: 'profile_default',
    request: { concurrency: 100, effective_context: 32768, kv_precision: 'fp8', ha: 'none' },
    documentedNodes: 1, documentedScenario: 'recommended',
    v2: { spn: [1730, 1730, 1606], nodes: [1, 1, 3], kvGib: 0.3765 },
  },
  {
    // Version 1.0 had --ha none by default: its 2 nodes are v2.0's MINIMUM; RECOMMENDED adds N+1.
    name: 'QUICKREF high precision: 500 × 64k, fp16 → 2 nodes (v1.0 default without HA)',
    model: 'opt-oss-20b', server: 'dgx200', storage: 'profile_default',
    request: { concurrency: 500, effective_context: 65536, kv_precision: 'fp16' },
    documentedNodes: 2, documentedScenario: 'minimum',
    v2: { spn: [433, 433, 402], nodes: [2, 3, 4], kvGib: 1.5029 },
  },
  {
    name: 'README 2.0: 1,000 × 128k, fp8 → 2 nodes minimum, 3 with N+1; ~2.25 GiB per session',
    model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default',
    request: { concurrency: 1000, effective_context: 131072 },
    documentedNodes: 3, documentedScenario: 'recommended',
    v2: { spn: [629, 629, 584], nodes: [2, 3, 5], kvGib: 2.2522 },
  },
];

describe('use cases and examples of the original documents', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = size({ model: model(c.model), server: server(c.server), storage: storage(c.storage) }, c.request);
    const keys = ['minimum', 'recommended', 'ideal'] as const;
    expect(keys.map((k) => r.scenarios[k].results.sessions_per_node)).toEqual(c.v2.spn);
    expect(keys.map((k) => r.scenarios[k].results.nodes_final)).toEqual(c.v2.nodes);
    expect(r.kv.gib).toBeCloseTo(c.v2.kvGib, 4);
    expect(r.scenarios[c.documentedScenario].results.nodes_final).toBe(c.documentedNodes);
    // v2.0 gives different sessions per node than the documents (see the header).
    if (c.documentedSpn !== undefined) expect(r.scenarios.recommended.results.sessions_per_node).not.toBe(c.documentedSpn);
  });
});
