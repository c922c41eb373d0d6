/**
 * Hugging Face `config.json` → a catalog model with its per-layer KV geometry (`kv_layers`).
 * Pure: parsed JSON in, a model entry plus how each value was derived out, or problems naming the
 * field. What it cannot interpret is refused, never guessed.
 *
 * Handled: `text_config` nesting; `head_dim` missing (hidden_size / num_attention_heads) or named
 * `attention_head_dim`; KV heads from `num_key_value_heads`, `n_head_kv`, `num_kv_heads`,
 * `multi_query_group_num` or `multi_query` (MQA), else MHA; MLA (`kv_lora_rank`: the latent plus the
 * RoPE key, not KV heads) with a sparse-attention indexer (`index_head_dim`); `layer_types`;
 * `sliding_window` on every layer unless `use_sliding_window: false` (Qwen2's `max_window_layers`);
 * Gemma 2 / 3 and Cohere 2 patterns from the model type's defaults (`sliding_window_pattern`);
 * `full_attention_interval` (Qwen3-Next linear attention); Llama 4 chunked local attention with a
 * global layer every 4th (`no_rope_layers`); `hybrid_override_pattern` (Nemotron-H Mamba2);
 * per-layer `block_configs` (Nemotron NAS); per-kind heads and dims (`global_head_dim`,
 * `num_global_key_value_heads`, `swa_num_key_value_heads`, `swa_head_dim`, `v_head_dim`); a missing
 * `max_position_embeddings` (the model type's default, with an alert); weights dtype and quantization.
 */
import type { KvPrecision } from '../core/units.ts';
import type { LayerGroupSpec, ModelEntry } from '../schema/catalog.ts';
import { type DerivationCode, type DerivationDetails, derivation, type TypedDerivation } from '../schema/derivations.ts';
import { type Problem, type Result, type RuleCode, type RuleDetails, ruleAccepted, type UnsupportedDesign } from '../schema/problems.ts';
import { jsonDepth, MAX_JSON_DEPTH, stripBom, tooDeep } from '../schema/json-depth.ts';
import { GEOMETRY_LIMITS } from '../schema/limits.ts';
import { MODEL_RULES } from './rules.ts';

/**
 * Parse a config.json's text. Python's json module writes `Infinity`, `-Infinity` and `NaN`, which
 * real configs contain (e.g. Nemotron-H's `time_step_limit`) and JSON.parse refuses: outside strings
 * they are read as null (no KV geometry uses them). A leading byte order mark is dropped; text nested
 * deeper than MAX_JSON_DEPTH is refused unparsed (`depth` says how deep it is).
 */
export function parseConfigText(text: string): { ok: true; value: unknown } | { ok: false; error: string; depth?: number } {
  text = stripBom(text);
  if (tooDeep(text)) {
    const depth = jsonDepth(text);
    return { ok: false, error: `arrays and objects nested ${depth} levels deep (at most ${MAX_JSON_DEPTH})`, depth };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (first) {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (inString) {
        out += c;
        if (c === '\\') out += text[++i] ?? '';
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') {
        inString = true;
        out += c;
        continue;
      }
      const rest = text.slice(i, i + 9);
      const token = rest.startsWith('-Infinity') ? '-Infinity' : rest.startsWith('Infinity') ? 'Infinity' : rest.startsWith('NaN') ? 'NaN' : '';
      if (token) {
        out += 'null';
        i += token.length - 1;
      } else out += c;
    }
    try {
      return { ok: true, value: JSON.parse(out) };
    } catch {
      return { ok: false, error: (first as Error).message.replace(/\s+/g, ' ') };
    }
  }
}

export interface ImportedModel {
  readonly model: ModelEntry;
  /** How each value of the entry was obtained from the config, as data (the locales say it in words). */
  readonly derivations: readonly TypedDerivation[];
}

/** max_position_embeddings of model types whose configs may leave it out (their config classes' defaults). */
export const MAX_POSITION_DEFAULTS: Readonly<Record<string, number>> = {
  falcon: 2048,
  gemma: 8192,
  gemma2: 8192,
  gemma3: 131072,
  gemma3_text: 131072,
  llama: 2048,
  mistral: 131072, // MistralConfig: 4096 * 32
  mixtral: 131072, // MixtralConfig: 4096 * 32
  qwen2: 32768,
  qwen2_moe: 32768,
  qwen3: 32768,
  qwen3_moe: 32768,
  starcoder2: 4096,
  gpt_neox: 2048,
  phi3: 4096,
};

/** Sliding-window patterns that come from the model type, not the file: 1 full layer every N. */
const PATTERN_DEFAULTS: Readonly<Record<string, number>> = { gemma2: 2, gemma3: 6, gemma3_text: 6, cohere2: 4 };

/** Keys of attention designs this importer does not interpret: refused rather than sized as full attention. */
const UNSUPPORTED_KEYS: Readonly<Record<string, UnsupportedDesign>> = {
  attention_types: 'local_global_lists',
  attention_layers: 'local_global_lists',
  local_attention_window: 'local_attention_windows',
};

