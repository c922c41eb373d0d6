/**
 * How an imported model entry was read from its `config.json`, value by value, as data: the field, the
 * value, and a `code` with `params` saying where it came from. The words are the locales' (report/i18n),
 * so the same entry reads in English or Portuguese. Older models files carry a free-text `from`
 * instead of `code` and `params`; they still load, and their text is shown as written. No zod here (the
 * page imports `config.json` through this module): the schemas are in ./derivation-schemas.ts.
 */
/** Each way a value is derived, with the numbers and names its sentence needs. */
export interface DerivationDetails {
  /** The value sits under another key of the config (`n_layer`, `attention_head_dim`, …). */
  config_key: { key: string };
  head_dim_from_hidden: { hidden_size: number; num_attention_heads: number };
  nested_text_config: Record<never, never>;
  mla_latent: { kv_lora_rank: number; qk_rope_head_dim: number };
  mla_indexer: { index_head_dim: number };
  multi_query: Record<never, never>;
  mha_default: Record<never, never>;
  max_position_model_type_default: { model_type: string };
  dtype_assumed: Record<never, never>;
  mamba_state: { heads: number; head_dim: number; state: number; inner: number; groups: number; conv: number };
  linear_attention_state: { value_heads: number; key_heads: number; key_dim: number; value_dim: number; conv: number };
  block_configs: Record<never, never>;
  hybrid_override_pattern: Record<never, never>;
  layer_types: Record<never, never>;
  full_attention_interval: { every: number };
  chunked_no_rope: { chunk: number };
  chunked_every_4th: { chunk: number };
  sliding_window_pattern: { every: number };
  model_type_pattern: { every: number; model_type: string };
  max_window_layers: { window: number; max_window_layers: number };
  sliding_every_layer: { window: number };
  mla_every_layer: Record<never, never>;
  sliding_disabled: Record<never, never>;
  full_every_layer: Record<never, never>;
  quantization: { key: string; bytes_per_param: number };
  mla_ignores_kv_heads: Record<never, never>;
  /** Routed expert parameters: layers × experts × 3 (gate, up, down) × hidden × expert intermediate size. */
  moe_experts: { layers: number; experts: number; hidden_size: number; intermediate_size: number };
  /** Parameters one token uses: embeddings, attention projections, dense MLPs, and k routed (plus shared) experts per MoE layer. */
  active_params: { layers: number; moe_layers: number; experts_per_token: number; vocab_size: number };
}

export type DerivationCode = keyof DerivationDetails;

/** Every code once (a `Record`, so a code missing here fails `tsc`). */
const CODES: Readonly<Record<DerivationCode, true>> = {
  config_key: true,
  head_dim_from_hidden: true,
  nested_text_config: true,
  mla_latent: true,
  mla_indexer: true,
  multi_query: true,
  mha_default: true,
  max_position_model_type_default: true,
  dtype_assumed: true,
  mamba_state: true,
  linear_attention_state: true,
  block_configs: true,
  hybrid_override_pattern: true,
  layer_types: true,
  full_attention_interval: true,
  chunked_no_rope: true,
  chunked_every_4th: true,
  sliding_window_pattern: true,
  model_type_pattern: true,
  max_window_layers: true,
  sliding_every_layer: true,
  mla_every_layer: true,
  sliding_disabled: true,
  full_every_layer: true,
  quantization: true,
  mla_ignores_kv_heads: true,
  moe_experts: true,
  active_params: true,
};
export const DERIVATION_CODES = Object.keys(CODES) as DerivationCode[];

/** The fields an import derives that are not config keys, named in words by each locale. */
export const DERIVED_FIELD_LABELS = ['text model', 'mla latent', 'indexer', 'mamba state', 'linear attention state', 'layer kinds', 'weights'] as const;
export type DerivedFieldLabel = (typeof DERIVED_FIELD_LABELS)[number];

/** One derivation as an importer writes it. */
export type TypedDerivation = {
  [C in DerivationCode]: { readonly field: string; readonly value: number | string; readonly code: C; readonly params: Readonly<DerivationDetails[C]> };
}[DerivationCode];

/** A derivation of an older models file: its words as written. */
export interface TextDerivation {
  readonly field: string;
  readonly value: number | string;
  readonly from: string;
}

export type Derivation = TypedDerivation | TextDerivation;

/** A derivation as a models file holds it (checked by the schema, so its `params` are loosely typed). */
export type { StoredDerivation } from './derivation-schemas.ts';

/** `{ field, value, code, params }`, for callers that pick the code at run time. */
export function derivation<C extends DerivationCode>(field: string, value: number | string, code: C, params: DerivationDetails[C]): TypedDerivation {
  return { field, value, code, params } as TypedDerivation;
}
