/**
 * The worked example in the doc comment of each file of src/engines/, checked step by step: every
 * figure the comment states is a row here (exact for counts, to the comment's decimals otherwise).
 */
import { describe, expect, it } from 'vitest';
import { size } from '../../src/core/sizing.ts';
import { rankGeometry } from '../../src/engines/geometry.ts';
import { activationGib, nonTorchGib, visibleGpuMemoryGib } from '../../src/engines/gpu-memory.ts';
import { resolveLayout } from '../../src/engines/layout.ts';
import type { FullSizingRequest } from '../../src/core/sizing.ts';
import { model, server, storage } from '../helpers/catalog.ts';
import { planned } from '../helpers/size.ts';

/** The plan, the result and the recommended scenario's engine of one example. */
function example(modelName: string, serverName: string, request: FullSizingRequest) {
  const plan = planned({ model: model(modelName), server: server(serverName), storage: storage('profile_default') }, request);
  const result = size(plan);
  const engine = result.scenarios.recommended.engine;
  if (!plan.deployment || !engine) throw new Error('the example asks for a deployment');
  return { settings: plan.deployment.engine as unknown as Record<string, number>, layout: plan.deployment.layout, result, engine };
}

const REPORT = { model: model('opt-oss-120b'), server: server('dgx300'), storage: storage('profile_default') };

/** [what the comment states, the figure computed, the figure stated, decimals stated (null: exact)] */
type Step = readonly [string, number, number, number | null];

function checkSteps(steps: readonly Step[]) {
  it.each(steps)('%s', (_what, actual, stated, decimals) => {
    if (decimals === null) expect(actual).toBe(stated);
    else expect(actual.toFixed(decimals)).toBe(stated.toFixed(decimals));
  });
}