const LAYER_TYPE_NAMES: Readonly<Record<string, LayerGroupSpec['kind']>> = {
  full_attention: 'full',
  global_attention: 'full',
  attention: 'full',
  sliding_attention: 'sliding',
  chunked_attention: 'chunked',
  linear_attention: 'linear_attention',
  mamba: 'mamba',
};

const DTYPE_BYTES: Readonly<Record<string, number>> = { bfloat16: 2, float16: 2, float32: 4, fp16: 2, bf16: 2, half: 2, float: 4 };

type Json = Record<string, unknown>;

/**
 * The largest value each config key may hold (src/schema/limits.ts): beyond it the config is refused
 * naming the key, before any arithmetic. Keys not listed get the width's bound.
 */
const KEY_LIMITS: Readonly<Record<string, number>> = (() => {
  const out: Record<string, number> = {};
  const set = (max: number, keys: readonly string[]) => {
    for (const k of keys) out[k] = max;
  };
  set(GEOMETRY_LIMITS.layers, ['num_hidden_layers', 'n_layer', 'num_layers', 'max_window_layers', 'full_attention_interval', 'sliding_window_pattern']);
  set(GEOMETRY_LIMITS.heads, [
    'num_attention_heads', 'n_head', 'num_key_value_heads', 'n_head_kv', 'num_kv_heads', 'multi_query_group_num', 'num_global_key_value_heads',
    'swa_num_key_value_heads', 'mamba_num_heads', 'linear_num_key_heads', 'linear_num_value_heads', 'n_groups', 'mamba_n_groups',
  ]);
  set(GEOMETRY_LIMITS.head_dim, [
    'head_dim', 'attention_head_dim', 'kv_lora_rank', 'qk_rope_head_dim', 'index_head_dim', 'global_head_dim', 'v_head_dim', 'swa_head_dim',
    'mamba_head_dim', 'linear_key_head_dim', 'linear_value_head_dim', 'ssm_state_size', 'mamba_d_state', 'conv_kernel', 'mamba_d_conv', 'linear_conv_kernel_dim',
  ]);
  set(GEOMETRY_LIMITS.positions, ['max_position_embeddings', 'n_positions', 'max_sequence_length', 'seq_length', 'sliding_window', 'attention_chunk_size']);
  set(GEOMETRY_LIMITS.vocab, ['vocab_size']);
  set(GEOMETRY_LIMITS.experts, ['num_experts', 'num_local_experts', 'n_routed_experts', 'num_experts_per_tok', 'n_shared_experts']);
  return out;
})();

/** Sizes this importer does not use but checks when they are numbers: a config that states absurd ones is not a model. */
const CHECKED_ONLY = ['vocab_size', 'intermediate_size', 'moe_intermediate_size', 'num_experts', 'num_local_experts', 'n_routed_experts', 'num_experts_per_tok', 'n_shared_experts'] as const;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

class Reader {
  readonly problems: Problem[] = [];
  readonly derivations: TypedDerivation[] = [];
  constructor(
    readonly cfg: Json,
    readonly prefix: string,
    readonly source: string | undefined,
  ) {}

  has(key: string): boolean {
    return this.cfg[key] !== undefined && this.cfg[key] !== null;
  }

  /** A whole number from `min` to the key's limit (KEY_LIMITS), or undefined when absent; a problem when present but not one. */
  int(key: string, { min = 1, max = KEY_LIMITS[key] ?? GEOMETRY_LIMITS.hidden_size }: { min?: number; max?: number } = {}): number | undefined {
    const v = this.cfg[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.problems.push({ field: this.prefix + key, value: v, accepted: { kind: 'integer', min, max }, source: this.source });
      return undefined;
    }
    return v;
  }

  refuse<R extends RuleCode>(key: string, value: unknown, rule: R, detail: RuleDetails[R]): void {
    this.problems.push({ field: this.prefix + key, value, accepted: ruleAccepted(rule, detail), source: this.source });
  }

  note<C extends DerivationCode>(field: string, value: number | string, code: C, params: DerivationDetails[C]): void {
    this.derivations.push(derivation(field, value, code, params));
  }
}

/** Consecutive equal layer specs become one group with a count; equal specs anywhere are merged. */
function groupLayers(layers: readonly LayerGroupSpec[]): LayerGroupSpec[] {
  const out: LayerGroupSpec[] = [];
  const keyOf = (l: LayerGroupSpec) => JSON.stringify({ ...l, count: 0 });
  const index = new Map<string, number>();
  for (const l of layers) {
    const k = keyOf(l);
    const i = index.get(k);
    if (i === undefined) {
      index.set(k, out.length);
      out.push({ ...l });
    } else {
      const g = out[i]!;
      out[i] = { ...g, count: g.count + l.count } as LayerGroupSpec;
    }
  }
  return out;
}

function mambaStateElements(r: Reader): number | null {
  const heads = r.int('mamba_num_heads');
  const headDim = r.int('mamba_head_dim');
  const state = r.int('ssm_state_size') ?? r.int('mamba_d_state');
  const groups = r.int('n_groups') ?? r.int('mamba_n_groups') ?? 1;
  const conv = r.int('conv_kernel') ?? r.int('mamba_d_conv');
  if (heads === undefined || headDim === undefined || state === undefined || conv === undefined) return null;
  const inner = heads * headDim;
  const ssm = heads * headDim * state;
  const convState = (inner + 2 * groups * state) * (conv - 1);
  r.note('mamba state', ssm + convState, 'mamba_state', { heads, head_dim: headDim, state, inner, groups, conv });
  return ssm + convState;
}

