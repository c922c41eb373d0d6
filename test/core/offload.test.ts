/**
 * The KV offload tier (issue 12, src/core/offload.ts): each formula on a table, the properties (more
 * idle sessions never need more nodes; sessions parked never exceed the tier's capacity / KV per
 * session), and the sizing with and without a tier (nothing changes without one).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kvOffload, type OffloadInputs, type OffloadScenarioInput, offloadCapacity, restoreTimeS, sessionsWithOffload } from '../../src/core/offload.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import { SizingOutputSchema } from '../../src/schema/output.ts';
import { model, server, storage } from '../helpers/catalog.ts';
import { size } from '../helpers/size.ts';

describe('sessionsWithOffload: min(floor(S / (1 − f)), S + P), never below S', () => {
  it.each([
    ['none idle: S', 100, 0, 1000, 100],
    ['half idle, a large tier: S / (1 − f)', 100, 0.5, 1000, 200],
    ['half idle, the tier full at 30: S + P', 100, 0.5, 30, 130],
    ['0.75 idle: 400', 100, 0.75, 1000, 400],
    ['0.1 idle: floor(111.1)', 100, 0.1, 1000, 111],
    ['0.2 idle: exactly 125 (1 − f is not exact in binary)', 100, 0.2, 1000, 125],
    ['no tier: S', 100, 0.9, 0, 100],
    ['no HBM session: 0', 0, 0.5, 1000, 0],
  ])('%s', (_why, s, f, p, want) => expect(sessionsWithOffload(s, f, p)).toBe(want));
});

describe('restoreTimeS: latency + KV bytes / bandwidth', () => {
  it.each([
    ['4.5 GiB over one PCIe Gen5 ×16 link (63 GB/s)', 4.50439453125, 63, 0, 0.07677074285714286],
    ['1 GiB at 1 GB/s', 1, 1, 0, 1.073741824],
    ['from NVMe: 28 GB/s and 0.15 ms', 4.50439453125, 28, 0.15, 0.00015 + 0.172734],
  ])('%s', (_why, gib, gbps, ms, want) => expect(restoreTimeS(gib, gbps, ms)).toBeCloseTo(want, 6));
});

describe('offloadCapacity', () => {
  it.each([
    ['given', { offload_tier: 'nvme' as const, offload_gib_per_node: 3000 }, { system_memory_tb: 2 }, { gib: 3000, source: 'input' }],
    ['dram: half of 2 TB', { offload_tier: 'dram' as const }, { system_memory_tb: 2 }, { gib: 1e12 / 2 ** 30, source: 'server_system_memory' }],
    ['dram on a server that states no system memory', { offload_tier: 'dram' as const }, { system_memory_tb: null }, undefined],
    ['nvme without a size (profiles state no capacity)', { offload_tier: 'nvme' as const }, { system_memory_tb: 2 }, undefined],
  ])('%s', (_why, request, srv, want) => expect(offloadCapacity(request, srv)).toEqual(want));
});

const INPUTS: OffloadInputs = {
  tier: 'dram',
  capacity_gib_per_node: 931.3,
  capacity_source: 'server_system_memory',
  idle_session_fraction: 0.5,
  kv_per_session_gib: 4.50439453125,
  host_link_gbps_per_gpu: 63,
  host_link_source: 'default_pcie_gen5_x16',
  gpus_per_session: 1,
  storage: undefined,
};
const SCENARIO: OffloadScenarioInput = { sessions_per_unit: 314, nodes_per_unit: 1, concurrency: 1000, peak_headroom_ratio: 0.2, ha_extra_nodes: 1, nodes_final: 5 };
const three = (s: OffloadScenarioInput) => ({ minimum: s, recommended: s, ideal: s });

describe('kvOffload', () => {
  it('the report example (opt-oss-120b on dgx300, fp16) with half the sessions idle in half its 2 TB: 206 parked, 520 per node, 5 → 4 nodes', () => {
    const o = kvOffload(INPUTS, three(SCENARIO));
    expect(o.parked_capacity_sessions_per_node).toBe(206);
    expect(o.scenarios.recommended).toEqual({ sessions_per_node: 314, sessions_per_node_with_offload: 520, parked_sessions_per_node: 206, nodes_final: 5, nodes_final_with_offload: 4 });
    expect([o.restore_bandwidth_gbps, o.restore_bandwidth_source]).toEqual([63, 'host_link']);
  });

  it('nvme: the profile binds when its throughput is below the links, and its latency is added', () => {
    const o = kvOffload({ ...INPUTS, tier: 'nvme', storage: { name: 'p', throughput_read_gbps: 28, latency_read_ms_p99: 0.15 } }, three(SCENARIO));
    expect([o.restore_bandwidth_gbps, o.restore_bandwidth_source]).toEqual([28, 'storage_profile']);
    expect(o.restore_time_s).toBeCloseTo(restoreTimeS(INPUTS.kv_per_session_gib, 28, 0.15), 12);
  });

  it('nvme faster than the links: the links bind', () => {
    const o = kvOffload({ ...INPUTS, tier: 'nvme', gpus_per_session: 1, storage: { name: 'p', throughput_read_gbps: 100, latency_read_ms_p99: 0.1 } }, three(SCENARIO));
    expect([o.restore_bandwidth_gbps, o.restore_bandwidth_source]).toEqual([63, 'host_link']);
  });

  it('a replica over two nodes is the unit: its tier is both nodes', () => {
    const o = kvOffload({ ...INPUTS, gpus_per_session: 16 }, three({ ...SCENARIO, sessions_per_unit: 100, nodes_per_unit: 2 }));
    expect(o.scenarios.minimum.sessions_per_node_with_offload).toBe(100);
    expect(o.restore_bandwidth_gbps).toBe(63 * 16);
  });

  it('an infeasible scenario stays infeasible', () => {
    expect(kvOffload(INPUTS, three({ ...SCENARIO, sessions_per_unit: 0, nodes_final: null })).scenarios.ideal.nodes_final_with_offload).toBeNull();
  });
});

describe('properties', () => {
  const scenarioArb = fc.record({
    sessions_per_unit: fc.integer({ min: 1, max: 5000 }),
    nodes_per_unit: fc.integer({ min: 1, max: 4 }),
    concurrency: fc.integer({ min: 1, max: 1_000_000 }),
    peak_headroom_ratio: fc.double({ min: 0, max: 2, noNaN: true }),
    ha_extra_nodes: fc.integer({ min: 0, max: 8 }),
  });
  const inputsArb = fc.record({
    capacity_gib_per_node: fc.double({ min: 0.001, max: 100_000, noNaN: true }),
    kv_per_session_gib: fc.double({ min: 0.0001, max: 1000, noNaN: true }),
  });
  const fractionArb = fc.double({ min: 0, max: 0.99, noNaN: true });

  it('more idle sessions never need more nodes, in any scenario', () => {
    fc.assert(
      fc.property(scenarioArb, inputsArb, fractionArb, fractionArb, (s, i, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sc = { ...s, nodes_final: 1 };
        const at = (f: number) => kvOffload({ ...INPUTS, ...i, idle_session_fraction: f }, three(sc)).scenarios.recommended.nodes_final_with_offload!;
        expect(at(hi)).toBeLessThanOrEqual(at(lo));
      }),
      { numRuns: 300 },
    );
  });

  it('sessions parked per node never exceed the tier capacity / KV per session, and offload never needs more nodes than none', () => {
    fc.assert(
      fc.property(scenarioArb, inputsArb, fractionArb, (s, i, f) => {
        const o = kvOffload({ ...INPUTS, ...i, idle_session_fraction: f }, three({ ...s, nodes_final: 1 }));
        const none = kvOffload({ ...INPUTS, ...i, idle_session_fraction: 0 }, three({ ...s, nodes_final: 1 }));
        for (const k of SCENARIO_KEYS) {
          expect(o.scenarios[k].parked_sessions_per_node).toBeLessThanOrEqual(i.capacity_gib_per_node / i.kv_per_session_gib + 1e-9);
          expect(o.scenarios[k].parked_sessions_per_node).toBeGreaterThanOrEqual(0);
          expect(o.scenarios[k].nodes_final_with_offload!).toBeLessThanOrEqual(none.scenarios[k].nodes_final_with_offload!);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the sizing with and without a tier', () => {
  const entries = { model: model('opt-oss-120b'), server: server('dgx300'), storage: storage('profile_default') };
  const request = { concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' as const };

  it('without offload_tier: no offload object, the same document as before', () => {
    const r = size(entries, request);
    expect(r.offload).toBeUndefined();
    expect('offload' in toJsonDocument(r, { locale: 'en' })).toBe(false);
  });

  it('with a tier: the scenarios are unchanged, the offload object passes the published schema, nodes without offload are the scenarios\'', () => {
    const plain = size(entries, request);
    const r = size(entries, { ...request, offload_tier: 'dram', idle_session_fraction: 0.5 });
    expect(r.scenarios).toEqual(plain.scenarios);
    const doc = SizingOutputSchema.parse(JSON.parse(JSON.stringify(toJsonDocument(r, { locale: 'en' }))));
    for (const k of SCENARIO_KEYS) expect(doc.offload?.scenarios[k].nodes_final).toBe(plain.scenarios[k].results.nodes_final);
    expect(doc.offload?.scenarios.recommended.nodes_final_with_offload).toBe(4);
  });

  it('under an engine layout, one session rides the links of its replica\'s GPUs', () => {
    const r = size({ model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') }, { concurrency: 200, effective_context: 32768, memory_model: 'vllm', tensor_parallel: 4, offload_tier: 'dram', idle_session_fraction: 0.5 });
    expect(r.offload?.gpus_per_session).toBe(4);
    expect(r.offload?.restore_bandwidth_gbps).toBe(4 * 63);
  });
});
