/**
 * Start-up logs of inference engines (vLLM, SGLang, TensorRT-LLM) → the facts they state about KV-cache
 * memory, one result per engine run, and the llm-sizing flags that reproduce each run. Pure: text in,
 * data out. The formats read, with the versions that print them, are listed in docs/engines.md
 * ("Calibrating from an engine's log"); the test logs are in test/fixtures/calibrate/.
 *
 * Units: every `*_gib` fact is GiB (2^30 bytes). vLLM's "Loading model weights took X GB" and SGLang's
 * "K size: X GB" are GiB despite the label (both divide by 2^30).
 *
 * @example
 * // vLLM V1, Qwen3-14B on one GPU (engine-logs.md #4): one run, two flags beyond --memory-model.
 * parseEngineLog('… [gpu_worker.py:298] Available KV cache memory: 6.51 GiB\n… GPU KV cache size: 42,656 tokens').runs[0].flags
 * //=> ['--memory-model vllm', '--kv-cache-memory-gib 6.51']
 */
import type { ModelEntry } from '../schema/catalog.ts';
import type { Problem } from '../schema/problems.ts';
import { fieldProblem, type RequestField } from '../schema/request.ts';
import type { KvPrecision } from '../core/units.ts';
import { rankGeometry } from './geometry.ts';
import { ENGINE_SETTINGS, type SettingField, type SettingRow } from './settings.ts';

export type Engine = 'vllm' | 'sglang' | 'trtllm';
export const ENGINES: readonly Engine[] = ['vllm', 'sglang', 'trtllm'];

/** What a log states. Numbers in GiB unless the name says otherwise; all per GPU (per rank). */
export interface EngineLogFacts {
  /** The model as the log names it (vLLM `model=`, `vllm serve M`, SGLang `--model-path`, `trtllm-serve M`). */
  readonly model?: string;
  /** Weights per GPU as the engine reports them (vLLM "Loading model weights took" / "Model loading took", TensorRT-LLM "Loaded engine size"). */
  readonly weights_gib?: number;
  /** The engine's KV cache memory per GPU (SGLang: K + V). Negative when the engine had none left. */
  readonly kv_cache_memory_gib?: number;
  /** vLLM V1's fail-fast error: the KV memory one request of max_model_len tokens needs. */
  readonly kv_needed_gib?: number;
  /** Total GPU memory as the engine sees it (vLLM V0 profiling line, TRT-LLM "device total memory"). */
  readonly total_gpu_memory_gib?: number;
  /** TRT-LLM: peak memory (torch + non-torch) during the memory-usage profiling. */
  readonly peak_memory_gib?: number;
  /** vLLM: the fraction of total GPU memory the engine may use. */
  readonly gpu_memory_utilization?: number;
  /** SGLang: the fraction of GPU memory for weights + KV pool. */
  readonly mem_fraction_static?: number;
  /** TRT-LLM: the fraction of the free memory (after weights and profiled peak) given to the KV cache. */
  readonly free_gpu_memory_fraction?: number;
  /** KV cache capacity in tokens, as logged (vLLM per KV-cache group for hybrid models). */
  readonly kv_tokens?: number;
  /** KV cache blocks on the GPU (vLLM "# GPU blocks", TRT-LLM "primary pool"). */
  readonly gpu_blocks?: number;
  /** vLLM: tokens per KV block (`--block-size`). */
  readonly block_size?: number;
  /** TRT-LLM: tokens per KV block. */
  readonly tokens_per_block?: number;
  /** TRT-LLM: KV bytes per token per GPU, all layers. */
  readonly kv_size_per_token_bytes?: number;
  /** vLLM: how many requests of max_model_len tokens fit in the KV cache. */
  readonly max_concurrency?: number;
  /** The maximum model length (tokens per request). */
  readonly max_model_len?: number;
  /** vLLM V1's fail-fast error: the longest request the available KV memory would hold. */
  readonly estimated_max_model_len?: number;
  /** vLLM: tokens per scheduler step (`--max-num-batched-tokens`). */
  readonly max_num_batched_tokens?: number;
  readonly tensor_parallel?: number;
  readonly pipeline_parallel?: number;
  /** SGLang with `--enable-dp-attention`: the attention data-parallel groups (`--dp N`). */
  readonly data_parallel_attention?: number;
  /** KV cache dtype: 'fp8' for every fp8 variant (fp8_e4m3, fp8_e5m2, fp8_ds_mla…), else as given. */
  readonly kv_cache_dtype?: string;
}

export type FactKey = keyof EngineLogFacts;

/** Where the implied KV bytes per token come from. */
export type BytesPerTokenSource = 'stated' | 'tokens' | 'blocks' | 'needed' | 'estimate';

/** The KV bytes one token takes on one GPU, as the log implies them, and the model's figure. */
export interface KvBytesPerToken {
  /** KV memory / tokens (or as stated), bytes, rounded to a whole byte. */
  readonly implied: number;
  readonly source: BytesPerTokenSource;
  /** The tokens divided by (blocks × block size for `blocks`). */
  readonly tokens?: number;
  /** The GiB divided (KV memory, or what one request needs for `needed`). */
  readonly gib?: number;
  /** The model's bytes per token at the log's layout and precision; null when the model is unknown or not comparable. */
  readonly model: ModelBytesPerToken | null;
}

export interface ModelBytesPerToken {
  readonly name: string;
  readonly tensor_parallel: number;
  readonly pipeline_parallel: number;
  readonly kv_precision: KvPrecision;
  readonly bytes: number;
  /** (implied − model) / model, percent, 2 decimals. */
  readonly difference_pct: number;
}

/** A layout and precision whose bytes per token match the log when the logged ones do not. */
export interface BytesPerTokenFit {
  readonly kv_precision: KvPrecision;
  readonly tensor_parallel: number;
  readonly bytes: number;
}

/** Differences beyond this fraction between implied and model bytes per token get a note. */
export const BYTES_PER_TOKEN_TOLERANCE = 0.03;

/**
 * What the parser noticed beyond the facts, as data: a code and the numbers behind it (the locales
 * say it in words, `report/i18n`). Values are as the log shows them (`shown`), not reformatted.
 */