function linearAttentionStateElements(r: Reader): number | null {
  const keyHeads = r.int('linear_num_key_heads');
  const valueHeads = r.int('linear_num_value_heads');
  const keyDim = r.int('linear_key_head_dim');
  const valueDim = r.int('linear_value_head_dim');
  const conv = r.int('linear_conv_kernel_dim');
  if (keyHeads === undefined || valueHeads === undefined || keyDim === undefined || valueDim === undefined || conv === undefined) return null;
  const recurrent = valueHeads * keyDim * valueDim;
  const convState = (2 * keyHeads * keyDim + valueHeads * valueDim) * (conv - 1);
  r.note('linear attention state', recurrent + convState, 'linear_attention_state', { value_heads: valueHeads, key_heads: keyHeads, key_dim: keyDim, value_dim: valueDim, conv });
  return recurrent + convState;
}

/** Layers of a mixture of experts, by the config's own placement keys (else every layer). */
function moeLayerCount(r: Reader, numLayers: number): number {
  const cfg = r.cfg;
  if (Array.isArray(cfg.moe_layers)) return cfg.moe_layers.filter((i) => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < numLayers).length;
  const firstDense = r.int('first_k_dense_replace', { min: 0 });
  if (firstDense !== undefined) {
    // DeepSeek: layer i is MoE when i ≥ first_k_dense_replace and i % moe_layer_freq = 0.
    const freq = r.int('moe_layer_freq') ?? 1;
    let n = 0;
    for (let i = firstDense; i < numLayers; i++) if (i % freq === 0) n++;
    return n;
  }
  const step = r.int('decoder_sparse_step') ?? r.int('interleave_moe_layer_step');
  const dense = new Set(Array.isArray(cfg.mlp_only_layers) ? cfg.mlp_only_layers : []);
  if (step !== undefined) {
    // Qwen MoE: (i + 1) % decoder_sparse_step = 0 outside mlp_only_layers; Llama 4: every interleave_moe_layer_step-th layer.
    let n = 0;
    for (let i = 0; i < numLayers; i++) if ((i + 1) % step === 0 && !dense.has(i)) n++;
    return n;
  }
  return numLayers - [...dense].filter((i) => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < numLayers).length;
}

/**
 * The routed experts of a mixture of experts (`n_routed_experts`, `num_experts`, `num_local_experts`):
 * count, experts per token, MoE layers, one expert's intermediate size (`moe_intermediate_size`, else
 * `intermediate_size`: Mixtral, gpt-oss, Llama 4) and their parameters, 3 × hidden × intermediate each
 * (gate, up and down projections). Undefined for a dense model or when the sizes are not all given.
 */
function routedExperts(r: Reader, numLayers: number, hidden: number | undefined): Pick<ModelEntry, 'num_routed_experts' | 'num_experts_per_tok' | 'moe_layers' | 'moe_intermediate_size' | 'routed_expert_params_b'> | undefined {
  const key = ['n_routed_experts', 'num_experts', 'num_local_experts'].find((k) => r.has(k));
  const experts = key ? r.int(key) : undefined;
  if (experts === undefined || experts < 2 || r.cfg.enable_moe_block === false) return undefined;
  const intermediate = r.int('moe_intermediate_size') ?? r.int('intermediate_size');
  const perToken = r.int('num_experts_per_tok') ?? r.int('top_k_experts');
  const layers = moeLayerCount(r, numLayers);
  if (intermediate === undefined || hidden === undefined || layers < 1) return undefined;
  const paramsB = (layers * experts * 3 * hidden * intermediate) / 1e9;
  r.note('routed_expert_params_b', paramsB, 'moe_experts', { layers, experts, hidden_size: hidden, intermediate_size: intermediate });
  return {
    num_routed_experts: experts,
    ...(perToken !== undefined ? { num_experts_per_tok: perToken } : {}),
    moe_layers: layers,
    moe_intermediate_size: intermediate,
    routed_expert_params_b: paramsB,
  };
}

/**
 * MLPs that differ from the gated (gate, up, down) one by model type: two matrices (up, down) where the
 * MLP is not gated; one shared expert beside the routed ones (Llama 4: the shared expert has the routed
 * experts' size); a dense MLP beside the MoE block in every layer (Gemma 4's enable_moe_block).
 */
const MLP_VARIANTS: Readonly<Record<string, { matrices?: number; shared_expert?: boolean; dense_beside_moe?: boolean }>> = {
  starcoder2: { matrices: 2 },
  gpt_bigcode: { matrices: 2 },
  gpt2: { matrices: 2 },
  gpt_neox: { matrices: 2 },
  falcon: { matrices: 2 },
  bloom: { matrices: 2 },
  llama4: { shared_expert: true },
  llama4_text: { shared_expert: true },
  gemma4: { dense_beside_moe: true },
  gemma4_text: { dense_beside_moe: true },
};

