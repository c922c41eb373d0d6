/**
 * The plausibility rules of `llm-sizing validate` (src/catalog/rules.ts, src/catalog/validate.ts),
 * each on its own, table-driven: an entry that passes, entries that break it (with the field named),
 * and the corrected value where the rule knows one.
 */
import { describe, expect, it } from 'vitest';
import {
  activeWithinTotal,
  computeToBandwidthRatio,
  expertsPerTokenWithinExperts,
  fp8AboutTwiceBf16,
  headDimTimesHeads,
  latencyPercentilesOrdered,
  memoryBandwidthForGeneration,
  memorySweepTime,
  nvlinkAggregateMatches,
  precisionOrder,
  throughputVsIops,
} from '../../src/catalog/rules.ts';
import { calibrationKeysUnique, efficienciesWithinCeilings, priceDateWithinAsOf, reservedWithinOnDemand, suggestedValue } from '../../src/catalog/validate.ts';
import type { ModelEntry, ServerEntry, StorageEntry } from '../../src/schema/catalog.ts';
import type { Problem } from '../../src/schema/problems.ts';
import { model, server, storage } from '../helpers/catalog.ts';

type Case<T> = readonly [string, T, string | undefined, number | undefined];

/** Runs one rule over its table: the field it names (undefined: passes) and the suggested value. */
function table<T>(name: string, rule: (e: T, at: string) => Problem | undefined, cases: readonly Case<T>[]): void {
  describe(name, () => {
    it.each(cases)('%s', (_why, entry, field, suggested) => {
      const p = rule(entry, 'x[0] (e)');
      expect(p?.field).toBe(field === undefined ? undefined : `x[0] (e).${field}`);
      if (p) expect(p.accepted.kind).toBe('rule');
      expect(p ? suggestedValue(p) : undefined).toBe(suggested);
    });
  });
}

const h200: ServerEntry = server('dgx-h200');
const l40s: ServerEntry = server('l40s-8');

table<ServerEntry>('memoryBandwidthForGeneration', memoryBandwidthForGeneration, [
  ['H200 (HBM3e, 4.8 TB/s) passes', h200, undefined, undefined],
  ['L40S (GDDR6, 0.864 TB/s) passes', l40s, undefined, undefined],
  ['GB/s written as TB/s: divided by 1,000', { ...h200, memory_bandwidth_tbps_per_gpu: 4800 }, 'memory_bandwidth_tbps_per_gpu', 4.8],
  ['an HBM3e figure on GDDR6: no thousandfold fix', { ...l40s, memory_bandwidth_tbps_per_gpu: 4.8 }, 'memory_bandwidth_tbps_per_gpu', undefined],
  ['memory type in any case', { ...h200, memory_type: 'hbm3E' }, undefined, undefined],
  ['an unknown memory type is not judged', { ...h200, memory_type: 'LPDDR5X', memory_bandwidth_tbps_per_gpu: 0.5 }, undefined, undefined],
  ['no bandwidth: nothing to check', { ...h200, memory_bandwidth_tbps_per_gpu: null }, undefined, undefined],
]);

table<ServerEntry>('memorySweepTime', memorySweepTime, [
  ['H200: 141 GB at 4.8 TB/s = 29 ms', h200, undefined, undefined],
  ['a node total written per GPU (1,128 GB at 4.8 TB/s = 235 ms)', { ...h200, hbm_per_gpu_gb: 1128 }, 'memory_bandwidth_tbps_per_gpu', undefined],
  ['TB/s as GB/s (0.03 ms)', { ...h200, memory_bandwidth_tbps_per_gpu: 4800 }, 'memory_bandwidth_tbps_per_gpu', undefined],
]);

table<ServerEntry>('computeToBandwidthRatio', computeToBandwidthRatio, [
  ['H200: 206 FLOPs per byte', h200, undefined, undefined],
  ['L40S: 419 FLOPs per byte', l40s, undefined, undefined],
  ['TFLOPS written as GFLOPS', { ...h200, bf16_dense_tflops_per_gpu: 989_500 }, 'bf16_dense_tflops_per_gpu', undefined],
  ['a bandwidth 100 × too high', { ...h200, memory_bandwidth_tbps_per_gpu: 480 }, 'bf16_dense_tflops_per_gpu', undefined],
]);

