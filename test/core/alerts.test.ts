/** Every alert code: what raises it, what does not, its severity and which scenarios it concerns. */
import { describe, expect, it } from 'vitest';
import { ALERT_CODES, type AlertCode, mergeAlerts, alert } from '../../src/core/alerts.ts';
import { type FullSizingRequest, type SizingEntries, type SizingRequest } from '../../src/core/sizing.ts';
import { size } from '../helpers/size.ts';
import type { ModelEntry } from '../../src/schema/catalog.ts';
import { model, server, storage } from '../helpers/catalog.ts';

const base: SizingEntries = { model: model('opt-oss-120b'), server: server('dgx300'), storage: storage('profile_default') };
const quiet: SizingRequest = { concurrency: 1000, effective_context: 32768, kv_precision: 'fp8' };
const fullModel: ModelEntry = { name: 'full-model', num_layers: 80, num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 131072, attention_pattern: 'full', default_kv_precision: 'fp8' };

interface Row {
  code: AlertCode;
  why: string;
  entries?: Partial<SizingEntries>;
  raise: FullSizingRequest;
  /** A nearby request that must not raise it. */
  calm: FullSizingRequest;
  /** Entries for the calm request, when it is the entries that differ. */
  calmEntries?: Partial<SizingEntries>;
  scenarios: string[];
}