/**
 * The parameters one token of a mixture of experts uses, billions, counted from the config (the
 * performance model's FLOPs; a dense model uses all of them, so nothing is derived for it):
 * embeddings (input and, unless tied, output), each layer's attention projections (Q and O:
 * hidden × heads × head_dim; K and V: hidden × KV heads × head_dim), the dense MLPs (3 × hidden ×
 * intermediate_size) of the layers that are not MoE, and on each MoE layer k routed experts plus the
 * shared ones (3 × hidden × expert size each). Norms and biases are left out (under 0.1 %). Only for
 * models whose every layer is softmax attention with KV heads (not MLA, linear attention or Mamba):
 * undefined otherwise, and the performance model derives it from the parameter count.
 *
 * @example Qwen3-235B-A22B: 2 × 151,936 × 4,096 + 94 × (2 × 4,096 × 8,192 + 2 × 4,096 × 512 + 8 × 3 × 4,096 × 1,536) = 22.1 B
 */
function activeParams(
  r: Reader,
  groups: readonly LayerGroupSpec[],
  numLayers: number,
  hidden: number | undefined,
  heads: number | undefined,
  moe: Pick<ModelEntry, 'num_experts_per_tok' | 'moe_layers' | 'moe_intermediate_size'> | undefined,
): number | undefined {
  // A dense model uses all its parameters: nothing to derive (the performance model takes the total).
  if (moe === undefined) return undefined;
  const vocab = r.int('vocab_size');
  if (hidden === undefined || heads === undefined || vocab === undefined) return undefined;
  let attention = 0;
  for (const g of groups) {
    if (g.kind !== 'full' && g.kind !== 'sliding' && g.kind !== 'chunked') return undefined;
    attention += g.count * (2 * hidden * heads * g.head_dim + hidden * g.kv_heads * (g.head_dim + (g.v_head_dim ?? g.head_dim)));
  }
  const modelType = typeof r.cfg.model_type === 'string' ? r.cfg.model_type : '';
  const mlp = MLP_VARIANTS[modelType] ?? {};
  const matrices = mlp.matrices ?? 3;
  const moeLayers = moe?.moe_layers ?? 0;
  const k = moe?.num_experts_per_tok ?? 0;
  if (k === 0) return undefined;
  // Layers with a dense MLP: those that are not MoE, or every layer where the MoE block sits beside it.
  const denseLayers = mlp.dense_beside_moe ? numLayers : numLayers - moeLayers;
  const intermediate = r.int('intermediate_size');
  if (denseLayers > 0 && intermediate === undefined) return undefined;
  const expert = moe?.moe_intermediate_size ?? 0;
  const sharedExperts = r.int('n_shared_experts') ?? (mlp.shared_expert ? 1 : 0);
  const shared = sharedExperts * matrices * hidden * expert + (r.int('shared_expert_intermediate_size') ?? 0) * matrices * hidden;
  const embeddings = vocab * hidden * (r.cfg.tie_word_embeddings === true ? 1 : 2);
  const total = embeddings + attention + denseLayers * matrices * hidden * (intermediate ?? 0) + moeLayers * (k * matrices * hidden * expert + shared);
  const b = total / 1e9;
  r.note('active_params_b', b, 'active_params', { layers: numLayers, moe_layers: moeLayers, experts_per_token: k, vocab_size: vocab });
  return b;
}

/**
 * Import a parsed config.json. `fallbackName` names the model when neither `name` nor the config's
 * `_name_or_path` does (callers pass the file name).
 *
 * @example importHfConfig(llama31_8b, { fallbackName: 'Meta-Llama-3.1-8B' }) // 32 full layers × 8 KV heads × 128
 */