export interface CalibrationNoteDetails {
  several_engines: { engines: readonly { engine: Engine; lines: number }[]; assumed: Engine };
  several_values: { facts: readonly { key: FactKey; shown: readonly string[] }[] };
  repeated_values: { facts: readonly { key: FactKey; shown: string; times: number }[] };
  float32: { key: FactKey; shown: string; value: number };
  no_kv_memory: { gib: string };
  hybrid_token_count: { tokens: number; concurrency: number; max_model_len: number; product: number };
  dp_attention: Record<never, never>;
  failure: { line: string };
  more_failures: { count: number };
  weights_per_replica: { weights: string; tp: number; pp: number; total: string };
  kv_too_small: { max_model_len: number; needed: string; available: string; estimated: number | null };
  model_from_log: { shown: string; name: string };
  model_not_in_catalog: { shown: string };
  model_differs: { shown: string; name: string };
  bytes_per_token_mismatch: {
    implied: number;
    model: string;
    bytes: number;
    tp: number;
    pp: number;
    precision: KvPrecision;
    difference_pct: number;
    fit: BytesPerTokenFit | null;
  };
  hybrid_not_compared: { model: string };
  dtype_not_read: { dtype: string };
  flag_left_out: { problem: Problem };
}
export type CalibrationNoteCode = keyof CalibrationNoteDetails;
export type CalibrationNote = { [C in CalibrationNoteCode]: { readonly code: C; readonly params: Readonly<CalibrationNoteDetails[C]> } }[CalibrationNoteCode];

function note<C extends CalibrationNoteCode>(code: C, params: CalibrationNoteDetails[C]): CalibrationNote {
  return { code, params } as CalibrationNote;
}

/** One engine run of a log file (a file may hold several: restarts, before/after, two engines). */
export interface CalibrationRun {
  readonly engine: Engine;
  /** 1-based numbers of the first and last line the run's facts or failures were read from. */
  readonly lines: { readonly first: number; readonly last: number };
  readonly facts: EngineLogFacts;
  /** The catalog model the run is compared with: given (`--model`) or matched from the log's model name. */
  readonly model: { readonly name: string; readonly from: 'option' | 'log' } | null;
  readonly kv_bytes_per_token: KvBytesPerToken | null;
  /** llm-sizing flags that reproduce the run, one `--name value` per element; each passes the request validator. */
  readonly flags: string[];
  readonly notes: CalibrationNote[];
}

export interface CalibrationResult {
  /** Empty when the text has no line only an engine prints: it is not an engine log. */
  readonly runs: CalibrationRun[];
}

export interface CalibrationOptions {
  /** Catalog models to match the log's model name against (without them the name is not looked up). */
  readonly models?: readonly ModelEntry[];
  /** The model to compare with (`--model`), over the log's own. */
  readonly model?: ModelEntry;
}

/** Fact order: of descriptions, notes and nothing else. */
export const FACT_KEYS: readonly FactKey[] = [
  'model',
  'weights_gib',
  'kv_cache_memory_gib',
  'kv_needed_gib',
  'total_gpu_memory_gib',
  'peak_memory_gib',
  'gpu_memory_utilization',
  'mem_fraction_static',
  'free_gpu_memory_fraction',
  'kv_tokens',
  'gpu_blocks',
  'block_size',
  'tokens_per_block',
  'kv_size_per_token_bytes',
  'max_concurrency',
  'max_model_len',
  'estimated_max_model_len',
  'max_num_batched_tokens',
  'tensor_parallel',
  'pipeline_parallel',
  'data_parallel_attention',
  'kv_cache_dtype',
];

/** How each fact is shown (`report/i18n` formats it in the locale's way). */
export type FactUnit = 'gib' | 'tokens' | 'bytes' | 'count' | 'fraction' | 'times' | 'text';
export const FACT_UNITS: Readonly<Record<FactKey, FactUnit>> = {
  model: 'text',
  weights_gib: 'gib',
  kv_cache_memory_gib: 'gib',
  kv_needed_gib: 'gib',
  total_gpu_memory_gib: 'gib',
  peak_memory_gib: 'gib',
  gpu_memory_utilization: 'fraction',
  mem_fraction_static: 'fraction',
  free_gpu_memory_fraction: 'fraction',
  kv_tokens: 'tokens',
  gpu_blocks: 'count',
  block_size: 'tokens',
  tokens_per_block: 'count',
  kv_size_per_token_bytes: 'bytes',
  max_concurrency: 'times',
  max_model_len: 'tokens',
  estimated_max_model_len: 'tokens',
  max_num_batched_tokens: 'tokens',
  tensor_parallel: 'count',
  pipeline_parallel: 'count',
  data_parallel_attention: 'count',
  kv_cache_dtype: 'text',
};

const FRACTIONS: ReadonlySet<FactKey> = new Set(['gpu_memory_utilization', 'mem_fraction_static', 'free_gpu_memory_fraction']);
const GIB = 2 ** 30;

/** One statement of a fact: its value, its decimals in the log, and the log's text without separators. */
interface Occurrence {
  readonly value: number | string;
  readonly decimals: number;
  readonly shown: string;
  /** From a configuration dump (or the model a command names): its repeats of other lines are expected, not noted. */
  readonly dump?: boolean;
}

/** A number as logs print it: optional sign, optional thousands separators, optional decimals. */
const NUM = String.raw`(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)`;

function num(text: string): Occurrence {
  const shown = text.replace(/,/g, '');
  return { value: Number(shown), decimals: shown.split('.')[1]?.length ?? 0, shown };
}

function sum(a: Occurrence, b: Occurrence): Occurrence {
  const decimals = Math.max(a.decimals, b.decimals);
  const value = Number(((a.value as number) + (b.value as number)).toFixed(decimals));
  return { value, decimals, shown: value.toFixed(decimals) };
}

/** A figure converted to GiB (bytes, MiB): the exact value, shown and printed with up to 4 decimals. */
function converted(value: number): Occurrence {
  const shown = String(Number(value.toFixed(4)));
  return { value, decimals: shown.split('.')[1]?.length ?? 0, shown };
}

function dtype(text: string): Occurrence {
  const raw = text.toLowerCase();
  return { value: raw.startsWith('fp8') ? 'fp8' : raw, decimals: 0, shown: raw };
}

function text(t: string): Occurrence {
  return { value: t, decimals: 0, shown: t };
}

/** A command-line option: `--name V`, `--name=V`; hyphens and underscores alike (vLLM accepts both). */
function option(names: readonly string[], value: string = NUM): RegExp {
  const alternatives = names.map((n) => n.replace(/[-_]/g, '[-_]')).join('|');
  return new RegExp(String.raw`(?:^|[\s'"])(?:${alternatives})(?:=|\s+)['"]?${value}`, 'g');
}

/**
 * A statement read from a line. `once`: the statement an engine run makes once per rank (its KV or
 * weights report); the same statement again from the same rank starts a new run. `engine`: only that
 * engine prints it, so the line is evidence of the engine.
 */
interface Rule {
  readonly re: RegExp;
  /** Only on lines that contain this text (or match this pattern). */
  readonly on?: string | RegExp;
  readonly engine?: Engine;
  readonly once?: string;
  readonly take: (m: RegExpMatchArray) => readonly (readonly [FactKey, Occurrence])[];
}

