/**
 * KV cache per session: what one active session keeps in GPU memory, layer kind by layer kind.
 */
import type { LayerGroupSpec, LayerKind, ModelEntry } from '../schema/catalog.ts';
import { indexerBytesPerToken, layerGroupsOf } from './layers.ts';
import { BYTES_PER_GIB, KV_PRECISION_BYTES, type KvPrecision } from './units.ts';

/** K and V: two tensors per layer and token (attention layers other than MLA). */
export const KV_TENSORS = 2;

/** One kind of layer and what it keeps for one session. */
export interface KvLayerGroup {
  readonly kind: LayerKind;
  readonly layers: number;
  /** Tokens each layer of the group keeps for one session (0 for layers without a token cache). */
  readonly tokens: number;
  /** Bytes one layer adds per token it keeps: kv_heads × (K + V head dims) × bytes, or the MLA latent. */
  readonly bytes_per_token_per_layer: number;
  /** Constant state per layer and session (linear attention, Mamba), bytes. */
  readonly state_bytes_per_layer: number;
  /** False when a state layer's size is not known from the config (counted as 0). */
  readonly sized: boolean;
  readonly bytes: number;
}

export interface KvPerSession {
  readonly effective_context_used: number;
  readonly bytes_per_element: number;
  readonly groups: readonly KvLayerGroup[];
  readonly bytes: number;
  readonly gib: number;
  /** The part that grows with the context: bytes per token of context, all such layers summed. */
  readonly bytes_per_context_token: number;
  /** The part that does not: windows, chunks and states, bytes per session. */
  readonly constant_bytes: number;
}

/** The context the model will actually hold: the requested one, clamped to `max_position_embeddings`. */
export function effectiveContextUsed(model: ModelEntry, requestedTokens: number): number {
  return Math.min(requestedTokens, model.max_position_embeddings);
}

function groupKv(g: LayerGroupSpec, context: number, bytesPerElement: number): KvLayerGroup {
  const make = (tokens: number, bpt: number, state = 0, sized = true): KvLayerGroup => ({
    kind: g.kind,
    layers: g.count,
    tokens,
    bytes_per_token_per_layer: bpt,
    state_bytes_per_layer: state,
    sized,
    bytes: bpt * tokens * g.count + state * g.count,
  });
  switch (g.kind) {
    case 'full':
      return make(context, g.kv_heads * (g.head_dim + (g.v_head_dim ?? g.head_dim)) * bytesPerElement);
    // Version 2.0's rule: a window (or chunk) layer holds exactly its window, even when the context
    // is shorter (conservative; the `sliding_window_exceeds_context` alert says so).
    case 'sliding':
      return make(g.window, g.kv_heads * (g.head_dim + (g.v_head_dim ?? g.head_dim)) * bytesPerElement);
    case 'chunked':
      return make(g.chunk, g.kv_heads * (g.head_dim + (g.v_head_dim ?? g.head_dim)) * bytesPerElement);
    case 'mla':
      // One latent per token (no K/V factor of 2), plus the indexer's keys where the model has one.
      return make(context, (g.kv_lora_rank + g.qk_rope_head_dim) * bytesPerElement + (g.indexer_head_dim ? indexerBytesPerToken(g.indexer_head_dim) : 0));
    case 'linear_attention':
    case 'mamba':
      return make(0, 0, g.state_bytes ?? 0, g.state_bytes !== null);
    case 'none':
      return make(0, 0);
  }
}

/**
 * KV bytes of one session: the sum over layer kinds of bytes per token × tokens kept × layers, plus
 * constant states.
 *
 * @example
 * // gpt-oss-120b geometry, 131,072 tokens, fp16:
 * // 2 × (18 × 131072 + 18 × 128) × 8 × 64 × 2 = 4,836,556,800 bytes = 4.5044 GiB
 * kvPerSession(optOss120b, 131072, 'fp16').bytes //=> 4836556800
 */
export function kvPerSession(model: ModelEntry, contextTokens: number, precision: KvPrecision): KvPerSession {
  const bytesPerElement = KV_PRECISION_BYTES[precision];
  const context = effectiveContextUsed(model, contextTokens);
  const groups = layerGroupsOf(model).map((g) => groupKv(g, context, bytesPerElement));
  let bytes = 0;
  let perContextToken = 0;
  for (const g of groups) {
    bytes += g.bytes;
    if (g.kind === 'full' || g.kind === 'mla') perContextToken += g.bytes_per_token_per_layer * g.layers;
  }
  return {
    effective_context_used: context,
    bytes_per_element: bytesPerElement,
    groups,
    bytes,
    gib: bytes / BYTES_PER_GIB,
    bytes_per_context_token: perContextToken,
    constant_bytes: bytes - perContextToken * context,
  };
}