export function importHfConfig(raw: unknown, options: { name?: string | undefined; fallbackName: string; source?: string | undefined }): Result<ImportedModel> {
  const source = options.source;
  if (!isObject(raw)) return { ok: false, problems: [{ field: '(config)', value: raw, accepted: { kind: 'object' }, source }] };
  const nested = isObject(raw.text_config);
  // text_config holds the language model; the outer config may still say the dtype.
  const cfg: Json = nested ? { ...raw, ...(raw.text_config as Json) } : raw;
  const r = new Reader(cfg, nested ? 'text_config.' : '', source);
  if (nested) r.note('text model', 'text_config', 'nested_text_config', {});
  const modelType = typeof cfg.model_type === 'string' ? cfg.model_type : '';

  for (const [key, what] of Object.entries(UNSUPPORTED_KEYS)) {
    if (r.has(key)) r.refuse(key, cfg[key], 'hf_unsupported', { what });
  }
  for (const key of CHECKED_ONLY) if (typeof cfg[key] === 'number') r.int(key, { min: 0 });

  // Layers.
  const layerKey = ['num_hidden_layers', 'n_layer', 'num_layers'].find((k) => r.has(k));
  const numLayers = layerKey ? r.int(layerKey) : undefined;
  if (!layerKey) r.problems.push({ field: `${r.prefix}num_hidden_layers`, value: undefined, accepted: { kind: 'required' }, source });

  // Heads and head dimension.
  const heads = r.int('num_attention_heads') ?? r.int('n_head');
  const hidden = r.int('hidden_size') ?? r.int('d_model') ?? r.int('n_embd');
  let headDim = r.int('head_dim') ?? r.int('attention_head_dim');
  const mlaConfig = r.has('kv_lora_rank');
  if (headDim === undefined && numLayers !== undefined && !mlaConfig) {
    if (heads === undefined || hidden === undefined) {
      r.problems.push({ field: `${r.prefix}head_dim`, value: undefined, accepted: { kind: 'rule', rule: 'hf_head_dim_underivable', detail: {} }, source });
    } else if (hidden % heads !== 0) {
      r.refuse('hidden_size', hidden, 'hf_head_dim_not_integer', { hidden_size: hidden, num_attention_heads: heads });
    } else {
      headDim = hidden / heads;
      r.note('head_dim', headDim, 'head_dim_from_hidden', { hidden_size: hidden, num_attention_heads: heads });
    }
  } else if (headDim !== undefined && !r.has('head_dim')) {
    r.note('head_dim', headDim, 'config_key', { key: 'attention_head_dim' });
  }

  // MLA.
  const kvLoraRank = r.int('kv_lora_rank');
  const qkRope = r.int('qk_rope_head_dim', { min: 0 });
  const isMla = kvLoraRank !== undefined;
  if (isMla && qkRope === undefined) r.problems.push({ field: `${r.prefix}qk_rope_head_dim`, value: undefined, accepted: { kind: 'required' }, source });
  const indexerDim = isMla ? r.int('index_head_dim') : undefined;
  if (isMla) {
    r.note('mla latent', (kvLoraRank ?? 0) + (qkRope ?? 0), 'mla_latent', { kv_lora_rank: kvLoraRank ?? 0, qk_rope_head_dim: qkRope ?? 0 });
    if (indexerDim !== undefined) r.note('indexer', indexerDim, 'mla_indexer', { index_head_dim: indexerDim });
  }

  // KV heads (not for MLA).
  let kvHeads: number | undefined;
  if (!isMla) {
    const kvKey = ['num_key_value_heads', 'n_head_kv', 'num_kv_heads', 'multi_query_group_num'].find((k) => r.has(k));
    if (kvKey) {
      kvHeads = r.int(kvKey);
      if (kvKey !== 'num_key_value_heads' && kvHeads !== undefined) r.note('num_key_value_heads', kvHeads, 'config_key', { key: kvKey });
    } else if (cfg.multi_query === true && cfg.new_decoder_architecture !== true) {
      kvHeads = 1;
      r.note('num_key_value_heads', 1, 'multi_query', {});
    } else if (heads !== undefined && !Array.isArray(cfg.block_configs)) {
      kvHeads = heads;
      r.note('num_key_value_heads', heads, 'mha_default', {});
    }
    if (kvHeads !== undefined && heads !== undefined && heads % kvHeads !== 0) {
      r.refuse(kvKey ?? 'num_key_value_heads', kvHeads, 'hf_heads_not_divisible', { num_attention_heads: heads, num_key_value_heads: kvHeads });
    }
  }

  // Maximum context.
  let maxPosition: number | undefined;
  let maxPositionAssumed = false;
  const posKey = ['max_position_embeddings', 'n_positions', 'max_sequence_length', 'seq_length'].find((k) => r.has(k));
  if (posKey) {
    maxPosition = r.int(posKey);
    if (posKey !== 'max_position_embeddings' && maxPosition !== undefined) r.note('max_position_embeddings', maxPosition, 'config_key', { key: posKey });
  } else if (MAX_POSITION_DEFAULTS[modelType] !== undefined) {
    maxPosition = MAX_POSITION_DEFAULTS[modelType];
    maxPositionAssumed = true;
    r.note('max_position_embeddings', maxPosition ?? 0, 'max_position_model_type_default', { model_type: modelType });
  } else {
    r.problems.push({
      field: `${r.prefix}max_position_embeddings`,
      value: undefined,
      accepted: { kind: 'rule', rule: 'hf_max_position_unknown', detail: { model_type: modelType || '(none)' } },
      source,
    });
  }

  // dtype: weights, states, and the default KV precision (engines cache in the model dtype).
  const dtypeKey = ['torch_dtype', 'dtype'].find((k) => typeof cfg[k] === 'string');
  const dtype = dtypeKey ? String(cfg[dtypeKey]) : 'bfloat16';
  const dtypeBytes = DTYPE_BYTES[dtype];
  if (dtypeBytes === undefined) r.refuse(dtypeKey ?? 'torch_dtype', dtype, 'hf_unknown_dtype', { known: Object.keys(DTYPE_BYTES).join(', ') });
  if (!dtypeKey) r.note('dtype', 'bfloat16', 'dtype_assumed', {});
  const stateBytes = dtypeBytes ?? 2;

  if (r.problems.length > 0 || numLayers === undefined || maxPosition === undefined) return { ok: false, problems: r.problems };

  // Per-kind geometry.
  const slidingWindow = r.int('sliding_window');
  const fullSpec = (): LayerGroupSpec => {
    if (isMla) {
      return { kind: 'mla', count: 1, kv_lora_rank: kvLoraRank ?? 0, qk_rope_head_dim: qkRope ?? 0, ...(indexerDim ? { indexer_head_dim: indexerDim } : {}) };
    }
    const kv = r.int('num_global_key_value_heads') ?? kvHeads ?? 1;
    const hd = r.int('global_head_dim') ?? headDim ?? 1;
    const v = r.int('v_head_dim');
    return { kind: 'full', count: 1, kv_heads: kv, head_dim: hd, ...(v && v !== hd ? { v_head_dim: v } : {}) };
  };
  const slidingSpec = (window: number): LayerGroupSpec => {
    const kv = r.int('swa_num_key_value_heads') ?? kvHeads ?? 1;
    const hd = r.int('swa_head_dim') ?? headDim ?? 1;
    return { kind: 'sliding', count: 1, window, kv_heads: kv, head_dim: hd };
  };
  const chunkedSpec = (chunk: number): LayerGroupSpec => ({ kind: 'chunked', count: 1, chunk, kv_heads: kvHeads ?? 1, head_dim: headDim ?? 1 });
  let linearState: number | null | undefined;
  let mambaState: number | null | undefined;
  const stateSpec = (kind: 'linear_attention' | 'mamba'): LayerGroupSpec => {
    if (kind === 'linear_attention') {
      if (linearState === undefined) linearState = linearAttentionStateElements(r);
      return { kind, count: 1, state_bytes: linearState === null ? null : linearState * stateBytes };
    }
    if (mambaState === undefined) mambaState = mambaStateElements(r);
    return { kind, count: 1, state_bytes: mambaState === null ? null : mambaState * stateBytes };
  };
  const needWindow = (key: string): number | undefined => {
    if (slidingWindow === undefined) r.problems.push({ field: `${r.prefix}sliding_window`, value: cfg.sliding_window, accepted: { kind: 'rule', rule: 'hf_window_required', detail: { by: key } }, source });
    return slidingWindow;
  };

  // Layer specs in order, each with its count: one per layer where the config lists layers one by one,
  // one per kind where a rule says which layers are which (computed, never one object per layer).
  const perLayer: LayerGroupSpec[] = [];
  /** Every `every`-th layer (1-based) is `special`, the others `other`: two counted specs, in the order they first appear. */
  const everyNth = (every: number, special: () => LayerGroupSpec, other: () => LayerGroupSpec): void => {
    const specials = Math.floor(numLayers / every);
    if (numLayers - specials > 0) perLayer.push({ ...other(), count: numLayers - specials });
    if (specials > 0) perLayer.push({ ...special(), count: specials });
  };
  if (Array.isArray(cfg.block_configs)) {
    const blocks = cfg.block_configs as unknown[];
    if (blocks.length !== numLayers) r.refuse('block_configs', blocks.length, 'hf_per_layer_length', { key: 'block_configs', length: blocks.length, num_layers: numLayers });
    // One entry per layer at most (a longer list is refused above, not walked).
    for (const [i, b] of blocks.slice(0, numLayers).entries()) {
      const att = isObject(b) && isObject(b.attention) ? b.attention : undefined;
      if (!att) {
        r.refuse(`block_configs[${i}].attention`, b, 'hf_block_attention', {});
        break;
      }
      if (att.no_op === true || att.replace_with_linear === true) {
        perLayer.push({ kind: 'none', count: 1 });
        continue;
      }
      const group = att.n_heads_in_group;
      if (typeof group !== 'number' || !Number.isInteger(group) || group < 1 || heads === undefined || heads % group !== 0) {
        r.refuse(`block_configs[${i}].attention.n_heads_in_group`, group, 'hf_heads_not_divisible', { num_attention_heads: heads ?? 0, num_key_value_heads: String(group) });
        break;
      }
      const kv = heads / group;
      const window = att.window_length;
      perLayer.push(
        typeof window === 'number' && window > 0
          ? { kind: 'sliding', count: 1, window, kv_heads: kv, head_dim: headDim ?? 1 }
          : { kind: 'full', count: 1, kv_heads: kv, head_dim: headDim ?? 1 },
      );
    }
    r.note('layer kinds', 'block_configs', 'block_configs', {});
  } else if (typeof cfg.hybrid_override_pattern === 'string') {
    const pattern = cfg.hybrid_override_pattern;
    if (pattern.length !== numLayers) r.refuse('hybrid_override_pattern', pattern.length, 'hf_per_layer_length', { key: 'hybrid_override_pattern', length: pattern.length, num_layers: numLayers });
    for (const [i, ch] of [...pattern.slice(0, numLayers)].entries()) {
      if (ch === '*') perLayer.push(fullSpec());
      else if (ch === 'M') perLayer.push(stateSpec('mamba'));
      else if (ch === '-' || ch === 'E') perLayer.push({ kind: 'none', count: 1 });
      else {
        r.problems.push({ field: `${r.prefix}hybrid_override_pattern[${i}]`, value: ch, accepted: { kind: 'one_of', values: ['* (attention)', 'M (Mamba2)', '- (MLP)', 'E (MoE)'] }, source });
        break;
      }
    }
    r.note('layer kinds', 'hybrid_override_pattern', 'hybrid_override_pattern', {});
  } else if (Array.isArray(cfg.layer_types)) {
    const types = cfg.layer_types as unknown[];
    if (types.length !== numLayers) r.refuse('layer_types', types.length, 'hf_per_layer_length', { key: 'layer_types', length: types.length, num_layers: numLayers });
    for (const [i, t] of types.slice(0, numLayers).entries()) {
      const kind = typeof t === 'string' ? LAYER_TYPE_NAMES[t] : undefined;
      if (kind === undefined) {
        r.problems.push({ field: `${r.prefix}layer_types[${i}]`, value: t, accepted: { kind: 'one_of', values: Object.keys(LAYER_TYPE_NAMES) }, source });
        break;
      }
      if (kind === 'full') perLayer.push(fullSpec());
      else if (kind === 'sliding') {
        const w = needWindow('layer_types');
        if (w === undefined) break;
        perLayer.push(slidingSpec(w));
      } else if (kind === 'chunked') {
        const c = r.int('attention_chunk_size');
        if (c === undefined) {
          r.problems.push({ field: `${r.prefix}attention_chunk_size`, value: undefined, accepted: { kind: 'required' }, source });
          break;
        }
        perLayer.push(chunkedSpec(c));
      } else perLayer.push(stateSpec(kind as 'linear_attention' | 'mamba'));
    }
    r.note('layer kinds', 'layer_types', 'layer_types', {});
  } else if (r.has('full_attention_interval')) {
    const interval = r.int('full_attention_interval');
    if (interval !== undefined) {
      everyNth(interval, fullSpec, () => stateSpec('linear_attention'));
      r.note('layer kinds', `1 full every ${interval}`, 'full_attention_interval', { every: interval });
    }
  } else if (r.has('attention_chunk_size')) {
    const chunk = r.int('attention_chunk_size');
    const noRope = Array.isArray(cfg.no_rope_layers) ? (cfg.no_rope_layers as unknown[]) : undefined;
    if (noRope && noRope.length !== numLayers) r.refuse('no_rope_layers', noRope.length, 'hf_per_layer_length', { key: 'no_rope_layers', length: noRope.length, num_layers: numLayers });
    if (chunk !== undefined) {
      if (noRope) for (let i = 0; i < numLayers; i++) perLayer.push(noRope[i] === 0 ? fullSpec() : chunkedSpec(chunk));
      else everyNth(4, fullSpec, () => chunkedSpec(chunk));
      if (noRope) r.note('layer kinds', `chunk ${chunk}`, 'chunked_no_rope', { chunk });
      else r.note('layer kinds', `chunk ${chunk}`, 'chunked_every_4th', { chunk });
    }
  } else if ((PATTERN_DEFAULTS[modelType] !== undefined || r.has('sliding_window_pattern')) && cfg.use_sliding_window !== false) {
    const every = r.int('sliding_window_pattern') ?? PATTERN_DEFAULTS[modelType] ?? 1;
    const w = needWindow('sliding_window_pattern');
    if (w !== undefined) {
      // Gemma 2: even layers slide; Gemma 3 / Cohere 2: every `every`-th layer is full.
      everyNth(every, fullSpec, () => slidingSpec(w));
      if (r.has('sliding_window_pattern')) r.note('layer kinds', `1 full every ${every}`, 'sliding_window_pattern', { every });
      else r.note('layer kinds', `1 full every ${every}`, 'model_type_pattern', { every, model_type: modelType });
    }
  } else if (slidingWindow !== undefined && cfg.use_sliding_window !== false) {
    const maxWindowLayers = cfg.use_sliding_window === true ? r.int('max_window_layers', { min: 0 }) : undefined;
    // The first max_window_layers layers are full, the others slide.
    const full = Math.min(maxWindowLayers ?? 0, numLayers);
    if (full > 0) perLayer.push({ ...fullSpec(), count: full });
    if (numLayers - full > 0) perLayer.push({ ...slidingSpec(slidingWindow), count: numLayers - full });
    if (maxWindowLayers !== undefined) r.note('layer kinds', `sliding ${slidingWindow}`, 'max_window_layers', { window: slidingWindow, max_window_layers: maxWindowLayers });
    else r.note('layer kinds', `sliding ${slidingWindow}`, 'sliding_every_layer', { window: slidingWindow });
  } else {
    perLayer.push({ ...fullSpec(), count: numLayers });
    if (isMla) r.note('layer kinds', 'mla', 'mla_every_layer', {});
    else if (cfg.use_sliding_window === false && r.has('sliding_window')) r.note('layer kinds', 'full', 'sliding_disabled', {});
    else r.note('layer kinds', 'full', 'full_every_layer', {});
  }
  if (r.problems.length > 0) return { ok: false, problems: r.problems };

  const groups = groupLayers(perLayer);
  const name = options.name ?? (typeof cfg._name_or_path === 'string' && cfg._name_or_path ? String(cfg._name_or_path).split('/').pop()! : options.fallbackName);

  // Weights: dtype, or the quantization's bits.
  let weightBytes = dtypeBytes ?? 2;
  let weightsDtype = dtype;
  const q = isObject(cfg.quantization_config) ? cfg.quantization_config : isObject(cfg.quantization) ? cfg.quantization : undefined;
  if (q) {
    const method = typeof q.quant_method === 'string' ? q.quant_method : '';
    const bits = typeof q.bits === 'number' ? q.bits : undefined;
    const qKey = q === cfg.quantization_config ? 'quantization_config' : 'quantization';
    if (bits !== undefined && (!Number.isInteger(bits) || bits < 1 || bits > GEOMETRY_LIMITS.quantization_bits)) {
      const at = nested && isObject((raw.text_config as Json)[qKey]) ? 'text_config.' : '';
      return { ok: false, problems: [{ field: `${at}${qKey}.bits`, value: bits, accepted: { kind: 'integer', min: 1, max: GEOMETRY_LIMITS.quantization_bits }, source }] };
    }
    if (method === 'fp8') [weightBytes, weightsDtype] = [1, 'fp8'];
    else if (method === 'mxfp4') [weightBytes, weightsDtype] = [4.25 / 8, 'mxfp4 (4-bit + one 8-bit scale per 32)'];
    else if (q.load_in_4bit === true) [weightBytes, weightsDtype] = [0.5, '4-bit (bitsandbytes)'];
    else if (q.load_in_8bit === true) [weightBytes, weightsDtype] = [1, '8-bit (bitsandbytes)'];
    else if (bits !== undefined) [weightBytes, weightsDtype] = [bits / 8, `${bits}-bit${method ? ` (${method})` : ''}`];
    r.note('weights', weightsDtype, 'quantization', { key: qKey, bytes_per_param: weightBytes });
  }

  // Mixture of experts: the routed experts' parameters (what expert parallelism splits).
  const moe = routedExperts(r, numLayers, hidden);
  const active = activeParams(r, groups, numLayers, hidden, heads, moe);

  // The original fields, as a summary of the geometry.
  const firstAttention = groups.find((g) => g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' || g.kind === 'mla');
  const hasKind = (k: LayerGroupSpec['kind']) => groups.some((g) => g.kind === k);
  const onlySliding = groups.every((g) => g.kind === 'sliding');
  const attentionPattern = onlySliding ? 'sliding' : groups.every((g) => g.kind === 'full' || g.kind === 'mla') ? 'full' : 'hybrid';
  const fullLayers = groups.filter((g) => g.kind === 'full' || g.kind === 'mla').reduce((s, g) => s + g.count, 0);
  const slidingGroup = groups.find((g) => g.kind === 'sliding');
  const summaryHeads = firstAttention?.kind === 'mla' ? 1 : firstAttention && 'kv_heads' in firstAttention ? firstAttention.kv_heads : (kvHeads ?? 1);
  const summaryDim =
    firstAttention?.kind === 'mla' ? firstAttention.kv_lora_rank + firstAttention.qk_rope_head_dim : firstAttention && 'head_dim' in firstAttention ? firstAttention.head_dim : (headDim ?? 1);
  const defaultPrecision: KvPrecision = dtype === 'float16' || dtype === 'fp16' || dtype === 'half' ? 'fp16' : 'bf16';

  // SGLang's server_args set disable_hybrid_swa_memory for the GptOssForCausalLM architecture: its
  // sliding layers are pooled as full attention (the model type stands in when architectures is absent).
  const architectures = Array.isArray(cfg.architectures) ? cfg.architectures.filter((a): a is string => typeof a === 'string') : [];
  const sglangSlidingAsFull = architectures.length > 0 ? architectures.includes('GptOssForCausalLM') : modelType === 'gpt_oss';

  const model: ModelEntry = {
    name,
    num_layers: numLayers,
    num_key_value_heads: summaryHeads,
    head_dim: summaryDim,
    max_position_embeddings: maxPosition,
    attention_pattern: attentionPattern,
    ...(attentionPattern === 'hybrid' ? { hybrid_full_layers: fullLayers, hybrid_sliding_layers: numLayers - fullLayers } : {}),
    ...(slidingGroup && slidingGroup.kind === 'sliding' ? { sliding_window: slidingGroup.window } : {}),
    default_kv_precision: defaultPrecision,
    notes: `Imported from a Hugging Face config.json (model_type ${modelType || 'unknown'}).`,
    kv_layers: groups,
    ...(heads !== undefined ? { num_attention_heads: heads } : {}),
    ...(hidden !== undefined ? { hidden_size: hidden } : {}),
    weights_bytes_per_param: weightBytes,
    weights_dtype: weightsDtype,
    ...(modelType ? { hf_model_type: modelType } : {}),
    ...(maxPositionAssumed ? { max_position_embeddings_assumed: true } : {}),
    ...(sglangSlidingAsFull ? { sglang_sliding_as_full: true } : {}),
    ...(moe ?? {}),
    ...(active !== undefined ? { active_params_b: active } : {}),
  };
  const withProvenance = (derivations: readonly TypedDerivation[]): ModelEntry => ({ ...model, derivations: [...derivations] });
  if (hasKind('mla') && kvHeads === undefined && r.has('num_key_value_heads')) r.note('num_key_value_heads', String(cfg.num_key_value_heads), 'mla_ignores_kv_heads', {});
  // The entry must pass the catalog's consistency rules like any other (one source of those rules).
  const ruleProblems = MODEL_RULES.flatMap((rule) => rule(model, name) ?? []).map((p) => ({ ...p, source }));
  if (ruleProblems.length > 0) return { ok: false, problems: ruleProblems };
  return { ok: true, value: { model: withProvenance(r.derivations), derivations: r.derivations } };
}