const one =
  (key: FactKey, parse: (t: string) => Occurrence = num) =>
  (m: RegExpMatchArray): readonly (readonly [FactKey, Occurrence])[] =>
    [[key, parse(m[1]!)]];

const TRT_LINE = /\[(?:TensorRT-LLM|TRT-LLM)\]/;

/** Every statement the parser reads, in the order they are read within a line. */
const RULES: readonly Rule[] = [
  // vLLM
  { re: new RegExp(String.raw`(?:Loading model weights took|Model loading took)\s+${NUM}\s*Gi?B\b`, 'g'), engine: 'vllm', once: 'weights', take: one('weights_gib') },
  { re: new RegExp(String.raw`Available KV cache memory:\s*${NUM}\s*GiB`, 'g'), engine: 'vllm', once: 'vllm_kv', take: one('kv_cache_memory_gib') },
  { re: new RegExp(String.raw`\btotal_gpu_memory=${NUM}\s*GiB`, 'g'), on: 'Memory profiling results', engine: 'vllm', once: 'vllm_profile', take: one('total_gpu_memory_gib') },
  { re: new RegExp(String.raw`\bkv_cache_size=${NUM}\s*GiB`, 'g'), on: 'Memory profiling results', engine: 'vllm', once: 'vllm_profile', take: one('kv_cache_memory_gib') },
  { re: new RegExp(String.raw`(?<![\w-])gpu_memory_utilization=${NUM}`, 'g'), on: 'Memory profiling results', take: one('gpu_memory_utilization') },
  { re: new RegExp(String.raw`GPU KV cache size:\s*${NUM}\s*tokens`, 'g'), engine: 'vllm', once: 'vllm_capacity', take: one('kv_tokens') },
  { re: new RegExp(String.raw`(?<!CPU )\bGPU blocks:\s*${NUM}`, 'g'), engine: 'vllm', once: 'vllm_capacity', take: one('gpu_blocks') },
  {
    re: new RegExp(String.raw`Maximum concurrency for\s+${NUM}\s+tokens per request:\s*${NUM}x`, 'g'),
    engine: 'vllm',
    once: 'vllm_concurrency',
    take: (m) => [
      ['max_model_len', num(m[1]!)],
      ['max_concurrency', num(m[2]!)],
    ],
  },
  {
    re: new RegExp(String.raw`max seq len \(${NUM}\) is larger than the maximum number of tokens that can be stored in KV cache \(${NUM}\)`, 'g'),
    engine: 'vllm',
    once: 'vllm_too_long',
    take: (m) => [
      ['max_model_len', num(m[1]!)],
      ['kv_tokens', num(m[2]!)],
    ],
  },
  // V1's fail-fast ValueError (v0.7–v0.8: "models's" and a stray "(" before the needed GiB).
  {
    re: new RegExp(
      String.raw`To serve at least one request with the models?'s? max seq len \(${NUM}\),\s*\(?${NUM}\s*GiB KV cache is needed, which is larger than the available KV cache memory \(${NUM}\s*GiB\)`,
      'g',
    ),
    engine: 'vllm',
    once: 'vllm_fail_fast',
    take: (m) => [
      ['max_model_len', num(m[1]!)],
      ['kv_needed_gib', num(m[2]!)],
      ['kv_cache_memory_gib', num(m[3]!)],
    ],
  },
  { re: new RegExp(String.raw`estimated maximum model length is\s+${NUM}`, 'gi'), engine: 'vllm', take: one('estimated_max_model_len') },
  { re: new RegExp(String.raw`\bUsing max model len\s+${NUM}`, 'g'), engine: 'vllm', take: one('max_model_len') },
  // SGLang ("GB" here is GiB)
  { re: new RegExp(String.raw`#tokens:\s*${NUM}`, 'g'), on: 'KV Cache is allocated', engine: 'sglang', once: 'sglang_kv', take: one('kv_tokens') },
  {
    re: new RegExp(String.raw`\b(?:K size:\s*${NUM}\s*Gi?B,\s*V size:\s*${NUM}\s*Gi?B|KV size:\s*${NUM}\s*Gi?B)`, 'g'),
    on: 'KV Cache is allocated',
    engine: 'sglang',
    once: 'sglang_kv',
    take: (m) => [['kv_cache_memory_gib', m[3] !== undefined ? num(m[3]) : sum(num(m[1]!), num(m[2]!))]],
  },
  // TensorRT-LLM, PyTorch back-end (1.x)
  {
    re: new RegExp(String.raw`Peak memory during memory usage profiling \(torch \+ non-torch\):\s*${NUM}\s*GiB`, 'g'),
    engine: 'trtllm',
    once: 'trt_peak',
    take: one('peak_memory_gib'),
  },
  { re: new RegExp(String.raw`fraction is set\s+${NUM}`, 'g'), on: 'Peak memory during memory usage profiling', take: one('free_gpu_memory_fraction') },
  { re: new RegExp(String.raw`\bkv size is\s+${NUM}`, 'g'), on: 'Peak memory during memory usage profiling', take: one('kv_size_per_token_bytes') },
  { re: new RegExp(String.raw`device total memory\s+${NUM}\s*GiB`, 'g'), on: 'Peak memory during memory usage profiling', take: one('total_gpu_memory_gib') },
  { re: new RegExp(String.raw`Estimated max memory in KV cache\s*:\s*${NUM}\s*Gi?B`, 'g'), engine: 'trtllm', once: 'trt_estimate', take: one('kv_cache_memory_gib') },
  { re: new RegExp(String.raw`Number of tokens per block:\s*${NUM}`, 'g'), on: TRT_LINE, take: one('tokens_per_block') },
  {
    re: new RegExp(String.raw`Allocated\s+${NUM}\s*Gi?B for max tokens in paged KV cache\s*\(${NUM}\)`, 'g'),
    engine: 'trtllm',
    once: 'trt_allocated',
    take: (m) => [
      ['kv_cache_memory_gib', num(m[1]!)],
      ['kv_tokens', num(m[2]!)],
    ],
  },
  // TensorRT-LLM, engine (C++ runtime) back-end, 0.8–0.12
  { re: /Allocate (\d+) bytes for k\/v cache/g, engine: 'trtllm', once: 'trt_allocated', take: (m) => [['kv_cache_memory_gib', converted(Number(m[1]) / GIB)]] },
  { re: new RegExp(String.raw`Using\s+${NUM}\s+(?:total\s+)?tokens in paged KV cache`, 'g'), engine: 'trtllm', once: 'trt_tokens', take: one('kv_tokens') },
  { re: /Loaded engine size:\s*(\d+)\s*MiB/g, on: TRT_LINE, engine: 'trtllm', once: 'weights', take: (m) => [['weights_gib', converted(Number(m[1]) / 1024)]] },
  {
    re: new RegExp(String.raw`Memory usage when calculating max tokens in paged kv cache: total:\s*${NUM}\s*GiB`, 'g'),
    engine: 'trtllm',
    once: 'trt_memory_usage',
    take: one('total_gpu_memory_gib'),
  },
  { re: new RegExp(String.raw`Number of blocks in KV cache primary pool:\s*${NUM}`, 'g'), engine: 'trtllm', once: 'trt_blocks', take: one('gpu_blocks') },
  { re: new RegExp(String.raw`\btokens per block=${NUM}`, 'g'), on: TRT_LINE, take: one('tokens_per_block') },
  { re: new RegExp(String.raw`\bprimary blocks=${NUM}`, 'g'), on: TRT_LINE, engine: 'trtllm', once: 'trt_blocks', take: one('gpu_blocks') },
  { re: new RegExp(String.raw`(?<![\w-])free_gpu_memory_fraction['"]?\s*[:=]\s*${NUM}`, 'g'), take: one('free_gpu_memory_fraction') },
  { re: /kv_cache_config['"]?\s*:\s*\{[^}]*\bdtype['"]?\s*:\s*['"]?([\w.-]+)/g, take: one('kv_cache_dtype', dtype) },
  // Command lines
  { re: new RegExp(String.raw`(?:^|[\s,(])(?:--tensor[-_]parallel[-_]size|--tp[-_]size|--?tp|tp)(?:=|\s+)(\d+)\b`, 'g'), take: one('tensor_parallel') },
  { re: new RegExp(String.raw`(?:^|[\s,(])(?:--pipeline[-_]parallel[-_]size|--pp[-_]size|--?pp)(?:=|\s+)(\d+)\b`, 'g'), take: one('pipeline_parallel') },
  { re: /(?:^|\s)--dp(?:[-_]size)?(?:=|\s+)(\d+)\b/g, on: /--enable[-_]dp[-_]attention\b/, take: one('data_parallel_attention') },
  { re: /\bdp_size=(\d+)\b/g, on: /\benable_dp_attention=True\b/, take: one('data_parallel_attention') },
  { re: option(['--gpu-memory-utilization']), take: one('gpu_memory_utilization') },
  { re: option(['--max-num-batched-tokens', '--max-num-batched-token']), take: one('max_num_batched_tokens') },
  { re: option(['--max-model-len', '--context-length']), take: one('max_model_len') },
  { re: option(['--block-size']), take: one('block_size') },
  { re: option(['--mem-fraction-static']), take: one('mem_fraction_static') },
  { re: option(['--free-gpu-memory-fraction', '--kv-cache-free-gpu-memory-fraction']), take: one('free_gpu_memory_fraction') },
  { re: option(['--tokens-per-block']), take: one('tokens_per_block') },
  { re: option(['--kv-cache-dtype'], String.raw`([\w.-]+)`), take: one('kv_cache_dtype', dtype) },
  { re: option(['--model', '--model-path'], String.raw`([^\s'"]+)`), take: one('model', text) },
];