describe('src/engines/seed.ts: opt-oss-120b on dgx300, fp16, 131,072 tokens, TP 8', () => {
  const { engine, result } = example('opt-oss-120b', 'dgx300', { concurrency: 1000, effective_context: 131072, kv_precision: 'fp16', tensor_parallel: 8 });
  checkSteps([
    ['per GPU: 288 GB = 268.221 GiB', engine.per_gpu.gpu_memory_gib, 268.221, 3],
    ['overhead 120 / 8 GPUs = 15 GiB', engine.per_gpu.weights_gib, 15, null],
    ['KV memory per GPU (268.221 − 15) × 0.7 = 177.255 GiB', engine.per_gpu.kv_cache_gib, 177.255, 3],
    ['per session on one rank: 604,569,600 B', engine.bytes_per_session_per_rank, 604_569_600, null],
    ['⌊314.81⌋ sessions per replica', engine.max_concurrency, 314.81, 2],
    ['314 sessions per replica', engine.sessions_per_replica, 314, null],
    ['one replica per node: 314 per node', engine.sessions_per_node, 314, null],
    ['the single pool finds the same 314', size(planned(REPORT, { concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' })).scenarios.recommended.results.sessions_per_node, 314, null],
  ]);
  it('is the recommended scenario of that sizing', () => expect(result.scenarios.recommended.results.sessions_per_node).toBe(314));
});

describe('src/engines/vllm.ts: Llama-3.1-8B on dgx-h100, bf16, 8,192 tokens, defaults', () => {
  const { engine, settings, result } = example('Meta-Llama-3.1-8B', 'dgx-h100', { concurrency: 1000, effective_context: 8192, kv_precision: 'bf16', memory_model: 'vllm' });
  checkSteps([
    ['GPU memory 80 × 0.99 = 79.2 GiB', settings.gpu_memory_gib!, 79.2, 10],
    ['× 0.9 gpu_memory_utilization = 71.28 GiB', settings.gpu_memory_gib! * settings.gpu_memory_utilization!, 71.28, 10],
    ['weights 8.03e9 × 2 B = 14.957 GiB', engine.per_gpu.weights_gib, 14.957, 3],
    ['batched tokens 8,192', settings.max_num_batched_tokens!, 8192, null],
    ['activation 0.84375 GiB', engine.per_gpu.activation_gib, 0.84375, null],
    ['non-torch 0.35 GiB', engine.per_gpu.non_torch_gib, 0.35, null],
    ['KV memory 55.129 GiB', engine.per_gpu.kv_cache_gib, 55.129, 3],
    ['28,226 blocks', engine.num_blocks!, 28_226, null],
    ['451,616 tokens', engine.kv_tokens, 451_616, null],
    ['55.13× maximum concurrency', engine.max_concurrency, 55.13, 2],
    ['55 sessions per replica', engine.sessions_per_replica, 55, null],
    ['440 sessions per node', result.scenarios.recommended.results.sessions_per_node, 440, null],
  ]);
});

describe('src/engines/sglang.ts: gpt-oss-120b on dgx-h200, bf16, 131,072 tokens, defaults', () => {
  const { engine, settings, result } = example('gpt-oss-120b', 'dgx-h200', { concurrency: 1000, effective_context: 131072, kv_precision: 'bf16', memory_model: 'sglang' });
  checkSteps([
    ['GPU memory 139.59 GiB', settings.gpu_memory_gib!, 139.59, 10],
    ['= 142,940.16 MiB', settings.gpu_memory_gib! * 1024, 142_940.16, 2],
    ['mem_fraction_static 0.905975', settings.mem_fraction_static!, 0.905975, 6],
    ['= (142,940.16 − 13,440) / 142,940.16', settings.mem_fraction_static!, (142_940.16 - 13_440) / 142_940.16, 12],
    ['weights 57.888 GiB', engine.per_gpu.weights_gib, 57.888, 3],
    ['KV memory 68.577 GiB', engine.per_gpu.kv_cache_gib, 68.577, 3],
    ['cell 73,728 B per token (sliding pooled as full)', engine.bytes_per_session_per_rank / 131072, 73_728, null],
    ['998,731 tokens', engine.kv_tokens, 998_731, null],
    ['7.62 requests', engine.max_concurrency, 7.62, 2],
    ['7 sessions per replica', engine.sessions_per_replica, 7, null],
    ['56 sessions per node', result.scenarios.recommended.results.sessions_per_node, 56, null],
  ]);
});

describe('src/engines/trtllm.ts: Qwen3-8B on dgx-h100, bf16, 32,768 tokens, defaults', () => {
  const { engine, settings, result } = example('Qwen3-8B', 'dgx-h100', { concurrency: 1000, effective_context: 32768, kv_precision: 'bf16', memory_model: 'trtllm' });
  checkSteps([
    ['GPU memory 79.2 GiB', settings.gpu_memory_gib!, 79.2, 10],
    ['weights 15.274 GiB', engine.per_gpu.weights_gib, 15.274, 3],
    ['max_num_tokens 8,192 (the table default)', settings.max_num_batched_tokens!, 8192, null],
    ['activation 0.84375 GiB', engine.per_gpu.activation_gib, 0.84375, null],
    ['peak 16.467 GiB', engine.per_gpu.weights_gib + engine.per_gpu.activation_gib + engine.per_gpu.non_torch_gib, 16.467, 3],
    ['KV memory 56.459 GiB', engine.per_gpu.kv_cache_gib, 56.459, 3],
    ['147,456 B per token', engine.bytes_per_session_per_rank / 32768, 147_456, null],
    ['411,124 tokens', engine.kv_tokens, 411_124, null],
    ['12,847 blocks', engine.num_blocks!, 12_847, null],
    ['12.55 requests', engine.max_concurrency, 12.55, 2],
    ['12 sessions per replica', engine.sessions_per_replica, 12, null],
    ['96 sessions per node', result.scenarios.recommended.results.sessions_per_node, 96, null],
  ]);
});

describe('src/engines/layout.ts: Llama-3.1-70B on an 8-GPU node', () => {
  it('TP 2: 4 replicas of 2 GPUs, no problem', () => {
    expect(resolveLayout(model('Meta-Llama-3.1-70B'), server('dgx-h100'), { tensor_parallel: 2 })).toEqual({
      layout: { tensor_parallel: 2, pipeline_parallel: 1, gpus_per_replica: 2, replicas_per_node: 4, gpus_used: 8, nodes_per_replica: 1, data_parallel_attention: 1, expert_parallel: 1 },
      problems: [],
    });
  });
  it('TP 3 over 8 KV heads: tp_kv_heads', () => {
    const rules = resolveLayout(model('Meta-Llama-3.1-70B'), server('dgx-h100'), { tensor_parallel: 3 }).problems.map((p) => (p.accepted as { rule: string }).rule);
    expect(rules).toContain('tp_kv_heads');
  });
});

describe('src/engines/geometry.ts: bytes per token on one rank', () => {
  const sixteen = { name: 'sixteen', gpus: 16, hbm_per_gpu_gb: 80, total_hbm_gb: 1280 };
  const perToken = (name: string, tp: number) => {
    const m = model(name);
    return rankGeometry(m, resolveLayout(m, sixteen, { tensor_parallel: tp }).layout, 'bf16', 'vllm').reduce((s, g) => s + g.bytes_per_token_per_layer * g.layers, 0);
  };
  checkSteps([
    ['Llama-3.1-8B TP 1: 131,072 B', perToken('Meta-Llama-3.1-8B', 1), 131_072, null],
    ['Llama-3.1-8B TP 2: 65,536 B', perToken('Meta-Llama-3.1-8B', 2), 65_536, null],
    ['Llama-3.1-8B TP 16: 16,384 B (one head per rank)', perToken('Meta-Llama-3.1-8B', 16), 16_384, null],
    ['DeepSeek-V3: 1,152 B per token and layer at TP 1', perToken('DeepSeek-V3', 1) / 61, 1152, null],
    ['DeepSeek-V3: the same at TP 8', perToken('DeepSeek-V3', 8) / 61, 1152, null],
  ]);
});

describe('src/engines/gpu-memory.ts', () => {
  const layout = (tp: number) => ({ tensor_parallel: tp, pipeline_parallel: 1, gpus_per_replica: tp, replicas_per_node: 1, gpus_used: tp, nodes_per_replica: 1, data_parallel_attention: 1, expert_parallel: 1 });
  checkSteps([
    ['an 80 GB H100 shows 79.2 GiB', visibleGpuMemoryGib(server('dgx-h100'), undefined), 79.2, 10],
    ['8,192 tokens × 4,096 × 27 B = 0.84375 GiB', activationGib(model('Meta-Llama-3.1-8B'), 8192, undefined), 0.84375, null],
    ['non-torch 0.35 GiB at TP 1', nonTorchGib(layout(1), undefined), 0.35, null],
    ['non-torch 1 GiB above', nonTorchGib(layout(2), undefined), 1, null],
  ]);
});
