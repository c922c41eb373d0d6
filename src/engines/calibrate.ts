/**
 * Start-up logs of inference engines (vLLM, SGLang, TensorRT-LLM) → the facts they state about KV-cache
 * memory, and the llm-sizing flags that reproduce them (for `llm-sizing calibrate LOGFILE`).
 * Pure: text in, data out. The log formats are those of /work/shared/fixtures/engine-logs.md.
 *
 * Units: every `*_gib` fact is GiB (2^30 bytes). vLLM's "Loading model weights took X GB" and SGLang's
 * "K size: X GB" are GiB despite the label (both divide by 2^30).
 */
export type Engine = 'vllm' | 'sglang' | 'trtllm' | 'unknown';

/** What a log states. Numbers in GiB unless the name says otherwise; all per GPU (per rank). */
export interface EngineLogFacts {
  /** Weights per GPU as the engine reports them (vLLM "Loading model weights took" / "Model loading took"). */
  readonly weights_gib?: number;
  /** The engine's KV cache memory per GPU (SGLang: K + V). Negative when the engine had none left. */
  readonly kv_cache_memory_gib?: number;
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
  /** vLLM: KV cache blocks on the GPU. */
  readonly gpu_blocks?: number;
  /** vLLM: tokens per KV block (`--block-size`). */
  readonly block_size?: number;
  /** TRT-LLM: tokens per KV block. */
  readonly tokens_per_block?: number;
  /** TRT-LLM: KV bytes per token per GPU, all layers. */
  readonly kv_size_per_token_bytes?: number;
  /** vLLM: how many requests of max_model_len tokens fit in the KV cache. */
  readonly max_concurrency?: number;
  /** vLLM: the maximum model length (tokens per request). */
  readonly max_model_len?: number;
  /** vLLM: tokens per scheduler step (`--max-num-batched-tokens`). */
  readonly max_num_batched_tokens?: number;
  readonly tensor_parallel?: number;
  /** KV cache dtype: 'fp8' for every fp8 variant (fp8_e4m3, fp8_e5m2, fp8_ds_mla…), else as given. */
  readonly kv_cache_dtype?: string;
}

export type FactKey = keyof EngineLogFacts;

/**
 * What the parser noticed beyond the facts, as data: a code and the numbers behind it (the locales
 * say it in words, `report/i18n`). Values are as the log shows them (`shown`), not reformatted.
 */
export interface CalibrationNoteDetails {
  several_engines: { engines: readonly { engine: Exclude<Engine, 'unknown'>; lines: number }[]; assumed: Exclude<Engine, 'unknown'> };
  several_values: { facts: readonly { key: FactKey; shown: readonly string[] }[] };
  repeated_values: { facts: readonly { key: FactKey; shown: string; times: number }[] };
  float32: { key: FactKey; shown: string; value: number };
  no_kv_memory: { gib: string };
  hybrid_token_count: { tokens: number; concurrency: number; max_model_len: number; product: number };
  dp_attention: Record<never, never>;
  no_engine_marker: Record<never, never>;
  failure: { line: string };
  more_failures: { count: number };
  weights_per_replica: { weights: string; tp: number };
}
export type CalibrationNoteCode = keyof CalibrationNoteDetails;
export type CalibrationNote = { [C in CalibrationNoteCode]: { readonly code: C; readonly params: Readonly<CalibrationNoteDetails[C]> } }[CalibrationNoteCode];

function note<C extends CalibrationNoteCode>(code: C, params: CalibrationNoteDetails[C]): CalibrationNote {
  return { code, params } as CalibrationNote;
}

export interface CalibrationResult {
  readonly engine: Engine;
  readonly facts: EngineLogFacts;
  /** llm-sizing flags that reproduce the log, one `--name value` per element. */
  readonly flags: string[];
  readonly notes: CalibrationNote[];
}

/** Fact order: of descriptions, notes and nothing else. */
export const FACT_KEYS: readonly FactKey[] = [
  'weights_gib',
  'kv_cache_memory_gib',
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
  'max_num_batched_tokens',
  'tensor_parallel',
  'kv_cache_dtype',
];

const FRACTIONS: ReadonlySet<FactKey> = new Set(['gpu_memory_utilization', 'mem_fraction_static', 'free_gpu_memory_fraction']);

