/**
 * The engine settings, once: for each setting its request field, its CLI flag, the memory models it
 * applies to, its default (a value, or a rule with the figures the rule uses), its limits, and the key
 * of its description in the locale files (`Messages.settings`). Everything else derives from this
 * table: the request schema and its JSON Schema (src/schema/request.ts), the OpenAPI document (through
 * that schema), the CLI flags and `--help` (src/cli/flags.ts), the web form's engine fields
 * (web/src/main.ts), the limits, and the refusal of a setting the chosen memory model would ignore
 * (src/engines/layout.ts). Pure data: no I/O.
 *
 * Without any of these settings (or with only `memory_model: seed`) none of the engine room applies
 * and the original single pool stands.
 */
import { anyGiven } from '../core/requested.ts';

export const MEMORY_MODELS = ['seed', 'vllm', 'sglang', 'trtllm'] as const;
export type MemoryModel = (typeof MEMORY_MODELS)[number];

const ALL = MEMORY_MODELS;
const ENGINES = ['vllm', 'sglang', 'trtllm'] as const;

/** What a setting accepts. `minExclusive`: the minimum itself is refused. */
export interface SettingLimits {
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  readonly integer: boolean;
}

/** How a setting is filled in when left out: a value, or a named rule (the figures it uses beside it). */
export type SettingDefault = { readonly value: number | string } | { readonly rule: string; readonly [figure: string]: number | string };

export interface SettingRow {
  /** The CLI flag, without its dashes. */
  readonly flag: string;
  readonly placeholder: string;
  readonly type: 'enum' | 'integer' | 'number';
  readonly values?: readonly string[];
  /** Limits of a number (none for an enum). */
  readonly limits?: SettingLimits;
  /** The memory models that use it: given to another, it would be ignored, so it is refused. */
  readonly appliesTo: readonly MemoryModel[];
  /** One default for every memory model it applies to, or one per memory model. */
  readonly default: SettingDefault | { readonly [M in MemoryModel]?: SettingDefault };
  /** Where the web form shows it: beside the memory model, or folded under "engine settings". */
  readonly web: 'shown' | 'folded';
  /** A token count: also given as text such as "32k" (× 1,024). */
  readonly tokens?: true;
}

const limits = (min: number, max: number, kind: 'integer' | 'number', minExclusive = false): SettingLimits => ({ min, max, minExclusive, integer: kind === 'integer' });

/**
 * The table. Its keys are the request fields (batch lines, API bodies, `--flag-name` in snake_case)
 * and the keys of their descriptions in the locale files; its order is the order of the flags in
 * `--help` and of the fields in the JSON Schema.
 */