table<ServerEntry>('precisionOrder', precisionOrder, [
  ['B200: 2,250 ≤ 4,500 ≤ 9,000', server('dgx-b200'), undefined, undefined],
  ['A100 (no FP8, no FP4)', server('a100-80gb-8'), undefined, undefined],
  ['FP8 below BF16', { ...h200, fp8_dense_tflops_per_gpu: 500 }, 'fp8_dense_tflops_per_gpu', undefined],
  ['FP4 below FP8', { ...server('dgx-b200'), fp4_dense_tflops_per_gpu: 4000 }, 'fp4_dense_tflops_per_gpu', undefined],
  ['FP4 below BF16 with no FP8 given', { ...server('dgx-b200'), fp8_dense_tflops_per_gpu: null, fp4_dense_tflops_per_gpu: 1000 }, 'fp4_dense_tflops_per_gpu', undefined],
]);

table<ServerEntry>('fp8AboutTwiceBf16', fp8AboutTwiceBf16, [
  ['H200: 1,979 / 989.5 = 2', h200, undefined, undefined],
  ['L40S: 733 / 362.05 = 2.02', l40s, undefined, undefined],
  ['a sparse FP8 figure (4×): halved', { ...h200, fp8_dense_tflops_per_gpu: 3958 }, 'fp8_dense_tflops_per_gpu', 1979],
  ['FP8 equal to BF16 (1×): which one is off is not known', { ...h200, fp8_dense_tflops_per_gpu: 989.5 }, 'fp8_dense_tflops_per_gpu', undefined],
]);

table<ServerEntry>('nvlinkAggregateMatches', nvlinkAggregateMatches, [
  ['DGX H200: 8 × 900 GB/s = 7.2 TB/s', h200, undefined, undefined],
  ['GB200 NVL72 rack: 130 ≈ 72 × 1.8 = 129.6', server('gb200-nvl72-rack'), undefined, undefined],
  ['an aggregate of another node: the sum', { ...h200, nvlink_bandwidth_tbps: 14.4 }, 'nvlink_bandwidth_tbps', 7.2],
  ["the original dgx300 (no per-GPU figure): nothing to compare", server('dgx300'), undefined, undefined],
  ['not NVLink: not judged', { ...l40s, nvlink_bandwidth_tbps: 99 }, undefined, undefined],
]);

const llama8b: ModelEntry = model('Meta-Llama-3.1-8B');
table<ModelEntry>('headDimTimesHeads', headDimTimesHeads, [
  ['Llama 3.1 8B: 128 × 32 = 4,096', llama8b, undefined, undefined],
  ['Qwen3-32B: 128 × 64 = 1.6 × 5,120', model('Qwen3-32B'), undefined, undefined],
  ['gemma-3-27b-it: 0.76 ×', model('gemma-3-27b-it'), undefined, undefined],
  ['DeepSeek-V3 (all MLA: head_dim is the latent) is skipped', model('DeepSeek-V3'), undefined, undefined],
  ['head_dim 8 × too large: hidden_size / heads', { ...llama8b, head_dim: 1024, kv_layers: undefined }, 'head_dim', 128],
  ['no hidden_size: nothing to compare', { ...llama8b, hidden_size: undefined }, undefined, undefined],
]);

table<ModelEntry>('activeWithinTotal', activeWithinTotal, [
  ['gpt-oss-120b: 5.7 of 117 B', model('gpt-oss-120b'), undefined, undefined],
  ['more active than total', { ...model('gpt-oss-120b'), active_params_b: 200 }, 'active_params_b', undefined],
]);

table<ModelEntry>('expertsPerTokenWithinExperts', expertsPerTokenWithinExperts, [
  ['Mixtral: 2 of 8', model('Mixtral-8x7B-v0.1'), undefined, undefined],
  ['9 of 8', { ...model('Mixtral-8x7B-v0.1'), num_experts_per_tok: 9 }, 'num_experts_per_tok', undefined],
]);

const nvme: StorageEntry = storage('profile_default');
table<StorageEntry>('throughputVsIops(read)', throughputVsIops('read'), [
  ["the original default profile: 28 GB/s / 1M IOPS = 28 KB per I/O", nvme, undefined, undefined],
  ['IOPS × 4 KiB above the throughput (2 GB/s with 1M IOPS)', { ...nvme, throughput_read_gbps: 2 }, 'throughput_read_gbps', undefined],
  ['MB/s written as GB/s (28,000): divided by 1,000', { ...nvme, throughput_read_gbps: 28_000 }, 'throughput_read_gbps', 28],
  ['no IOPS stated (0): nothing to compare', { ...nvme, iops_read: 0 }, undefined, undefined],
]);
table<StorageEntry>('throughputVsIops(write)', throughputVsIops('write'), [
  ['the original default profile', nvme, undefined, undefined],
  ['IOPS × 4 KiB above the throughput', { ...nvme, throughput_write_gbps: 1 }, 'throughput_write_gbps', undefined],
]);