/** One statement of a fact: its value, its decimals in the log, and the log's text without separators. */
interface Occurrence {
  readonly value: number | string;
  readonly decimals: number;
  readonly shown: string;
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

function dtype(text: string): Occurrence {
  const raw = text.toLowerCase();
  return { value: raw.startsWith('fp8') ? 'fp8' : raw, decimals: 0, shown: raw };
}

/** A command-line option: `--name V`, `--name=V`; hyphens and underscores alike (vLLM accepts both). */
function option(names: readonly string[], value: string = NUM): RegExp {
  const alternatives = names.map((n) => n.replace(/[-_]/g, '[-_]')).join('|');
  return new RegExp(String.raw`(?:^|[\s'"])(?:${alternatives})(?:=|\s+)['"]?${value}`, 'g');
}

interface Rule {
  readonly re: RegExp;
  /** Only on lines that contain this text. */
  readonly on?: string;
  readonly take: (m: RegExpMatchArray) => readonly (readonly [FactKey, Occurrence])[];
}

const one =
  (key: FactKey, parse: (t: string) => Occurrence = num) =>
  (m: RegExpMatchArray): readonly (readonly [FactKey, Occurrence])[] =>
    [[key, parse(m[1]!)]];

/** Every statement the parser reads, in the order they are read within a line. */
const RULES: readonly Rule[] = [
  // vLLM
  { re: new RegExp(String.raw`(?:Loading model weights took|Model loading took)\s+${NUM}\s*Gi?B\b`, 'g'), take: one('weights_gib') },
  { re: new RegExp(String.raw`Available KV cache memory:\s*${NUM}\s*GiB`, 'g'), take: one('kv_cache_memory_gib') },
  { re: new RegExp(String.raw`\btotal_gpu_memory=${NUM}\s*GiB`, 'g'), take: one('total_gpu_memory_gib') },
  { re: new RegExp(String.raw`\bkv_cache_size=${NUM}\s*GiB`, 'g'), take: one('kv_cache_memory_gib') },
  { re: new RegExp(String.raw`(?<![\w-])gpu_memory_utilization=${NUM}`, 'g'), take: one('gpu_memory_utilization') },
  { re: new RegExp(String.raw`GPU KV cache size:\s*${NUM}\s*tokens`, 'g'), take: one('kv_tokens') },
  { re: new RegExp(String.raw`GPU blocks:\s*${NUM}`, 'g'), take: one('gpu_blocks') },
  {
    re: new RegExp(String.raw`Maximum concurrency for\s+${NUM}\s+tokens per request:\s*${NUM}x`, 'g'),
    take: (m) => [
      ['max_model_len', num(m[1]!)],
      ['max_concurrency', num(m[2]!)],
    ],
  },
  {
    re: new RegExp(String.raw`max seq len \(${NUM}\) is larger than the maximum number of tokens that can be stored in KV cache \(${NUM}\)`, 'g'),
    take: (m) => [
      ['max_model_len', num(m[1]!)],
      ['kv_tokens', num(m[2]!)],
    ],
  },
  // SGLang ("GB" here is GiB)
  { re: new RegExp(String.raw`#tokens:\s*${NUM}`, 'g'), on: 'KV Cache is allocated', take: one('kv_tokens') },
  {
    re: new RegExp(String.raw`\b(?:K size:\s*${NUM}\s*Gi?B,\s*V size:\s*${NUM}\s*Gi?B|KV size:\s*${NUM}\s*Gi?B)`, 'g'),
    on: 'KV Cache is allocated',
    take: (m) => [['kv_cache_memory_gib', m[3] !== undefined ? num(m[3]) : sum(num(m[1]!), num(m[2]!))]],
  },
  // TensorRT-LLM
  { re: new RegExp(String.raw`Peak memory during memory usage profiling \(torch \+ non-torch\):\s*${NUM}\s*GiB`, 'g'), take: one('peak_memory_gib') },
  { re: new RegExp(String.raw`fraction is set\s+${NUM}`, 'g'), take: one('free_gpu_memory_fraction') },
  { re: new RegExp(String.raw`\bkv size is\s+${NUM}`, 'g'), take: one('kv_size_per_token_bytes') },
  { re: new RegExp(String.raw`device total memory\s+${NUM}\s*GiB`, 'g'), take: one('total_gpu_memory_gib') },
  { re: new RegExp(String.raw`Estimated max memory in KV cache\s*:\s*${NUM}\s*Gi?B`, 'g'), take: one('kv_cache_memory_gib') },
  { re: new RegExp(String.raw`Number of tokens per block:\s*${NUM}`, 'g'), take: one('tokens_per_block') },
  {
    re: new RegExp(String.raw`Allocated\s+${NUM}\s*Gi?B for max tokens in paged KV cache\s*\(${NUM}\)`, 'g'),
    take: (m) => [
      ['kv_cache_memory_gib', num(m[1]!)],
      ['kv_tokens', num(m[2]!)],
    ],
  },
  { re: new RegExp(String.raw`(?<![\w-])free_gpu_memory_fraction['"]?\s*[:=]\s*${NUM}`, 'g'), take: one('free_gpu_memory_fraction') },
  { re: /kv_cache_config['"]?\s*:\s*\{[^}]*\bdtype['"]?\s*:\s*['"]?([\w.-]+)/g, take: one('kv_cache_dtype', dtype) },
  // Command lines
  { re: new RegExp(String.raw`(?:^|[\s,(])(?:--tensor[-_]parallel[-_]size|--tp[-_]size|--?tp|tp)(?:=|\s+)(\d+)\b`, 'g'), take: one('tensor_parallel') },
  { re: option(['--gpu-memory-utilization']), take: one('gpu_memory_utilization') },
  { re: option(['--max-num-batched-tokens', '--max-num-batched-token']), take: one('max_num_batched_tokens') },
  { re: option(['--max-model-len']), take: one('max_model_len') },
  { re: option(['--block-size']), take: one('block_size') },
  { re: option(['--mem-fraction-static']), take: one('mem_fraction_static') },
  { re: option(['--free-gpu-memory-fraction', '--kv-cache-free-gpu-memory-fraction']), take: one('free_gpu_memory_fraction') },
  { re: option(['--tokens-per-block']), take: one('tokens_per_block') },
  { re: option(['--kv-cache-dtype'], String.raw`([\w.-]+)`), take: one('kv_cache_dtype', dtype) },
];

type Marker = string | RegExp;
const MARKERS: Readonly<Record<Exclude<Engine, 'unknown'>, readonly Marker[]>> = {
  vllm: [
    '[gpu_worker.py',
    'kv_cache_utils.py',
    'vllm serve',
    'vllm.entrypoints',
    'Memory profiling results',
    'Loading model weights took',
    'Model loading took',
    'Available KV cache memory:',
    'GPU KV cache size:',
  ],
  sglang: ['KV Cache is allocated', /sglang/i],
  trtllm: ['[TRT-LLM]', 'TensorRT-LLM', 'trtllm-', 'tensorrt_llm'],
};
const ENGINES = ['vllm', 'sglang', 'trtllm'] as const;

function hasMarker(line: string, marker: Marker): boolean {
  return typeof marker === 'string' ? line.includes(marker) : marker.test(line);
}

/** Lines saying the engine failed: quoted in the notes. */
const FAILURE = [/\bERROR\b/, /failed to start/i, /is larger than the maximum number of tokens that can be stored in KV cache/, /out of memory|OutOfMemoryError/i];
const MAX_FAILURE_NOTES = 3;

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

function detectEngine(lines: readonly string[], notes: CalibrationNote[]): Engine {
  const score: Record<(typeof ENGINES)[number], number> = { vllm: 0, sglang: 0, trtllm: 0 };
  for (const line of lines) for (const e of ENGINES) if (MARKERS[e].some((m) => hasMarker(line, m))) score[e]++;
  const seen = ENGINES.filter((e) => score[e] > 0);
  if (seen.length === 0) return 'unknown';
  const best = seen.reduce((a, b) => (score[b] > score[a] ? b : a));
  if (seen.length > 1) notes.push(note('several_engines', { engines: seen.map((e) => ({ engine: e, lines: score[e] })), assumed: best }));
  return best;
}

function formatGib(o: Occurrence): string {
  return (o.value as number).toFixed(o.decimals);
}

/** Read an engine's start-up log (or several, or a command line with it): facts, flags, notes. */
export function parseEngineLog(text: string): CalibrationResult {
  const lines = text.split(/\r?\n/);
  const notes: CalibrationNote[] = [];
  const engine = detectEngine(lines, notes);

  const found = new Map<FactKey, Occurrence[]>();
  const failures: string[] = [];
  let dpAttention = false;
  for (const line of lines) {
    for (const rule of RULES) {
      if (rule.on !== undefined && !line.includes(rule.on)) continue;
      for (const m of line.matchAll(rule.re)) {
        for (const [key, occurrence] of rule.take(m)) {
          const list = found.get(key) ?? [];
          list.push(occurrence);
          found.set(key, list);
        }
      }
    }
    if (FAILURE.some((re) => re.test(line))) failures.push(line);
    if (/--enable[-_]dp[-_]attention\b/.test(line)) dpAttention = true;
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
      repeated.push({ key, shown: final.shown, times: list.length });
    } else {
      differing.push({ key, shown: list.map((o) => o.shown) });
    }
  }
  if (differing.length > 0) notes.push(note('several_values', { facts: differing }));
  if (repeated.length > 0) notes.push(note('repeated_values', { facts: repeated }));
  notes.push(...float32Notes);

