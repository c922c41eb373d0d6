/**
 * The KV geometry of one GPU (rank) of a replica: each kind of layer with the layers of the fullest
 * pipeline stage, its KV heads split over tensor-parallel ranks (or replicated), and the bytes one token
 * or one session takes there. Pure.
 *
 * @example
 * // Llama-3.1-8B (32 full layers, 8 KV heads of 128 dims), bf16, under vLLM:
 * // TP 1: 8 heads per rank, 8 × (128 + 128) × 2 = 4,096 B per token and layer, 131,072 B per token
 * // TP 2: 4 heads, 65,536 B per token; TP 16: 8 heads over 16 ranks, still 1 per rank: 16,384 B
 * // DeepSeek-V3 (61 MLA layers, latent 512 + RoPE 64): 576 × 2 = 1,152 B per token and layer at any TP
 */
import type { LayerGroupSpec, ModelEntry } from '../schema/catalog.ts';
import { indexerBytesPerToken, layerGroupsOf } from '../core/layers.ts';
import { KV_PRECISION_BYTES, type KvPrecision } from '../core/units.ts';
import type { Layout } from './layout.ts';
import type { MemoryModel } from './settings.ts';

/** One kind of layer as one GPU (rank) of a replica holds it. */
export interface RankLayerGroup {
  readonly kind: LayerGroupSpec['kind'];
  /** Layers on the fullest pipeline stage. */
  readonly layers: number;
  /** KV heads per rank (attention kinds): split over TP, replicated (at least 1) when fewer than TP. */
  readonly kv_heads_per_rank: number | null;
  /** Bytes per token and layer on one rank. */
  readonly bytes_per_token_per_layer: number;
  /** Tokens a layer keeps per session by version 2.0's rule (window, chunk, context). */
  readonly window_tokens: number | null;
  /** Constant state per layer and session on one rank. */
  readonly state_bytes_per_layer: number;
}

/** The KV geometry of one rank: heads split over TP (vLLM/SGLang: max(1, heads / TP)); MLA and states as noted. */
export function rankGeometry(model: ModelEntry, layout: Layout, precision: KvPrecision, engine: MemoryModel): RankLayerGroup[] {
  const bytes = KV_PRECISION_BYTES[precision];
  // Attention's tensor parallel: data-parallel attention groups each split their heads over TP / DP ranks.
  const tp = layout.tensor_parallel / (layout.data_parallel_attention ?? 1);
  return layerGroupsOf(model).map((g) => {
    const layers = Math.ceil(g.count / layout.pipeline_parallel);
    switch (g.kind) {
      case 'full':
      case 'sliding':
      case 'chunked': {
        // TensorRT-LLM's estimate divides without a floor of one head; vLLM and SGLang replicate.
        const heads = engine === 'trtllm' ? g.kv_heads / tp : Math.max(1, Math.floor(g.kv_heads / tp));
        return {
          kind: g.kind,
          layers,
          kv_heads_per_rank: heads,
          bytes_per_token_per_layer: heads * (g.head_dim + (g.v_head_dim ?? g.head_dim)) * bytes,
          window_tokens: g.kind === 'sliding' ? g.window : g.kind === 'chunked' ? g.chunk : null,
          state_bytes_per_layer: 0,
        };
      }
      case 'mla': {
        // The latent is replicated on every TP rank: TP does not add MLA token capacity. With fp8 KV,
        // vLLM and SGLang store sparse-attention MLA (DeepSeek-V3.2) as fp8_ds_mla: an fp8 latent, one
        // fp32 scale per 128 of it, and the RoPE dims kept in bf16 (512 + 16 + 128 = 656 bytes).
        const dsMla = engine !== 'seed' && bytes === 1 && g.indexer_head_dim !== undefined;
        const latent = dsMla ? g.kv_lora_rank + Math.ceil(g.kv_lora_rank / 128) * 4 + g.qk_rope_head_dim * 2 : (g.kv_lora_rank + g.qk_rope_head_dim) * bytes;
        return {
          kind: g.kind,
          layers,
          kv_heads_per_rank: null,
          bytes_per_token_per_layer: latent + (g.indexer_head_dim ? indexerBytesPerToken(g.indexer_head_dim) : 0),
          window_tokens: null,
          state_bytes_per_layer: 0,
        };
      }
      case 'linear_attention':
      case 'mamba':
        return { kind: g.kind, layers, kv_heads_per_rank: null, bytes_per_token_per_layer: 0, window_tokens: null, state_bytes_per_layer: (g.state_bytes ?? 0) / tp };
      case 'none':
        return { kind: g.kind, layers, kv_heads_per_rank: null, bytes_per_token_per_layer: 0, window_tokens: null, state_bytes_per_layer: 0 };
    }
  });
}

/** Constant state (linear attention, Mamba) one session keeps on one rank. */
export function stateBytesPerSession(ranks: readonly RankLayerGroup[]): number {
  return ranks.reduce((s, g) => s + g.state_bytes_per_layer * g.layers, 0);
}

/** ⌈a / b⌉. */
export const cdiv = (a: number, b: number): number => Math.ceil(a / b);