/**
 * What may come before a log line when logs are collected: `docker compose` (`vllm-1  | `), Docker
 * Desktop or kubectl timestamps (`2026-04-19 12:09:31.717 | `, `2025-10-07T23:17:19.123Z `), a shell prompt.
 */
const COLLECTED = String.raw`^\s*(?:[\w.-]+\s+\|\s+|\d{4}-\d\d-\d\d[T ][\d:.]+Z?\s+(?:\|\s+)?|\$\s+)?`;
/** A command as typed, after environment assignments (`CUDA_VISIBLE_DEVICES=0,1 vllm serve …`). */
const TYPED = String.raw`${COLLECTED}(?:[A-Z_][A-Z0-9_]*=\S*\s+)*`;
/** vLLM's log prefix: `(EngineCore_DP0 pid=212) INFO 10-14 09:12:12 [core.py:77] ` (older: `INFO 02-20 00:01:02 kv_cache_utils.py:522] `). */
const VLLM_PREFIX = String.raw`${COLLECTED}(?:\([^)]*\)\s+)?(?:INFO|DEBUG|WARNING|ERROR)\s+\S+\s+\S+\s+\[?[\w./-]+\.py:\d+\]\s`;
/** vLLM's configuration dump (a real version, not a placeholder), and its non-default arguments. */
const VLLM_CONFIG = /\bInitializing an? (?:V1 )?LLM engine \(v\d[^)]*\) with config:/;
const VLLM_ARGS = new RegExp(String.raw`${VLLM_PREFIX}non-default args: \{`);
const SGLANG_ARGS = new RegExp(String.raw`${COLLECTED}\[\d{4}-\d\d-\d\d[^\]]*\]\s+server_args=ServerArgs\(`);

/**
 * Lines that start an engine run (a command, a version banner, a configuration dump): they may come
 * in any number before the run's first KV or weights statement; after it, one starts a new run. Each
 * is evidence of its engine: anchored where prose could name it (a command at the start of a line).
 */