  const kv = last.get('kv_cache_memory_gib');
  const kvUsable = kv !== undefined && (kv.value as number) > 0;
  if (kv !== undefined && !kvUsable) {
    notes.push(note('no_kv_memory', { gib: formatGib(kv) }));
  }

  // vLLM's token line counts per KV-cache group: for hybrid models it disagrees with the concurrency.
  const tokens = facts.kv_tokens;
  const concurrency = facts.max_concurrency;
  const maxLen = facts.max_model_len;
  if (engine === 'vllm' && typeof tokens === 'number' && typeof concurrency === 'number' && typeof maxLen === 'number' && maxLen > 0) {
    if (Math.abs(tokens / maxLen - concurrency) > 0.01 + 0.02 * concurrency) {
      notes.push(note('hybrid_token_count', { tokens, concurrency, max_model_len: maxLen, product: Math.round(concurrency * maxLen) }));
    }
  }
  if (dpAttention) notes.push(note('dp_attention', {}));
  if (engine === 'unknown' && last.size > 0) notes.push(note('no_engine_marker', {}));
  for (const line of failures.slice(0, MAX_FAILURE_NOTES)) notes.push(note('failure', { line: quoteLine(line) }));
  if (failures.length > MAX_FAILURE_NOTES) notes.push(note('more_failures', { count: failures.length - MAX_FAILURE_NOTES }));

