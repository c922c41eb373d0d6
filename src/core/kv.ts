/**
 * KV cache per session: what one active session keeps in GPU memory.
 */
import type { ModelEntry } from '../schema/catalog.ts';
import { BYTES_PER_GIB, KV_PRECISION_BYTES, type KvPrecision } from './units.ts';

/** K and V: two tensors per layer and token. */
export const KV_TENSORS = 2;

/** A group of layers that keep the same number of tokens. */
export interface KvLayerGroup {
  readonly kind: 'full' | 'sliding';
  readonly layers: number;
  /** Tokens each layer of the group keeps for one session. */
  readonly tokens: number;
  /** 2 × kv_heads × head_dim × bytes_per_element: bytes one layer adds per token. */
  readonly bytes_per_token_per_layer: number;
  readonly bytes: number;
}

export interface KvPerSession {
  readonly effective_context_used: number;
  readonly bytes_per_element: number;
  readonly groups: readonly KvLayerGroup[];
  readonly bytes: number;
  readonly gib: number;
}

/** The context the model will actually hold: the requested one, clamped to `max_position_embeddings`. */
export function effectiveContextUsed(model: ModelEntry, requestedTokens: number): number {
  return Math.min(requestedTokens, model.max_position_embeddings);
}

/**
 * KV bytes of one session. Full-attention layers hold the whole effective context; sliding-window
 * layers hold exactly `sliding_window` tokens (version 2.0's rule, even when the context is shorter:
 * see the `sliding_window_exceeds_context` alert).
 *
 * @example
 * // gpt-oss-120b geometry, 131,072 tokens, fp16:
 * // 2 × (18 × 131072 + 18 × 128) × 8 × 64 × 2 = 4,836,556,800 bytes = 4.5044 GiB
 * kvPerSession(optOss120b, 131072, 'fp16').bytes //=> 4836556800
 */
export function kvPerSession(model: ModelEntry, contextTokens: number, precision: KvPrecision): KvPerSession {
  const bytesPerElement = KV_PRECISION_BYTES[precision];
  const bytesPerTokenPerLayer = KV_TENSORS * model.num_key_value_heads * model.head_dim * bytesPerElement;
  const context = effectiveContextUsed(model, contextTokens);
  const window = model.sliding_window ?? 0;
  const group = (kind: KvLayerGroup['kind'], layers: number, tokens: number): KvLayerGroup => ({
    kind,
    layers,
    tokens,
    bytes_per_token_per_layer: bytesPerTokenPerLayer,
    bytes: bytesPerTokenPerLayer * tokens * layers,
  });
  let groups: KvLayerGroup[];
  switch (model.attention_pattern) {
    case 'full':
      groups = [group('full', model.num_layers, context)];
      break;
    case 'sliding':
      groups = [group('sliding', model.num_layers, window)];
      break;
    case 'hybrid':
      groups = [
        group('full', model.hybrid_full_layers ?? 0, context),
        group('sliding', model.hybrid_sliding_layers ?? 0, window),
      ];
      break;
  }
  let bytes = 0;
  for (const g of groups) bytes += g.bytes;
  return {
    effective_context_used: context,
    bytes_per_element: bytesPerElement,
    groups,
    bytes,
    gib: bytes / BYTES_PER_GIB,
  };
}
