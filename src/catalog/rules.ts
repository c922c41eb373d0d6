/**
 * Consistency rules across the fields of one catalog entry, each small and named, each with its own
 * test. Shapes are the schema's job (`schema/catalog.ts`); these catch entries that parse but lie.
 */
import type { ModelEntry, ServerEntry } from '../schema/catalog.ts';
import type { Problem } from '../schema/problems.ts';

type Rule<T> = (entry: T, at: string) => Problem | undefined;

/** hybrid: both layer counts present, and they add up to num_layers (kv_layers, when given, decides instead). */
export const hybridLayersAddUp: Rule<ModelEntry> = (m, at) => {
  if (m.attention_pattern !== 'hybrid' || m.kv_layers) return undefined;
  const full = m.hybrid_full_layers;
  const sliding = m.hybrid_sliding_layers;
  if (full === undefined || full === null) return { field: `${at}.hybrid_full_layers`, value: full, accepted: { kind: 'rule', rule: 'hybrid_counts_required', detail: { model: m.name } } };
  if (sliding === undefined || sliding === null) return { field: `${at}.hybrid_sliding_layers`, value: sliding, accepted: { kind: 'rule', rule: 'hybrid_counts_required', detail: { model: m.name } } };
  if (full + sliding !== m.num_layers) {
    return {
      field: `${at}.hybrid_full_layers`,
      value: full,
      accepted: { kind: 'rule', rule: 'hybrid_layers_sum', detail: { model: m.name, full, sliding, sum: full + sliding, num_layers: m.num_layers } },
    };
  }
  return undefined;
};

/** sliding and hybrid models need a window. */
export const slidingNeedsWindow: Rule<ModelEntry> = (m, at) => {
  if (m.attention_pattern === 'full' || m.kv_layers) return undefined;
  if (m.sliding_window === undefined || m.sliding_window === null) {
    return { field: `${at}.sliding_window`, value: m.sliding_window, accepted: { kind: 'rule', rule: 'sliding_window_required', detail: { model: m.name, attention_pattern: m.attention_pattern } } };
  }
  return undefined;
};

/** When a server states its total, it must be gpus × per-GPU memory. */
export const serverTotalMatches: Rule<ServerEntry> = (s, at) => {
  if (s.total_hbm_gb === undefined) return undefined;
  const product = s.gpus * s.hbm_per_gpu_gb;
  if (Math.abs(product - s.total_hbm_gb) > 1e-9 * Math.max(1, product)) {
    return {
      field: `${at}.total_hbm_gb`,
      value: s.total_hbm_gb,
      accepted: { kind: 'rule', rule: 'server_total_hbm', detail: { server: s.name, gpus: s.gpus, hbm_per_gpu_gb: s.hbm_per_gpu_gb, product } },
    };
  }
  return undefined;
};

/** An NVLink domain is whole entries: at least the entry's GPUs, and a whole multiple of them. */
export const nvlinkDomainWholeNodes: Rule<ServerEntry> = (s, at) => {
  const domain = s.nvlink_domain_gpus;
  if (domain === undefined || (domain >= s.gpus && domain % s.gpus === 0)) return undefined;
  return { field: `${at}.nvlink_domain_gpus`, value: domain, accepted: { kind: 'rule', rule: 'nvlink_domain_whole_nodes', detail: { server: s.name, gpus: s.gpus, domain } } };
};

/** kv_layers: the counts of all layer kinds add up to num_layers. */
export const kvLayersAddUp: Rule<ModelEntry> = (m, at) => {
  if (!m.kv_layers) return undefined;
  const sum = m.kv_layers.reduce((s, g) => s + g.count, 0);
  if (sum === m.num_layers) return undefined;
  return { field: `${at}.kv_layers`, value: sum, accepted: { kind: 'rule', rule: 'kv_layers_sum', detail: { model: m.name, sum, num_layers: m.num_layers } } };
};

/** Query heads are a whole multiple of every attention kind's KV heads (GQA groups). */
export const headsDivisible: Rule<ModelEntry> = (m, at) => {
  const heads = m.num_attention_heads;
  if (heads === undefined) return undefined;
  const kvHeads = m.kv_layers
    ? m.kv_layers.flatMap((g) => (g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' ? [g.kv_heads] : []))
    : [m.num_key_value_heads];
  const bad = kvHeads.find((kv) => heads % kv !== 0);
  if (bad === undefined) return undefined;
  return { field: `${at}.num_attention_heads`, value: heads, accepted: { kind: 'rule', rule: 'heads_divisible', detail: { model: m.name, num_attention_heads: heads, kv_heads: bad } } };
};

/** A model must keep something per session (an attention layer, or a sized state): else there is nothing to size. */
export const keepsKv: Rule<ModelEntry> = (m, at) => {
  if (!m.kv_layers) return undefined;
  const keeps = m.kv_layers.some((g) => g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' || g.kind === 'mla' || ((g.kind === 'linear_attention' || g.kind === 'mamba') && (g.state_bytes ?? 0) > 0));
  return keeps ? undefined : { field: `${at}.kv_layers`, value: m.kv_layers.map((g) => g.kind).join(', '), accepted: { kind: 'rule', rule: 'keeps_kv', detail: { model: m.name } } };
};

export const MODEL_RULES: readonly Rule<ModelEntry>[] = [hybridLayersAddUp, slidingNeedsWindow, kvLayersAddUp, headsDivisible, keepsKv];
export const SERVER_RULES: readonly Rule<ServerEntry>[] = [serverTotalMatches, nvlinkDomainWholeNodes];

/** Names must be unique within a kind. */
export function duplicateNames(entries: readonly { name: string }[], kind: string): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  entries.forEach((e, i) => {
    if (seen.has(e.name)) out.push({ field: `${kind}[${i}].name`, value: e.name, accepted: { kind: 'rule', rule: 'unique_name', detail: { name: e.name } } });
    seen.add(e.name);
  });
  return out;
}
