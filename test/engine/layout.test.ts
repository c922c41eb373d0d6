/** Tensor and pipeline parallelism: how the KV cache divides over GPUs, and which layouts are refused. */
import { describe, expect, it } from 'vitest';
import { rankGeometry } from '../../src/engines/geometry.ts';
import { resolveLayout } from '../../src/engines/layout.ts';
import { deploymentRequested } from '../../src/engines/settings.ts';
import { size } from '../helpers/size.ts';
import type { ServerEntry } from '../../src/schema/catalog.ts';
import { model, server, storage } from '../helpers/catalog.ts';

const sixteen: ServerEntry = { name: 'sixteen', gpus: 16, hbm_per_gpu_gb: 80, total_hbm_gb: 1280 };
const perRankBytes = (name: string, tp: number, engine: 'vllm' | 'trtllm' = 'vllm', s: ServerEntry = sixteen) => {
  const m = model(name);
  const { layout } = resolveLayout(m, s, { tensor_parallel: tp });
  return rankGeometry(m, layout, 'bf16', engine).reduce((sum, g) => sum + g.bytes_per_token_per_layer * g.layers, 0);
};

describe('KV heads over tensor-parallel ranks', () => {
  it.each([
    // [model, TP, KV heads per rank, bytes per token per rank, why]
    ['Meta-Llama-3.1-8B', 1, 8, 131_072, 'all 8 heads on one GPU'],
    ['Meta-Llama-3.1-8B', 2, 4, 65_536, 'split: 4 heads per rank'],
    ['Meta-Llama-3.1-8B', 8, 1, 16_384, 'split: 1 head per rank'],
    ['Meta-Llama-3.1-8B', 16, 1, 16_384, 'replicated: 8 heads over 16 ranks, each rank still holds one'],
    ['Qwen3-235B-A22B', 4, 1, 48_128, 'engine-logs.md #5: 94 × 1 × 128 × 2 × 2 = 48,128 B per rank'],
    ['Qwen3-235B-A22B', 8, 1, 48_128, 'replicated: 4 heads over 8 ranks'],
  ] as const)('%s at TP %d: %d KV head(s) per rank, %d bytes per token (%s)', (name, tp, heads, bytes, _why) => {
    const m = model(name);
    const { layout } = resolveLayout(m, sixteen, { tensor_parallel: tp });
    expect(rankGeometry(m, layout, 'bf16', 'vllm')[0]?.kv_heads_per_rank).toBe(heads);
    expect(perRankBytes(name, tp)).toBe(bytes);
  });

  it('MLA keeps the whole latent on every rank: TP 8 holds as many bytes per token per GPU as TP 1', () => {
    expect(perRankBytes('DeepSeek-V3', 8)).toBe(perRankBytes('DeepSeek-V3', 1));
    expect(perRankBytes('DeepSeek-V3', 8)).toBe(61 * 576 * 2);
  });

  it("TensorRT-LLM's estimate divides KV heads without a floor of one (4 heads over TP 8: half a head per rank)", () => {
    expect(perRankBytes('Qwen3-235B-A22B', 8, 'trtllm')).toBe(48_128 / 2);
  });

  it('pipeline parallelism splits the layers (the fullest stage counts)', () => {
    const m = model('DeepSeek-V3');
    const { layout } = resolveLayout(m, sixteen, { tensor_parallel: 1, pipeline_parallel: 2 });
    expect(rankGeometry(m, layout, 'bf16', 'vllm')[0]?.layers).toBe(31); // ceil(61 / 2)
  });
});

describe('layouts refused with a clear reason', () => {
  it.each([
    ['TP that neither divides nor is divided by the KV heads', 'Meta-Llama-3.1-8B', { tensor_parallel: 3 }, 'tp_kv_heads'],
    ['TP 16 over two plain 8-GPU nodes', 'Meta-Llama-3.1-8B', { tensor_parallel: 16 }, undefined],
    ['more GPUs per replica than whole nodes hold (TP 4 × PP 3 = 12 of 8-GPU nodes)', 'Meta-Llama-3.1-8B', { tensor_parallel: 4, pipeline_parallel: 3 }, 'layout_exceeds_gpus'],
    ['more replicas than fit', 'Meta-Llama-3.1-8B', { tensor_parallel: 4, replicas_per_node: 5 }, 'replicas_exceed_gpus'],
    ['more than one replica per node for a replica over two nodes', 'Meta-Llama-3.1-8B', { tensor_parallel: 8, pipeline_parallel: 2, replicas_per_node: 2 }, 'replicas_exceed_gpus'],
    ['more pipeline stages than layers', 'Meta-Llama-3.1-8B', { pipeline_parallel: 33 }, 'pp_layers'],
    ['a TP group of 6 cut in two by the nodes of a replica over 3 nodes (TP 6 × PP 4)', 'Qwen3-235B-A22B', { tensor_parallel: 6, pipeline_parallel: 4 }, 'tp_across_nodes'],
    ['attention data-parallel groups that do not divide TP', 'DeepSeek-V3', { memory_model: 'sglang', tensor_parallel: 8, data_parallel_attention: 3 }, 'dp_attention_divides_tp'],
    ['expert parallel on a dense model', 'Meta-Llama-3.1-8B', { memory_model: 'vllm', tensor_parallel: 8, expert_parallel: 8 }, 'ep_needs_experts'],
    ['expert parallel that does not divide TP', 'DeepSeek-V3', { memory_model: 'vllm', tensor_parallel: 8, expert_parallel: 16 }, 'ep_divides'],
    ['expert parallel that does not divide the experts (Mixtral: 8)', 'Mixtral-8x7B-v0.1', { memory_model: 'vllm', tensor_parallel: 16, pipeline_parallel: 1, expert_parallel: 16 }, 'ep_divides'],
    ['data-parallel attention under the seed memory model', 'DeepSeek-V3', { tensor_parallel: 8, data_parallel_attention: 8 }, 'knob_needs_engine'],
    ['expert parallel under the seed memory model', 'DeepSeek-V3', { tensor_parallel: 8, expert_parallel: 8 }, 'knob_needs_engine'],
  ] as const)('%s', (_why, name, request, rule) => {
    const { problems } = resolveLayout(model(name), server('dgx-h100'), request);
    if (rule === undefined) {
      // 32 query heads over TP 16 divide, and 16 GPUs are two whole nodes: refused only because TP would all-reduce across them.
      expect(problems.map((p) => (p.accepted as { rule?: string }).rule)).toEqual(['tp_across_nodes']);
    } else expect(problems.map((p) => (p.accepted as { rule?: string }).rule)).toContain(rule);
  });

  it('query heads that TP does not divide', () => {
    const m = { ...model('Meta-Llama-3.1-8B'), num_attention_heads: 36, kv_layers: [{ kind: 'full' as const, count: 32, kv_heads: 4, head_dim: 128 }] };
    expect(resolveLayout(m, server('dgx-h100'), { tensor_parallel: 8 }).problems.map((p) => (p.accepted as { rule: string }).rule)).toEqual(['tp_query_heads']);
  });
});