/** Issue 10: a deployment the performance model has figures for (Llama-3.1-70B on an H200 node). */
const perfEntries: Partial<SizingEntries> = { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h200') };
const workload: SizingRequest = { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512 };

/** Issue 12: a storage field turns the storage plan on. */
const ROWS: Row[] = [
  {
    code: 'storage_load_slow',
    why: 'cloud block storage (4 GB/s) loading 131.5 GiB of bf16 weights (Llama-3.1-70B) within a 10 s target',
    entries: { model: model('Meta-Llama-3.1-70B'), storage: storage('profile_cloud_premium') },
    raise: { ...quiet, target_load_time_s: 10 },
    calm: { ...quiet, target_load_time_s: 60 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'storage_artifact_unknown',
    why: 'a storage field for a model without a parameter count',
    entries: { model: fullModel },
    raise: { ...quiet, target_load_time_s: 60 },
    calm: { ...quiet, target_load_time_s: 60, artifact_gib: 140 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'domain_loss_not_covered',
    why: 'racks of 4 nodes under N+1 / N+2',
    entries: { model: model('Meta-Llama-3.1-70B') },
    raise: { ...quiet, concurrency: 5000, nodes_per_domain: 4 },
    calm: { ...quiet, concurrency: 5000, nodes_per_domain: 1 },
    scenarios: ['recommended', 'ideal'],
  },
  { code: 'slo_unreachable', why: 'a TPOT target below one session alone (1 ms)', entries: perfEntries, raise: { ...workload, tpot_p99_ms: 1 }, calm: { ...workload, tpot_p99_ms: 100 }, scenarios: ['minimum', 'recommended', 'ideal'] },
  {
    code: 'slo_no_session_fits',
    why: 'requests of 120,000 tokens where one replica holds only ~23 GiB of KV (vLLM, TP 2, bf16, gpu_memory_utilization 0.6)',
    entries: perfEntries,
    raise: { ...workload, kv_precision: 'bf16', memory_model: 'vllm', tensor_parallel: 2, gpu_memory_utilization: 0.6, input_tokens: 120_000, tpot_p99_ms: 100 },
    calm: { ...workload, kv_precision: 'bf16', memory_model: 'vllm', tensor_parallel: 2, gpu_memory_utilization: 0.6, tpot_p99_ms: 100 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  { code: 'workload_exceeds_context', why: 'input + output tokens above the effective context', entries: perfEntries, raise: { ...workload, input_tokens: 8000 }, calm: { ...workload, input_tokens: 7680 }, scenarios: ['minimum', 'recommended', 'ideal'] },
  { code: 'context_clamped', why: 'the context exceeds max_position_embeddings', raise: { ...quiet, effective_context: 200_000 }, calm: { ...quiet, effective_context: 131072 }, scenarios: ['minimum', 'recommended', 'ideal'] },
  { code: 'kv_precision_2_bytes', why: 'fp16 / bf16 KV', raise: { ...quiet, kv_precision: 'bf16' }, calm: { ...quiet, kv_precision: 'int8' }, scenarios: ['minimum', 'recommended', 'ideal'] },
  { code: 'no_kv_budget', why: 'the overhead takes all the memory', raise: { ...quiet, runtime_overhead_gib: 2200 }, calm: { ...quiet, runtime_overhead_gib: 2100 }, scenarios: ['minimum', 'recommended', 'ideal'] },
  {
    code: 'zero_sessions_per_node',
    why: 'a budget smaller than one session',
    entries: { model: fullModel, server: server('dgx200') },
    raise: { ...quiet, effective_context: 131072, kv_precision: 'fp16', runtime_overhead_gib: 1000 },
    calm: { ...quiet, effective_context: 131072, kv_precision: 'fp16', runtime_overhead_gib: 900 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  { code: 'long_context', why: 'a context of at least 128,000 tokens', raise: { ...quiet, effective_context: 128_000 }, calm: { ...quiet, effective_context: 127_999 }, scenarios: ['minimum', 'recommended', 'ideal'] },
  { code: 'high_kv_budget_ratio', why: 'a budget ratio above 0.75 (IDEAL caps it at 0.65)', raise: { ...quiet, kv_budget_ratio: 0.76 }, calm: { ...quiet, kv_budget_ratio: 0.75 }, scenarios: ['minimum', 'recommended'] },
  { code: 'low_runtime_overhead', why: 'an overhead below 50 GiB', raise: { ...quiet, runtime_overhead_gib: 49.9 }, calm: { ...quiet, runtime_overhead_gib: 50 }, scenarios: ['minimum', 'recommended', 'ideal'] },
  {
    code: 'remote_storage_long_context',
    why: 'network or cloud storage under a long context',
    entries: { storage: storage('profile_cloud_premium') },
    raise: { ...quiet, effective_context: 131072 },
    calm: { ...quiet, effective_context: 65536 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  { code: 'sliding_window_exceeds_context', why: 'a context shorter than the sliding window', raise: { ...quiet, effective_context: 100 }, calm: { ...quiet, effective_context: 128 }, scenarios: ['minimum', 'recommended', 'ideal'] },
  {
    code: 'low_sessions_per_node',
    why: 'fewer than 50 sessions fit a node',
    entries: { model: fullModel },
    raise: { ...quiet, effective_context: 131072, kv_precision: 'fp16' },
    calm: { ...quiet, effective_context: 16384, kv_precision: 'fp16' },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  { code: 'many_nodes', why: 'a RECOMMENDED scenario above 20 nodes', raise: { ...quiet, effective_context: 131072, concurrency: 12_000 }, calm: { ...quiet, effective_context: 131072, concurrency: 9_000 }, scenarios: ['recommended'] },
  { code: 'high_peak_headroom', why: 'headroom above 50%', raise: { ...quiet, peak_headroom_ratio: 0.51 }, calm: { ...quiet, peak_headroom_ratio: 0.5 }, scenarios: ['recommended', 'ideal'] },
  {
    code: 'weights_exceed_overhead',
    why: 'weights (120B × 1 byte = 111.8 GiB) above the runtime overhead',
    entries: { model: { ...model('opt-oss-120b'), total_params_b: 120, weights_bytes_per_param: 1 } },
    raise: { ...quiet, runtime_overhead_gib: 100 },
    calm: { ...quiet, runtime_overhead_gib: 120 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'state_size_unknown',
    why: 'Mamba layers whose state the config does not size',
    entries: {
      model: { ...fullModel, num_layers: 4, kv_layers: [{ kind: 'full', count: 2, kv_heads: 8, head_dim: 128 }, { kind: 'mamba', count: 2, state_bytes: null }] },
    },
    raise: quiet,
    calm: { ...quiet, params_b: 1 },
    scenarios: ['minimum', 'recommended', 'ideal'],
    calmEntries: {
      model: { ...fullModel, num_layers: 4, kv_layers: [{ kind: 'full', count: 2, kv_heads: 8, head_dim: 128 }, { kind: 'mamba', count: 2, state_bytes: 1024 }] },
    },
  },
  {
    code: 'max_position_embeddings_assumed',
    why: "a config without max_position_embeddings (the model type's default was used)",
    entries: { model: { ...fullModel, max_position_embeddings: 2048, max_position_embeddings_assumed: true, hf_model_type: 'falcon' } },
    raise: quiet,
    calm: quiet,
    calmEntries: { model: { ...fullModel, max_position_embeddings: 2048 } },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'kv_heads_replicated',
    why: 'fewer KV heads (2) than tensor-parallel ranks (8)',
    entries: { model: { ...fullModel, num_key_value_heads: 2 } },
    raise: { ...quiet, tensor_parallel: 8 },
    calm: { ...quiet, tensor_parallel: 2 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'mla_replicated',
    why: 'an MLA model over tensor parallel',
    entries: { model: { ...fullModel, num_layers: 61, kv_layers: [{ kind: 'mla', count: 61, kv_lora_rank: 512, qk_rope_head_dim: 64 }] } },
    raise: { ...quiet, tensor_parallel: 8 },
    calm: { ...quiet, tensor_parallel: 1, memory_model: 'vllm', weights_gib: 100 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'engine_no_kv_memory',
    why: "weights that fit the GPU but not vLLM's share of it (70B in bf16 over 2 80 GB GPUs, gpu_memory_utilization 0.85)",
    entries: { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100') },
    raise: { ...quiet, memory_model: 'vllm', tensor_parallel: 2, gpu_memory_utilization: 0.85 },
    calm: { ...quiet, memory_model: 'vllm', tensor_parallel: 4, gpu_memory_utilization: 0.85 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'weights_exceed_node',
    why: 'weights larger than the node (DeepSeek-V3: 624.9 GiB of fp8 weights, a 596 GiB dgx-h100), in the default mode',
    entries: { model: model('DeepSeek-V3'), server: server('dgx-h100') },
    raise: quiet,
    calm: quiet,
    calmEntries: { server: server('dgx-h200') },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
  {
    code: 'engine_weights_unknown',
    why: 'an engine memory model without the weights',
    raise: { ...quiet, memory_model: 'vllm' },
    calm: { ...quiet, memory_model: 'vllm', weights_gib: 60 },
    scenarios: ['minimum', 'recommended', 'ideal'],
  },
];

describe('alert codes', () => {
  it('the table covers every code', () => {
    expect(ROWS.map((r) => r.code).sort()).toEqual([...ALERT_CODES].sort());
  });

  it.each(ROWS.map((r) => [r.code, r.why, r] as const))('%s is raised by %s', (code, _why, row) => {
    const entries = { ...base, ...row.entries };
    const raised = size(entries, row.raise).alerts.filter((a) => a.code === code);
    expect(raised.length).toBeGreaterThan(0);
    // One alert per distinct fact; scenarios with different numbers (e.g. IDEAL's smaller budget) get their own.
    expect(raised.flatMap((a) => a.scenarios).sort()).toEqual([...row.scenarios].sort());
    for (const k of row.scenarios) expect(size(entries, row.raise).scenarios[k as 'minimum'].warnings.some((a) => a.code === code)).toBe(true);
    expect(size({ ...entries, ...row.calmEntries }, row.calm).alerts.map((a) => a.code)).not.toContain(code);
  });

  it('lists the most severe first (report-example.md: the long-context ALERT before the precision WARNING)', () => {
    const r = size(base, { concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' });
    expect(r.alerts.map((a) => a.code)).toEqual(['long_context', 'kv_precision_2_bytes']);
    expect(r.scenarios.minimum.warnings.map((a) => a.code)).toEqual(['kv_precision_2_bytes', 'long_context']);
  });

  it('merges the same fact raised by several scenarios, keeps different facts apart', () => {
    const a = alert('low_sessions_per_node', ['minimum'], { sessions_per_node: 10, threshold: 50 });
    const b = alert('low_sessions_per_node', ['ideal'], { sessions_per_node: 10, threshold: 50 });
    const c = alert('low_sessions_per_node', ['recommended'], { sessions_per_node: 9, threshold: 50 });
    const merged = mergeAlerts([a, b, c]);
    expect(merged.map((m) => [m.scenarios, m.params])).toEqual([
      [['minimum', 'ideal'], { sessions_per_node: 10, threshold: 50 }],
      [['recommended'], { sessions_per_node: 9, threshold: 50 }],
    ]);
  });
});