table<StorageEntry>('latencyPercentilesOrdered', latencyPercentilesOrdered('read'), [
  ['p50 0.08 ≤ p99 0.15', nvme, undefined, undefined],
  ['p99 below p50', { ...nvme, latency_read_ms_p99: 0.05 }, 'latency_read_ms_p99', undefined],
]);
table<StorageEntry>('latencyPercentilesOrdered(write)', latencyPercentilesOrdered('write'), [
  ['p99 below p50', { ...nvme, latency_write_ms_p50: 1 }, 'latency_write_ms_p99', undefined],
]);

describe('server_total_hbm (a consistency rule) suggests the product', () => {
  it('gpus × hbm_per_gpu_gb', () => {
    expect(suggestedValue({ field: 'f', value: 1100, accepted: { kind: 'rule', rule: 'server_total_hbm', detail: { server: 's', gpus: 8, hbm_per_gpu_gb: 141, product: 1128 } } })).toBe(1128);
  });
});

const calibration = {
  kernel: { kv_bandwidth_efficiency: 0.92, attention_compute_efficiency: 0.59, bandwidth_ceiling: 0.875, compute_ceiling: 0.737, source: 's' },
  sets: [{ id: 'hopper-vllm', gpu_architecture: 'hopper' as const, engine: 'vllm' as const, constants: { bandwidth_efficiency: 0.82, compute_efficiency: 0.57 } }],
};
describe('efficienciesWithinCeilings', () => {
  it.each([
    ['fitted below the kernel ceilings', 0.82, 0.57, []],
    ['bandwidth above its ceiling: the ceiling', 0.9, 0.57, [['sets[0] (hopper-vllm).constants.bandwidth_efficiency', 0.875]]],
    ['both above', 0.9, 0.8, [['sets[0] (hopper-vllm).constants.bandwidth_efficiency', 0.875], ['sets[0] (hopper-vllm).constants.compute_efficiency', 0.737]]],
  ] as const)('%s', (_why, bw, fl, want) => {
    const file = { ...calibration, sets: [{ ...calibration.sets[0]!, constants: { bandwidth_efficiency: bw, compute_efficiency: fl } }] };
    expect(efficienciesWithinCeilings(file as never).map((p) => [p.field, suggestedValue(p)])).toEqual(want);
  });
});

describe('calibrationKeysUnique', () => {
  it.each([
    ['one set per family and engine', [['a', 'hopper', 'vllm'], ['b', 'hopper', 'trtllm']], []],
    ['the same family and engine twice', [['a', 'hopper', 'vllm'], ['b', 'hopper', 'vllm']], ['sets[1] (b).engine']],
    ['the same id twice', [['a', 'hopper', 'vllm'], ['a', 'ampere', 'vllm']], ['sets[1].id']],
  ] as const)('%s', (_why, sets, fields) => {
    const file = { sets: sets.map(([id, gpu_architecture, engine]) => ({ id, gpu_architecture, engine })) };
    expect(calibrationKeysUnique(file as never).map((p) => p.field)).toEqual(fields);
  });
});

describe('price rules (for the prices file of issue 11)', () => {
  const price = { server: 'dgx-h100', date: '2026-09-20', on_demand_usd_per_gpu_hour: 6.155, reserved_usd_per_gpu_hour: 3 };
  it.each([
    ['reserved below on-demand', price, undefined],
    ['reserved above on-demand', { ...price, reserved_usd_per_gpu_hour: 7 }, 'p[0].reserved_usd_per_gpu_hour'],
    ['no reserved price', { ...price, reserved_usd_per_gpu_hour: null }, undefined],
  ])('reservedWithinOnDemand: %s', (_why, p, field) => expect(reservedWithinOnDemand(p, 'p[0]')?.field).toBe(field));
  it.each([
    ['read before the as_of date', '2026-12-01', undefined],
    ['read the same day', '2026-09-20', undefined],
    ['read after it', '2026-01-01', 'p[0].date'],
    ['no as_of', undefined, undefined],
  ])('priceDateWithinAsOf: %s', (_why, asOf, field) => expect(priceDateWithinAsOf(price, 'p[0]', asOf)?.field).toBe(field));
});