describe('sessions per node = replicas × sessions per replica', () => {
  it('TP 2 on an 8-GPU node gives 4 replicas, and the node serves 4 × what one replica serves', () => {
    const r = size(
      { model: model('Meta-Llama-3.1-8B'), server: server('dgx-h100'), storage: storage('profile_default') },
      { concurrency: 1000, effective_context: 8192, memory_model: 'vllm', tensor_parallel: 2 },
    );
    const e = r.scenarios.recommended.engine!;
    expect(e.layout).toEqual({ tensor_parallel: 2, pipeline_parallel: 1, gpus_per_replica: 2, replicas_per_node: 4, gpus_used: 8, nodes_per_replica: 1, data_parallel_attention: 1, expert_parallel: 1 });
    expect(r.scenarios.recommended.results.sessions_per_node).toBe(4 * e.sessions_per_replica);
    expect(e.sessions_per_replica).toBe(Math.floor(e.max_concurrency));
  });

  it('--memory-model seed alone is the original single pool (no layout)', () => {
    expect(deploymentRequested({ memory_model: 'seed' })).toBe(false);
    const entries = { model: model('opt-oss-120b'), server: server('dgx300'), storage: storage('profile_default') };
    const plain = size(entries, { concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' });
    const seed = size(entries, { concurrency: 1000, effective_context: 131072, kv_precision: 'fp16', memory_model: 'seed' });
    expect(seed.scenarios).toEqual(plain.scenarios);
    expect(plain.scenarios.recommended.engine).toBeNull();
  });
});

describe('the per-node memory breakdown', () => {
  it.each(['vllm', 'sglang', 'trtllm', 'seed'] as const)('accounts for every GiB of the node under %s (weights, activations, non-torch, kept free, KV, idle GPUs)', (memoryModel) => {
    const r = size(
      { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') },
      { concurrency: 100, effective_context: 8192, memory_model: memoryModel, tensor_parallel: 2, replicas_per_node: 3 },
    );
    const n = r.scenarios.recommended.engine!.per_node;
    expect(n.kv_cache_gib).toBeGreaterThan(0);
    expect(n.idle_gpus_gib).toBeCloseTo(r.scenarios.recommended.engine!.per_gpu.gpu_memory_gib * 2, 9); // 8 GPUs, 3 replicas × 2 used
    expect(n.weights_gib + n.activation_gib + n.non_torch_gib + n.reserved_gib + n.kv_cache_gib + n.idle_gpus_gib).toBeCloseTo(n.gpu_memory_gib, 6);
  });
});

describe('the activation estimate', () => {
  const activation = (m: ReturnType<typeof model>) =>
    size({ model: m, server: server('dgx-h100'), storage: storage('profile_default') }, { concurrency: 10, effective_context: 8192, memory_model: 'vllm', max_num_batched_tokens: 8192 })
      .scenarios.recommended.engine!.per_gpu.activation_gib;
  const gib = (hidden: number) => (8192 * hidden * 27) / 2 ** 30;

  it("uses the config's hidden_size (Qwen3-235B-A22B: 4,096, not 64 heads × 128 = 8,192)", () => {
    expect(model('Qwen3-235B-A22B').hidden_size).toBe(4096);
    expect(activation(model('Qwen3-235B-A22B'))).toBeCloseTo(gib(4096), 9);
  });

  it('falls back to attention heads × head_dim when the entry has no hidden_size', () => {
    const { hidden_size: _dropped, ...rest } = model('Qwen3-235B-A22B');
    expect(activation(rest)).toBeCloseTo(gib(64 * 128), 9);
  });
});