const STARTS: readonly { readonly re: RegExp; readonly engine: Engine; readonly model?: RegExp }[] = [
  { re: new RegExp(String.raw`${TYPED}vllm serve\b`), engine: 'vllm', model: /vllm serve\s+(?!-)([^\s'"]+)/ },
  { re: new RegExp(String.raw`${TYPED}python[\d.]*\s+-m\s+vllm\.entrypoints\.[\w.]+`), engine: 'vllm' },
  { re: /\bvLLM API server version \d/, engine: 'vllm' },
  { re: VLLM_CONFIG, engine: 'vllm' },
  { re: VLLM_ARGS, engine: 'vllm' },
  { re: new RegExp(String.raw`${TYPED}python[\d.]*\s+-m\s+sglang\.launch_server\b`), engine: 'sglang' },
  { re: SGLANG_ARGS, engine: 'sglang' },
  {
    re: new RegExp(String.raw`${TYPED}(?:mpirun\b.*?\s)?trtllm-(?:serve|bench|build|llmapi-launch)\b`),
    engine: 'trtllm',
    model: /trtllm-serve\s+(?:serve\s+)?(?!-)([^\s'"]+)/,
  },
];

/** Other lines only one engine prints: its log prefixes, at the start of the line (prose may quote them anywhere). */
const MARKERS: Readonly<Record<Engine, readonly RegExp[]>> = {
  vllm: [new RegExp(String.raw`${VLLM_PREFIX.replace(String.raw`\[?[\w./-]+\.py`, String.raw`\[?(?:gpu_worker|gpu_model_runner|kv_cache_utils|model_runner|llm_engine|worker|core|api_server)\.py`)}`)],
  sglang: [new RegExp(String.raw`${COLLECTED}\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: DP\d+)?(?: PP\d+)? TP\d+(?: EP\d+)?\] `)],
  trtllm: [new RegExp(String.raw`${COLLECTED}(?:\[[^\]]*\]\s*)*?\[(?:TensorRT-LLM|TRT-LLM)\]`)],
};

/** Configuration dumps: `key=value, …` (vLLM's engine config, SGLang's ServerArgs) and `{'key': value, …}` (vLLM's non-default args). */
const CONFIG_KEYS: Readonly<Record<string, { key: FactKey; parse: (t: string) => Occurrence }>> = {
  model: { key: 'model', parse: text },
  model_path: { key: 'model', parse: text },
  tensor_parallel_size: { key: 'tensor_parallel', parse: num },
  tp_size: { key: 'tensor_parallel', parse: num },
  pipeline_parallel_size: { key: 'pipeline_parallel', parse: num },
  pp_size: { key: 'pipeline_parallel', parse: num },
  kv_cache_dtype: { key: 'kv_cache_dtype', parse: dtype },
  max_seq_len: { key: 'max_model_len', parse: num },
  max_model_len: { key: 'max_model_len', parse: num },
  context_length: { key: 'max_model_len', parse: num },
  gpu_memory_utilization: { key: 'gpu_memory_utilization', parse: num },
  block_size: { key: 'block_size', parse: num },
  mem_fraction_static: { key: 'mem_fraction_static', parse: num },
  max_num_batched_tokens: { key: 'max_num_batched_tokens', parse: num },
};
const CONFIG_LINES: readonly RegExp[] = [VLLM_CONFIG, SGLANG_ARGS];
const NUMERIC_VALUE = new RegExp(String.raw`^${NUM}$`);

/** The first value of each known key in a configuration dump (nested dumps repeat keys later on the line). */
function configFacts(line: string): (readonly [FactKey, Occurrence])[] {
  const re = CONFIG_LINES.some((c) => c.test(line)) ? /(?<![\w.'"])(\w+)=('[^']*'|"[^"]*"|[^,\s()]+)/g : VLLM_ARGS.test(line) ? /'(\w+)':\s*('[^']*'|"[^"]*"|[^,}\s]+)/g : undefined;
  if (re === undefined) return [];
  const seen = new Set<string>();
  const out: (readonly [FactKey, Occurrence])[] = [];
  for (const m of line.matchAll(re)) {
    const name = m[1]!;
    const target = CONFIG_KEYS[name];
    if (target === undefined || seen.has(name)) continue;
    seen.add(name);
    const raw = m[2]!.replace(/^['"]|['"]$/g, '');
    if (raw === 'None' || raw === '') continue;
    if (target.parse === num && !NUMERIC_VALUE.test(raw)) continue;
    out.push([target.key, { ...target.parse(raw), dump: true }]);
  }
  return out;
}

/** Lines saying the engine failed: quoted in the notes. */
const FAILURE = [
  /\bERROR\b/,
  /failed to start/i,
  /is larger than the maximum number of tokens that can be stored in KV cache/,
  /KV cache is needed, which is larger than the available KV cache memory/,
  /out of memory|OutOfMemoryError/i,
];
const MAX_FAILURE_NOTES = 3;

/** What one line says. */
interface LineReading {
  readonly number: number;
  readonly found: readonly (readonly [FactKey, Occurrence])[];
  readonly engines: ReadonlySet<Engine>;
  readonly start: boolean;
  /** Statements made once per run and rank, prefixed with the rank. */
  readonly once: readonly string[];
  readonly process: readonly [string, string] | undefined;
  readonly failure: string | undefined;
  readonly dpAttention: boolean;
}

/** The rank a line is from (vLLM `rank=1`, `Worker_TP1`, `EngineCore_DP1`; SGLang `DP0 TP0`): '' when none. */
function rankOf(line: string): string {
  return [...line.matchAll(/\brank=\d+|(?<![A-Za-z])(?:DP|TP|PP|EP)\d+\b/g)].map((m) => m[0]).join(' ');
}

function readLine(line: string, number: number): LineReading {
  const found: (readonly [FactKey, Occurrence])[] = [];
  const engines = new Set<Engine>();
  const once = new Set<string>();
  let start = false;
  for (const s of STARTS) {
    if (!s.re.test(line)) continue;
    start = true;
    engines.add(s.engine);
    const model = s.model?.exec(line);
    if (model) found.push(['model', { ...text(model[1]!), dump: true }]);
  }
  for (const e of ENGINES) if (MARKERS[e].some((re) => re.test(line))) engines.add(e);
  found.push(...configFacts(line));
  const rank = rankOf(line);
  for (const rule of RULES) {
    if (rule.on !== undefined && !(typeof rule.on === 'string' ? line.includes(rule.on) : rule.on.test(line))) continue;
    for (const m of line.matchAll(rule.re)) {
      found.push(...rule.take(m));
      if (rule.engine) engines.add(rule.engine);
      if (rule.once) once.add(`${rank}|${rule.once}`);
    }
  }
  const processMatch = /\(([A-Za-z][\w ]*?(?:\s+rank=\d+)?)\s+pid=(\d+)\)/.exec(line);
  return {
    number,
    found,
    engines,
    start,
    once: [...once],
    process: processMatch ? [processMatch[1]!, processMatch[2]!] : undefined,
    failure: FAILURE.some((re) => re.test(line)) ? line : undefined,
    dpAttention: /--enable[-_]dp[-_]attention\b|\benable_dp_attention=True\b/.test(line),
  };
}

/** Lines → runs: a start line after the run's first KV or weights statement, the same statement again from the same rank, or a new process id. */
function splitRuns(readings: readonly LineReading[]): LineReading[][] {
  const runs: LineReading[][] = [];
  let current: LineReading[] = [];
  let seen = new Set<string>();
  let processes = new Map<string, string>();
  for (const r of readings) {
    const body = seen.size > 0;
    const repeated = r.once.some((k) => seen.has(k));
    const newProcess = r.process !== undefined && processes.has(r.process[0]) && processes.get(r.process[0]) !== r.process[1];
    if (body && (r.start || repeated || newProcess)) {
      runs.push(current);
      current = [];
      seen = new Set();
      processes = new Map();
    }
    current.push(r);
    for (const k of r.once) seen.add(k);
    if (r.process) processes.set(r.process[0], r.process[1]);
  }
  runs.push(current);
  return runs;
}

/**
 * A fraction printed from a 32-bit float (TRT-LLM's "fraction is set 0.8999999761581421") as the
 * shortest decimal with the same float32 value (0.9); undefined when it is no such thing.
 */
function float32Shortest(value: number, shown: string): number | undefined {
  if (shown.replace(/^-?0*\.?0*/, '').replace('.', '').length <= 7 || Math.fround(value) !== value) return undefined;
  for (let digits = 1; digits <= 7; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return undefined;
}

function quoteLine(line: string): string {
  const t = line.trim();
  return t.length > 240 ? `${t.slice(0, 239)}…` : t;
}

function formatGib(o: Occurrence): string {
  return (o.value as number).toFixed(o.decimals);
}

const NAME_SUFFIX = /-(?:instruct(?:-\d+)?|chat|hf|base|fp8(?:-dynamic)?|awq|gptq(?:-int[48])?|int[48]|bf16|w4a16|w8a8|nvfp4|mxfp4)$/;

/**
 * The catalog model a log's model name is: the same name or Hugging Face repository, or the same last
 * path part once quantization and chat suffixes (`-Instruct`, `-FP8`…) and a leading `Meta-` are set aside.
 * @example matchModel('/path/to/Qwen3-235B-A22B-FP8', models)?.name //=> 'Qwen3-235B-A22B'
 */
export function matchModel(shown: string, models: readonly ModelEntry[]): ModelEntry | undefined {
  const lower = shown.toLowerCase().replace(/\/+$/, '');
  const exact = models.find((m) => m.name.toLowerCase() === lower || m.hf_repo?.toLowerCase() === lower);
  if (exact) return exact;
  const key = (name: string): string[] => {
    const keys: string[] = [];
    let k = name.toLowerCase().replace(/\/+$/, '').split('/').pop() ?? '';
    for (;;) {
      keys.push(k, k.replace(/^meta-/, ''));
      const next = k.replace(NAME_SUFFIX, '');
      if (next === k) return keys;
      k = next;
    }
  };
  const wanted = new Set(key(lower));
  return models.find((m) => [m.name, m.hf_repo ?? ''].some((n) => n !== '' && key(n).some((k) => wanted.has(k))));
}

/** The log's KV dtype as a KV precision: `auto` (or none) is the model's default; undefined when it has none. */
function precisionOf(dtypeValue: string | undefined, model: ModelEntry): KvPrecision | undefined {
  if (dtypeValue === undefined || dtypeValue === 'auto') return model.default_kv_precision;
  const aliases: Readonly<Record<string, KvPrecision>> = { fp8: 'fp8', int8: 'int8', bf16: 'bf16', bfloat16: 'bf16', fp16: 'fp16', float16: 'fp16', half: 'fp16' };
  return aliases[dtypeValue];
}

/** The KV precision flag for a logged dtype (`auto` gives none: the model's default applies). */
function precisionFlag(dtypeValue: string | undefined): KvPrecision | undefined {
  if (dtypeValue === undefined || dtypeValue === 'auto') return undefined;
  const aliases: Readonly<Record<string, KvPrecision>> = { fp8: 'fp8', int8: 'int8', bf16: 'bf16', bfloat16: 'bf16', fp16: 'fp16', float16: 'fp16', half: 'fp16' };
  return aliases[dtypeValue];
}

/**
 * The model's KV bytes per token on one GPU at a layout and precision, as the engine counts them:
 * TensorRT-LLM counts every attention layer as full; for vLLM and SGLang a model with sliding-window,
 * chunked, linear-attention or Mamba layers has no single figure ('hybrid').
 */
export function modelBytesPerToken(model: ModelEntry, engine: Engine, tp: number, pp: number, precision: KvPrecision, dp = 1): number | 'hybrid' {
  const layout = { tensor_parallel: tp, pipeline_parallel: pp, gpus_per_replica: tp * pp, replicas_per_node: 1, gpus_used: tp * pp, nodes_per_replica: 1, data_parallel_attention: dp, expert_parallel: 1 };
  const ranks = rankGeometry(model, layout, precision, engine);
  const hybrid = ranks.some((g) => g.layers > 0 && (g.kind === 'linear_attention' || g.kind === 'mamba' || (engine !== 'trtllm' && (g.kind === 'sliding' || g.kind === 'chunked'))));
  if (hybrid) return 'hybrid';
  return ranks.reduce((s, g) => s + g.bytes_per_token_per_layer * g.layers, 0);
}

const FIT_TP = [1, 2, 4, 8, 16, 32, 64];
const FIT_PRECISIONS: readonly KvPrecision[] = ['bf16', 'fp8'];

const percent = (implied: number, expected: number): number => Number((((implied - expected) / expected) * 100).toFixed(2));

/** The layout and precision (TP, bf16 or fp8) whose bytes per token are nearest the implied ones, within the tolerance. */
function bestFit(model: ModelEntry, engine: Engine, implied: number, pp: number, dp: number, logged: { tp: number; precision: KvPrecision }): BytesPerTokenFit | null {
  let best: (BytesPerTokenFit & { off: number }) | null = null;
  for (const precision of FIT_PRECISIONS) {
    // The logged TP first: where TP does not change the figure (MLA), the answer keeps it.
    for (const tp of [logged.tp, ...FIT_TP.filter((t) => t !== logged.tp)]) {
      if (tp === logged.tp && precision === logged.precision) continue;
      if (tp % dp !== 0) continue;
      const bytes = modelBytesPerToken(model, engine, tp, pp, precision, dp);
      if (bytes === 'hybrid' || bytes <= 0) continue;
      const off = Math.abs(implied - bytes) / bytes;
      if (off <= BYTES_PER_TOKEN_TOLERANCE && (best === null || off < best.off)) best = { kv_precision: precision, tensor_parallel: tp, bytes, off };
    }
  }
  return best === null ? null : { kv_precision: best.kv_precision, tensor_parallel: best.tensor_parallel, bytes: best.bytes };
}

/** The KV bytes per token a run implies: stated, KV memory / tokens, / blocks × block size, or from vLLM's fail-fast error. */
function impliedBytesPerToken(engine: Engine, facts: EngineLogFacts, hybridTokens: boolean): Omit<KvBytesPerToken, 'model'> | undefined {
  const kv = facts.kv_cache_memory_gib;
  const ok = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n) && n > 0;
  if (ok(facts.kv_size_per_token_bytes)) return { implied: facts.kv_size_per_token_bytes, source: 'stated' };
  if (ok(kv) && ok(facts.kv_tokens) && !hybridTokens) return { implied: Math.round((kv * GIB) / facts.kv_tokens), source: 'tokens', tokens: facts.kv_tokens, gib: kv };
  const blockSize = facts.block_size ?? facts.tokens_per_block ?? (engine === 'vllm' ? ENGINE_SETTINGS.block_size.default.value : engine === 'trtllm' ? ENGINE_SETTINGS.tokens_per_block.default.value : undefined);
  if (ok(kv) && ok(facts.gpu_blocks) && ok(blockSize)) {
    const tokens = facts.gpu_blocks * blockSize;
    return { implied: Math.round((kv * GIB) / tokens), source: 'blocks', tokens, gib: kv };
  }
  if (ok(facts.kv_needed_gib) && ok(facts.max_model_len)) {
    return { implied: Math.round((facts.kv_needed_gib * GIB) / facts.max_model_len), source: 'needed', tokens: facts.max_model_len, gib: facts.kv_needed_gib };
  }
  if (ok(kv) && ok(facts.estimated_max_model_len)) {
    return { implied: Math.round((kv * GIB) / facts.estimated_max_model_len), source: 'estimate', tokens: facts.estimated_max_model_len, gib: kv };
  }
  return undefined;
}

/** A flag a run proposes: the request field it sets and its text as printed. */
interface ProposedFlag {
  readonly field: RequestField;
  readonly text: string;
}

const FLAG_OF: Readonly<Partial<Record<RequestField, string>>> = { model: 'model', effective_context: 'effective-context', kv_precision: 'kv-precision' };
function flagName(field: RequestField): string {
  return field in ENGINE_SETTINGS ? ENGINE_SETTINGS[field as SettingField].flag : FLAG_OF[field]!;
}

/**
 * The problem a printed flag would meet: the request validator's (type, limits; the text is read back
 * as the CLI reads it), or the settings table's (a setting the engine's memory model does not use).
 */
export function flagProblem(field: RequestField, printed: string, engine: Engine): Problem | undefined {
  const flag = `--${flagName(field)}`;
  const numeric = field in ENGINE_SETTINGS ? ENGINE_SETTINGS[field as SettingField].type !== 'enum' : field === 'effective_context';
  const value = numeric && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(printed) ? Number(printed) : printed;
  const invalid = fieldProblem(field, value, undefined);
  if (invalid) return { ...invalid, field: flag };
  if (field in ENGINE_SETTINGS) {
    const models = (ENGINE_SETTINGS[field as SettingField] as SettingRow).appliesTo;
    if (!models.includes(engine)) return { field: flag, value, accepted: { kind: 'rule', rule: 'knob_needs_engine', detail: { models, given: engine } } };
  }
  return undefined;
}

/** One run's lines → its result. */
function readRun(readings: readonly LineReading[], fallback: Engine, options: CalibrationOptions): CalibrationRun {
  const notes: CalibrationNote[] = [];
  const score: Record<Engine, number> = { vllm: 0, sglang: 0, trtllm: 0 };
  for (const r of readings) for (const e of r.engines) score[e]++;
  const seen = ENGINES.filter((e) => score[e] > 0);
  const engine = seen.length === 0 ? fallback : seen.reduce((a, b) => (score[b] > score[a] ? b : a));
  if (seen.length > 1) notes.push(note('several_engines', { engines: seen.map((e) => ({ engine: e, lines: score[e] })), assumed: engine }));

  const found = new Map<FactKey, Occurrence[]>();
  const failures: string[] = [];
  let dpAttention = false;
  const read = readings.filter((r) => r.found.length > 0 || r.failure !== undefined);
  for (const r of readings) {
    for (const [key, occurrence] of r.found) {
      const list = found.get(key) ?? [];
      list.push(occurrence);
      found.set(key, list);
    }
    if (r.failure !== undefined) failures.push(r.failure);
    if (r.dpAttention) dpAttention = true;
  }

  // Fractions printed from float32 read as the decimal they were set to.
  const float32Notes: CalibrationNote[] = [];
  for (const key of FRACTIONS) {
    const list = found.get(key);
    if (!list) continue;
    found.set(
      key,
      list.map((o) => {
        const shortest = float32Shortest(o.value as number, o.shown);
        if (shortest === undefined) return o;
        float32Notes.push(note('float32', { key, shown: o.shown, value: shortest }));
        return { value: shortest, decimals: String(shortest).split('.')[1]?.length ?? 0, shown: String(shortest) };
      }),
    );
  }

  // The last statement of each fact wins; say so when there were several.
  const facts: Record<string, number | string> = {};
  const last = new Map<FactKey, Occurrence>();
  const differing: { key: FactKey; shown: string[] }[] = [];
  const repeated: { key: FactKey; shown: string; times: number }[] = [];
  for (const key of FACT_KEYS) {
    const list = found.get(key);
    if (!list || list.length === 0) continue;
    const final = list[list.length - 1]!;
    last.set(key, final);
    facts[key] = final.value;
    if (list.length === 1) continue;
    if (list.every((o) => o.value === final.value)) {
      const stated = list.filter((o) => !o.dump).length;
      if (stated > 1) repeated.push({ key, shown: final.shown, times: stated });
    } else differing.push({ key, shown: list.map((o) => o.shown) });
  }
  if (differing.length > 0) notes.push(note('several_values', { facts: differing }));
  if (repeated.length > 0) notes.push(note('repeated_values', { facts: repeated }));
  notes.push(...float32Notes);
  const f = facts as EngineLogFacts;

  const kv = last.get('kv_cache_memory_gib');
  const kvUsable = kv !== undefined && (kv.value as number) > 0;
  if (kv !== undefined && !kvUsable) notes.push(note('no_kv_memory', { gib: formatGib(kv) }));
  const needed = last.get('kv_needed_gib');
  if (needed !== undefined && f.max_model_len !== undefined && kv !== undefined) {
    notes.push(note('kv_too_small', { max_model_len: f.max_model_len, needed: formatGib(needed), available: formatGib(kv), estimated: f.estimated_max_model_len ?? null }));
  }

  // vLLM's token line counts per KV-cache group: for hybrid models it disagrees with the concurrency.
  let hybridTokens = false;
  if (engine === 'vllm' && f.kv_tokens !== undefined && f.max_concurrency !== undefined && f.max_model_len !== undefined && f.max_model_len > 0) {
    if (Math.abs(f.kv_tokens / f.max_model_len - f.max_concurrency) > 0.01 + 0.02 * f.max_concurrency) {
      hybridTokens = true;
      notes.push(note('hybrid_token_count', { tokens: f.kv_tokens, concurrency: f.max_concurrency, max_model_len: f.max_model_len, product: Math.round(f.max_concurrency * f.max_model_len) }));
    }
  }
  if (dpAttention) notes.push(note('dp_attention', {}));

  // The model: --model, else the log's name if the catalog has it.
  let model: ModelEntry | undefined = options.model;
  let modelFrom: 'option' | 'log' | undefined = model ? 'option' : undefined;
  if (f.model !== undefined && options.models !== undefined) {
    const matched = matchModel(f.model, options.models ?? []);
    if (model !== undefined) {
      if (matched?.name !== model.name) notes.push(note('model_differs', { shown: f.model, name: model.name }));
    } else if (matched !== undefined) {
      model = matched;
      modelFrom = 'log';
      notes.push(note('model_from_log', { shown: f.model, name: matched.name }));
    } else notes.push(note('model_not_in_catalog', { shown: f.model }));
  }

  // KV bytes per token: what the log implies, against the model's at the log's layout and precision.
  const tp = f.tensor_parallel ?? 1;
  const pp = f.pipeline_parallel ?? 1;
  const dp = f.data_parallel_attention ?? 1;
  const implied = impliedBytesPerToken(engine, f, hybridTokens);
  let bytesPerToken: KvBytesPerToken | null = null;
  if (implied !== undefined) {
    let compared: ModelBytesPerToken | null = null;
    const layoutOk = Number.isInteger(tp) && tp >= 1 && tp <= 512 && Number.isInteger(pp) && pp >= 1 && pp <= 128 && Number.isInteger(dp) && dp >= 1 && tp % dp === 0;
    if (model !== undefined && layoutOk) {
      const precision = precisionOf(f.kv_cache_dtype, model);
      if (precision === undefined) notes.push(note('dtype_not_read', { dtype: f.kv_cache_dtype ?? '' }));
      else {
        const bytes = modelBytesPerToken(model, engine, tp, pp, precision, dp);
        if (bytes === 'hybrid') notes.push(note('hybrid_not_compared', { model: model.name }));
        else if (bytes > 0) {
          compared = { name: model.name, tensor_parallel: tp, pipeline_parallel: pp, kv_precision: precision, bytes, difference_pct: percent(implied.implied, bytes) };
          if (Math.abs(implied.implied - bytes) / bytes > BYTES_PER_TOKEN_TOLERANCE) {
            notes.push(
              note('bytes_per_token_mismatch', {
                implied: implied.implied,
                model: model.name,
                bytes,
                tp,
                pp,
                precision,
                difference_pct: compared.difference_pct,
                fit: bestFit(model, engine, implied.implied, pp, dp, { tp, precision }),
              }),
            );
          }
        }
      }
    }
    bytesPerToken = { ...implied, model: compared };
  }

  const failureNotes: CalibrationNote[] = failures.slice(0, MAX_FAILURE_NOTES).map((line) => note('failure', { line: quoteLine(line) }));
  if (failures.length > MAX_FAILURE_NOTES) failureNotes.push(note('more_failures', { count: failures.length - MAX_FAILURE_NOTES }));

  // Flags, in the order llm-sizing's help lists them; each checked as the sizing would check it.
  const proposed: ProposedFlag[] = [];
  const plain = (key: FactKey, field: RequestField) => {
    const o = last.get(key);
    if (o !== undefined) proposed.push({ field, text: String(o.value) });
  };
  const gib = (key: FactKey, field: RequestField) => {
    const o = last.get(key);
    if (o !== undefined) proposed.push({ field, text: formatGib(o) });
  };
  if (model !== undefined) proposed.push({ field: 'model', text: model.name });
  proposed.push({ field: 'memory_model', text: engine });
  if (kvUsable) gib('kv_cache_memory_gib', 'kv_cache_memory_gib');
  plain('tensor_parallel', 'tensor_parallel');
  plain('pipeline_parallel', 'pipeline_parallel');
  plain('data_parallel_attention', 'data_parallel_attention');
  plain('gpu_memory_utilization', 'gpu_memory_utilization');
  plain('max_num_batched_tokens', 'max_num_batched_tokens');
  plain('block_size', 'block_size');
  plain('mem_fraction_static', 'mem_fraction_static');
  plain('free_gpu_memory_fraction', 'free_gpu_memory_fraction');
  plain('tokens_per_block', 'tokens_per_block');
  // Engines log the weights of one GPU; --weights-gib takes one replica's (× TP × PP).
  const weights = last.get('weights_gib');
  if (weights !== undefined) {
    const gpus = tp * pp;
    if (gpus === 1) gib('weights_gib', 'weights_gib');
    else {
      const total = String(Number(((weights.value as number) * gpus).toFixed(4)));
      proposed.push({ field: 'weights_gib', text: total });
      notes.push(note('weights_per_replica', { weights: formatGib(weights), tp, pp, total }));
    }
  }
  gib('total_gpu_memory_gib', 'gpu_memory_gib');
  plain('max_model_len', 'effective_context');
  const kvPrecision = precisionFlag(f.kv_cache_dtype);
  if (kvPrecision !== undefined) proposed.push({ field: 'kv_precision', text: kvPrecision });
  else if (f.kv_cache_dtype !== undefined && f.kv_cache_dtype !== 'auto' && !notes.some((n) => n.code === 'dtype_not_read')) {
    notes.push(note('dtype_not_read', { dtype: f.kv_cache_dtype }));
  }

  const flags: string[] = [];
  for (const p of proposed) {
    const problem = flagProblem(p.field, p.text, engine);
    if (problem) notes.push(note('flag_left_out', { problem }));
    else flags.push(`--${flagName(p.field)} ${p.text}`);
  }
  notes.push(...failureNotes);

  return {
    engine,
    lines: { first: read[0]?.number ?? readings[0]!.number, last: read[read.length - 1]?.number ?? readings[readings.length - 1]!.number },
    facts: f,
    model: model !== undefined && modelFrom !== undefined ? { name: model.name, from: modelFrom } : null,
    kv_bytes_per_token: bytesPerToken,
    flags,
    notes,
  };
}

/**
 * Read an engine's start-up log (or several runs, or a command line with it): one result per run,
 * each with its facts, flags and notes. No run when no line of the text is one only an engine prints
 * (its command, banner, configuration dump, log prefix or KV report): the text is not an engine log.
 */
export function parseEngineLog(text: string, options: CalibrationOptions = {}): CalibrationResult {
  const readings = text.split(/\r?\n/).map((line, i) => readLine(line, i + 1));
  const score: Record<Engine, number> = { vllm: 0, sglang: 0, trtllm: 0 };
  for (const r of readings) for (const e of r.engines) score[e]++;
  const engines = ENGINES.filter((e) => score[e] > 0);
  if (engines.length === 0) return { runs: [] };
  const dominant = engines.reduce((a, b) => (score[b] > score[a] ? b : a));
  const runs = splitRuns(readings)
    .filter((lines) => lines.some((r) => r.found.length > 0))
    .map((lines) => readRun(lines, dominant, options));
  return { runs };
}