  // Flags, in the order llm-sizing's help lists them.
  const flags: string[] = [];
  const plain = (key: FactKey, flag: string) => {
    const o = last.get(key);
    if (o !== undefined) flags.push(`${flag} ${String(o.value)}`);
  };
  const gib = (key: FactKey, flag: string) => {
    const o = last.get(key);
    if (o !== undefined) flags.push(`${flag} ${formatGib(o)}`);
  };
  if (engine !== 'unknown') flags.push(`--memory-model ${engine}`);
  if (kvUsable) gib('kv_cache_memory_gib', '--kv-cache-memory-gib');
  plain('tensor_parallel', '--tensor-parallel');
  plain('gpu_memory_utilization', '--gpu-memory-utilization');
  plain('max_num_batched_tokens', '--max-num-batched-tokens');
  plain('block_size', '--block-size');
  plain('mem_fraction_static', '--mem-fraction-static');
  plain('free_gpu_memory_fraction', '--free-gpu-memory-fraction');
  plain('tokens_per_block', '--tokens-per-block');
  // Engines log the weights of one GPU; --weights-gib takes one replica's (× tensor parallel).
  const weights = last.get('weights_gib');
  const tp = Number(facts.tensor_parallel ?? 1);
  if (weights !== undefined) {
    if (tp === 1) gib('weights_gib', '--weights-gib');
    else {
      flags.push(`--weights-gib ${Number((Number(weights.value) * tp).toFixed(4))}`);
      notes.push(note('weights_per_replica', { weights: String(weights.value), tp }));
    }
  }
  gib('total_gpu_memory_gib', '--gpu-memory-gib');
  plain('max_model_len', '--effective-context');
  if (facts.kv_cache_dtype === 'fp8') flags.push('--kv-precision fp8');

  return { engine, facts: facts as EngineLogFacts, flags, notes };
}

/** How each fact is shown (`report/i18n` formats it in the locale's way). */
export type FactUnit = 'gib' | 'tokens' | 'bytes' | 'count' | 'fraction' | 'times' | 'text';
export const FACT_UNITS: Readonly<Record<FactKey, FactUnit>> = {
  weights_gib: 'gib',
  kv_cache_memory_gib: 'gib',
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
  max_num_batched_tokens: 'tokens',
  tensor_parallel: 'count',
  kv_cache_dtype: 'text',
};