export const ENGINE_SETTINGS = {
  memory_model: { flag: 'memory-model', placeholder: 'M', type: 'enum', values: MEMORY_MODELS, appliesTo: ALL, default: { value: 'seed' }, web: 'shown' },
  tensor_parallel: { flag: 'tensor-parallel', placeholder: 'N', type: 'integer', limits: limits(1, 512, 'integer'), appliesTo: ALL, default: { value: 1 }, web: 'shown' },
  pipeline_parallel: { flag: 'pipeline-parallel', placeholder: 'N', type: 'integer', limits: limits(1, 128, 'integer'), appliesTo: ALL, default: { value: 1 }, web: 'folded' },
  replicas_per_node: { flag: 'replicas-per-node', placeholder: 'N', type: 'integer', limits: limits(1, 512, 'integer'), appliesTo: ALL, default: { rule: 'replicas_that_fit' }, web: 'shown' },
  data_parallel_attention: {
    flag: 'data-parallel-attention', placeholder: 'N', type: 'integer', limits: limits(1, 512, 'integer'), appliesTo: ['vllm', 'sglang'],
    // SGLang --enable-dp-attention with --dp-size N; vLLM --data-parallel-size N. 1: attention is
    // tensor parallel over the whole TP group (every rank copies an MLA latent).
    default: { value: 1 }, web: 'folded',
  },
  expert_parallel: {
    flag: 'expert-parallel', placeholder: 'N', type: 'integer', limits: limits(1, 512, 'integer'), appliesTo: ['vllm', 'sglang', 'trtllm'],
    // SGLang --ep-size N; vLLM --enable-expert-parallel (EP = TP × DP); TensorRT-LLM moe_expert_parallel_size.
    // 1: the routed experts are sliced over the TP ranks (tensor-parallel MoE).
    default: { value: 1 }, web: 'folded',
  },
  weights_gib: {
    flag: 'weights-gib', placeholder: 'GIB', type: 'number', limits: limits(0, 1_000_000, 'number', true), appliesTo: ALL, default: { rule: 'weights_from_parameters' }, web: 'folded',
  },
  kv_cache_memory_gib: {
    flag: 'kv-cache-memory-gib', placeholder: 'GIB', type: 'number', limits: limits(0, 100_000, 'number', true), appliesTo: ALL, default: { rule: 'memory_model_accounting' }, web: 'folded',
  },
  gpu_memory_gib: {
    flag: 'gpu-memory-gib', placeholder: 'GIB', type: 'number', limits: limits(0, 100_000, 'number', true), appliesTo: ENGINES,
    // Driver and ECC keep ~1 % of the data sheet's figure, which engines then report as GiB.
    default: { rule: 'visible_memory', fraction: 0.99 }, web: 'folded',
  },
  gpu_memory_utilization: {
    flag: 'gpu-memory-utilization', placeholder: 'U', type: 'number', limits: limits(0, 1, 'number', true), appliesTo: ['vllm'],
    // vLLM CacheConfig.gpu_memory_utilization (0.9 for most versions).
    default: { value: 0.9 }, web: 'folded',
  },
  max_num_batched_tokens: {
    flag: 'max-num-batched-tokens', placeholder: 'N', type: 'integer', limits: limits(1, 10_000_000, 'integer'), appliesTo: ['vllm', 'trtllm'], tokens: true,
    default: {
      // vllm/engine/arg_utils.py, `vllm serve`: 8192 on GPUs of ≥ 70 GiB except A100s (PR #17885: Ampere
      // lost throughput), else 2048. Read from the server's gpu_architecture.
      vllm: { rule: 'vllm_batched_tokens', large: 8192, small: 2048, large_from_gib: 70, small_on: 'ampere' },
      // TensorRT-LLM's max_num_tokens default.
      trtllm: { value: 8192 },
    },
    web: 'folded',
  },
  block_size: {
    flag: 'block-size', placeholder: 'N', type: 'integer', limits: limits(1, 65_536, 'integer'), appliesTo: ['vllm'],
    // vLLM CacheConfig.DEFAULT_BLOCK_SIZE.
    default: { value: 16 }, web: 'folded',
  },
  mem_fraction_static: {
    flag: 'mem-fraction-static', placeholder: 'F', type: 'number', limits: limits(0, 1, 'number', true), appliesTo: ['sglang'],
    // server_args._handle_gpu_memory_settings: src/engines/sglang.ts (sglangMemFractionStatic).
    default: { rule: 'sglang_mem_fraction' }, web: 'folded',
  },
  free_gpu_memory_fraction: {
    flag: 'free-gpu-memory-fraction', placeholder: 'F', type: 'number', limits: limits(0, 1, 'number', true), appliesTo: ['trtllm'],
    // TensorRT-LLM KvCacheConfig.free_gpu_memory_fraction.
    default: { value: 0.9 }, web: 'folded',
  },
  tokens_per_block: {
    flag: 'tokens-per-block', placeholder: 'N', type: 'integer', limits: limits(1, 65_536, 'integer'), appliesTo: ['trtllm'],
    // TensorRT-LLM KvCacheConfig tokens_per_block.
    default: { value: 32 }, web: 'folded',
  },
  activation_gib: {
    flag: 'activation-gib', placeholder: 'GIB', type: 'number', limits: limits(0, 100_000, 'number'), appliesTo: ['vllm', 'trtllm'],
    // Activation peak of the profiling run, bytes per batched token and unit of hidden size, fitted on
    // engine-logs.md #1 (Llama-3.1-8B, 20,000 tokens: 2.07 GiB); 1 GiB when the hidden size is unknown.
    default: { rule: 'activation_estimate', bytes_per_token_per_hidden: 27, unknown_hidden_gib: 1 }, web: 'folded',
  },
  non_torch_gib: {
    flag: 'non-torch-gib', placeholder: 'GIB', type: 'number', limits: limits(0, 100_000, 'number'), appliesTo: ['vllm', 'trtllm'],
    // CUDA context and NCCL: 0.35 GiB on one GPU (engine-logs.md #1), more with tensor parallelism.
    default: { rule: 'non_torch_estimate', single_gpu: 0.35, tensor_parallel: 1 }, web: 'folded',
  },
} as const satisfies Record<string, SettingRow>;

export type SettingField = keyof typeof ENGINE_SETTINGS;
export const SETTING_FIELDS = Object.keys(ENGINE_SETTINGS) as SettingField[];

/** The numeric settings (all but memory_model). */
export type NumericSettingField = Exclude<SettingField, 'memory_model'>;

/** The engine part of a request: any setting may be left out. */
export type DeploymentRequest = { readonly memory_model?: MemoryModel | undefined } & { readonly [K in NumericSettingField]?: number | undefined };

