/**
 * A model as layer groups: each kind of layer with its own KV geometry. `kv_layers` when the entry
 * has it; otherwise the original fields, mapped one to one (full → one full group; sliding → one
 * sliding group; hybrid → a full and a sliding group), which gives identical numbers.
 */
import type { LayerGroupSpec, ModelEntry } from '../schema/catalog.ts';

export function layerGroupsOf(model: ModelEntry): readonly LayerGroupSpec[] {
  if (model.kv_layers && model.kv_layers.length > 0) return model.kv_layers;
  const geometry = { kv_heads: model.num_key_value_heads, head_dim: model.head_dim };
  const window = model.sliding_window ?? 0;
  switch (model.attention_pattern) {
    case 'full':
      return [{ kind: 'full', count: model.num_layers, ...geometry }];
    case 'sliding':
      return [{ kind: 'sliding', count: model.num_layers, window, ...geometry }];
    case 'hybrid': {
      const groups: LayerGroupSpec[] = [];
      if ((model.hybrid_full_layers ?? 0) > 0) groups.push({ kind: 'full', count: model.hybrid_full_layers ?? 0, ...geometry });
      if ((model.hybrid_sliding_layers ?? 0) > 0) groups.push({ kind: 'sliding', count: model.hybrid_sliding_layers ?? 0, window, ...geometry });
      return groups;
    }
  }
}

/** Bytes a sparse-attention indexer caches per token and layer: fp8 keys plus one fp32 scale per 128. */
export function indexerBytesPerToken(indexerHeadDim: number): number {
  return indexerHeadDim + Math.ceil(indexerHeadDim / 128) * 4;
}

/** Layers of a model, from its groups. */
export function layerCount(groups: readonly LayerGroupSpec[]): number {
  let n = 0;
  for (const g of groups) n += g.count;
  return n;
}
