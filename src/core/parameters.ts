/**
 * The parameter dictionary's keys and where each parameter comes from. The texts (what it is, where it
 * comes from, why it matters, the common mistake) are per locale in `report/i18n`.
 */
export const PARAMETER_ORIGINS = {
  num_layers: 'model_architecture',
  num_key_value_heads: 'model_architecture',
  head_dim: 'model_architecture',
  max_position_embeddings: 'model_architecture',
  attention_pattern: 'model_architecture',
  hybrid_full_layers: 'model_architecture',
  hybrid_sliding_layers: 'model_architecture',
  sliding_window: 'model_architecture',
  default_kv_precision: 'model_architecture',
  gpus: 'server_hardware',
  hbm_per_gpu_gb: 'server_hardware',
  total_hbm_gb: 'server_hardware',
  storage_profile: 'storage',
  effective_context: 'product_nfr',
  concurrency: 'product_nfr',
  kv_precision: 'runtime_config',
  kv_budget_ratio: 'infra_tuning',
  runtime_overhead_gib: 'runtime_estimate',
  peak_headroom_ratio: 'resilience_nfr',
  ha_mode: 'availability_nfr',
} as const;

export type ParameterKey = keyof typeof PARAMETER_ORIGINS;
export type ParameterOrigin = (typeof PARAMETER_ORIGINS)[ParameterKey];
export const PARAMETER_KEYS = Object.keys(PARAMETER_ORIGINS) as ParameterKey[];

/** The main parameters the text report explains (version 2.0's list); JSON carries all of them. */
export const TEXT_REPORT_PARAMETERS: readonly ParameterKey[] = [
  'num_layers',
  'num_key_value_heads',
  'head_dim',
  'attention_pattern',
  'effective_context',
  'kv_precision',
  'concurrency',
  'kv_budget_ratio',
  'runtime_overhead_gib',
  'peak_headroom_ratio',
  'ha_mode',
];

/** The Markdown report's shorter list (version 2.0's). */
export const MARKDOWN_REPORT_PARAMETERS: readonly ParameterKey[] = [
  'num_layers',
  'num_key_value_heads',
  'effective_context',
  'kv_precision',
  'kv_budget_ratio',
  'ha_mode',
];

/** The executive report's table (version 2.0's). */
export const EXECUTIVE_PARAMETERS: readonly ParameterKey[] = [
  'num_layers',
  'num_key_value_heads',
  'attention_pattern',
  'effective_context',
  'concurrency',
  'kv_precision',
  'kv_budget_ratio',
  'runtime_overhead_gib',
  'peak_headroom_ratio',
  'ha_mode',
];