const NUMERIC_SETTING_FIELDS = SETTING_FIELDS.filter((f): f is NumericSettingField => f !== 'memory_model');

/** True when the request asks for anything beyond the original single pool. */
export function deploymentRequested(request: DeploymentRequest): boolean {
  return (request.memory_model !== undefined && request.memory_model !== 'seed') || anyGiven(request, NUMERIC_SETTING_FIELDS);
}

/** By memory model, the settings it does not use, in the table's order. */
export const SETTINGS_OUTSIDE: { readonly [M in MemoryModel]: readonly SettingField[] } = Object.fromEntries(
  MEMORY_MODELS.map((m) => [m, SETTING_FIELDS.filter((f) => !(ENGINE_SETTINGS[f] as SettingRow).appliesTo.includes(m))]),
) as unknown as { readonly [M in MemoryModel]: readonly SettingField[] };

/** The default a setting takes under one memory model (undefined when it does not apply to it). */
export function settingDefault(field: SettingField, memoryModel: MemoryModel): SettingDefault | undefined {
  const row: SettingRow = ENGINE_SETTINGS[field];
  if (!row.appliesTo.includes(memoryModel)) return undefined;
  const d = row.default;
  return 'value' in d || 'rule' in d ? (d as SettingDefault) : (d as { readonly [M in MemoryModel]?: SettingDefault })[memoryModel];
}

/** Every default of a setting, once each, in the order of its memory models (for help texts). */
export function settingDefaults(field: SettingField): readonly { readonly models: readonly MemoryModel[]; readonly default: SettingDefault }[] {
  const row: SettingRow = ENGINE_SETTINGS[field];
  const d = row.default;
  if ('value' in d || 'rule' in d) return [{ models: row.appliesTo, default: d as SettingDefault }];
  return row.appliesTo.flatMap((m) => {
    const one = (d as { readonly [M in MemoryModel]?: SettingDefault })[m];
    return one ? [{ models: [m], default: one }] : [];
  });
}

type RuleDefaults<D> = D extends { readonly rule: string } ? D : D extends { readonly value: unknown } ? never : Extract<D[keyof D], { readonly rule: string }>;
/** Every default given by a rule, with the figures it uses. */
export type RuleDefault = { [K in SettingField]: RuleDefaults<(typeof ENGINE_SETTINGS)[K]['default']> }[SettingField];
/** The names of the default rules (each has its phrase in every locale: `Messages.settingRule`). */
export type SettingRule = RuleDefault['rule'];
/** The figures of one rule. */
export type RuleFigures<R extends SettingRule> = Extract<RuleDefault, { readonly rule: R }>;

/** The phrases of the default rules, one locale's (`Messages.settingRule`). */
export type RulePhrases = { readonly [R in SettingRule]: (figures: RuleFigures<R>) => string };

/** A setting's default in words: its value, or its rule's phrase; per memory model when they differ. */
export function settingDefaultText(field: SettingField, phrases: RulePhrases): string {
  const text = (d: SettingDefault): string => ('value' in d ? String(d.value) : (phrases as unknown as Record<string, (f: SettingDefault) => string>)[d.rule]!(d));
  const all = settingDefaults(field);
  if (all.length === 1) return text(all[0]!.default);
  return all.map((d) => `${d.models.join(', ')}: ${text(d.default)}`).join('; ');
}

/**
 * Request fields outside the table that only the seed accounting reads: its KV budget is
 * (HBM − runtime_overhead_gib) × kv_budget_ratio. An engine memory model sizes its pool by its own
 * rules and ignores them (the web form disables them under one).
 */
export const SEED_ACCOUNTING_FIELDS = { kv_budget_ratio: ['seed'], runtime_overhead_gib: ['seed'] } as const satisfies Record<string, readonly MemoryModel[]>;

/**
 * The memory models that read a request field: the settings table's `appliesTo`, the seed accounting's
 * fields, and every memory model for the others (concurrency, context, …).
 *
 * @example fieldAppliesTo('gpu_memory_utilization') //=> ['vllm']
 * @example fieldAppliesTo('runtime_overhead_gib') //=> ['seed']
 * @example fieldAppliesTo('concurrency') //=> MEMORY_MODELS
 */
export function fieldAppliesTo(field: string): readonly MemoryModel[] {
  if (Object.hasOwn(ENGINE_SETTINGS, field)) return (ENGINE_SETTINGS[field as SettingField] as SettingRow).appliesTo;
  if (Object.hasOwn(SEED_ACCOUNTING_FIELDS, field)) return SEED_ACCOUNTING_FIELDS[field as keyof typeof SEED_ACCOUNTING_FIELDS];
  return MEMORY_MODELS;
}
