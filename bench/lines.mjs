// Varied, deterministic batch input for the benchmarks and the byte-identity test.
//
// Every field is drawn from a seeded generator (xorshift128+, read from its HIGH bits: the low bits of
// an LCG repeat with a short period, which once made 99.5 % of 200,000 lines the same model and
// server). The lines cover every built-in model, server and storage profile, every KV precision (or
// the model's default), contexts from 1 token to past every model's maximum, all four memory models
// with tensor and pipeline parallelism and engine settings, and the optional knobs. About 9 % of the
// lines are infeasible (huge overheads, small servers) and about 1.5 % invalid (not JSON, a bad value,
// an unknown name or field, a layout the model or the server cannot take).
//
// A line is one of N deployment configurations (model, server, precision, context, layout, budget;
// N = 2,000 by default, each drawn uniformly) with its own traffic (concurrency, storage, headroom,
// HA): a batch sizes many traffic levels per deployment. `configurations: 0` draws a new one per line.
import { readFileSync } from 'node:fs';

const data = (name) => JSON.parse(readFileSync(new URL(`../src/catalog/data/${name}.json`, import.meta.url), 'utf8'));
const entries = (doc) => (Array.isArray(doc) ? doc : Object.values(doc).find(Array.isArray));
const names = (doc) => entries(doc).map((e) => e.name);

export const MODELS = names(data('models'));
export const SERVERS = names(data('servers'));
export const STORAGE = names(data('storage'));
const GPUS = new Map(entries(data('servers')).map((e) => [e.name, e.gpus]));
const HEADS = new Map(entries(data('models')).map((e) => [e.name, e.num_attention_heads]));
export const PRECISIONS = ['fp8', 'int8', 'fp16', 'bf16', undefined];
export const CONTEXTS = [1, 2048, 4096, 8192, 32768, 65536, 131072, 200000, 1_000_000];
export const MEMORY_MODELS = ['seed', 'vllm', 'sglang', 'trtllm'];
export const TENSOR_PARALLEL = [1, 2, 4, 8];
export const PIPELINE_PARALLEL = [1, 1, 1, 2, 4];

/** A seeded generator of uniform floats in [0, 1) from xorshift128+'s high 53 bits. */
export function random(seed = 12345) {
  let s0 = BigInt(seed) | 1n;
  let s1 = 0x9e3779b97f4a7c15n ^ BigInt(seed);
  const MASK = (1n << 64n) - 1n;
  return () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x = (x ^ (x << 23n)) & MASK;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return Number(((s1 + y) & MASK) >> 11n) / 2 ** 53;
  };
}

/** One deployment configuration: everything but the traffic (model, server, precision, context, layout, budget). */
function configuration(r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const maybe = (p) => r() < p;
  const q = {};
  q.model = pick(MODELS);
  q.server = pick(SERVERS);
  q.effective_context = maybe(0.8) ? pick(CONTEXTS) : 1 + Math.floor(r() * 300_000);
  const precision = pick(PRECISIONS);
  if (precision !== undefined) q.kv_precision = precision;
  if (maybe(0.4)) q.kv_budget_ratio = pick([0.5, 0.6, 0.7, 0.8, 0.9, 0.95]);
  if (maybe(0.4)) q.runtime_overhead_gib = pick([0, 20, 40, 90.5, 120, 400, 900, 1200, 3000]);
  if (maybe(0.5)) {
    const memoryModel = pick(MEMORY_MODELS);
    q.memory_model = memoryModel;
    // Mostly layouts that fit the server's GPUs and the model's heads; the others are refused (invalid lines).
    const gpus = GPUS.get(q.server);
    do {
      q.tensor_parallel = pick(TENSOR_PARALLEL);
      q.pipeline_parallel = pick(PIPELINE_PARALLEL);
    } while ((q.tensor_parallel * q.pipeline_parallel > gpus || (HEADS.get(q.model) ?? 1) % q.tensor_parallel !== 0) && maybe(0.97));
    if (maybe(0.1)) q.replicas_per_node = 1;
    if (memoryModel === 'vllm' && maybe(0.3)) q.gpu_memory_utilization = pick([0.8, 0.9, 0.95]);
    if (memoryModel === 'vllm' && maybe(0.2)) q.block_size = pick([16, 32]);
    if (memoryModel === 'sglang' && maybe(0.3)) q.mem_fraction_static = pick([0.8, 0.88]);
    if (memoryModel === 'trtllm' && maybe(0.3)) q.free_gpu_memory_fraction = pick([0.85, 0.9]);
    if (memoryModel !== 'seed' && maybe(0.1)) q.kv_cache_memory_gib = pick([20, 50.5, 100]);
    if (memoryModel !== 'seed' && maybe(0.1)) q.weights_gib = pick([15, 60, 250]);
  } else if (maybe(0.1)) q.params_b = pick([7, 70.6, 400]);
  return q;
}

/**
 * One request object per line. Each line takes one of `configurations` deployment configurations
 * (drawn as above; 0: a new one for every line) and its own traffic and policy: concurrency (1 to
 * 1,000,000, log-uniform), storage profile, peak headroom, HA mode and sometimes an id.
 */
export function batchRequests(count, { seed = 12345, configurations = 2000 } = {}) {
  const r = random(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const maybe = (p) => r() < p;
  const pool = Array.from({ length: configurations }, () => configuration(r));
  const out = [];
  for (let i = 0; i < count; i++) {
    const q = {};
    if (maybe(0.25)) q.id = maybe(0.5) ? i : `req-${i}`;
    const { model, server, ...rest } = configurations > 0 ? pool[Math.floor(r() * pool.length)] : configuration(r);
    q.model = model;
    q.server = server;
    q.storage = pick(STORAGE);
    q.concurrency = Math.max(1, Math.round(10 ** (r() * 6)));
    Object.assign(q, rest);
    if (maybe(0.4)) q.peak_headroom_ratio = pick([0, 0.1, 0.2, 0.35, 0.6]);
    if (maybe(0.4)) q.ha = pick(['none', 'n+1', 'n+2']);
    out.push(q);
  }
  return out;
}

/** The text of each line: the requests as JSON, with about 1 % of them broken on purpose. */
export function batchLineTexts(count, options = {}) {
  const r = random((options.seed ?? 12345) ^ 0x5bd1e995);
  return batchRequests(count, options).map((q) => {
    const u = r();
    if (u < 0.002) return '{"model": "opt-oss-120b", "server": ';
    if (u < 0.004) return JSON.stringify({ ...q, concurrency: 'many' });
    if (u < 0.006) return JSON.stringify({ ...q, model: `${q.model}-x` });
    if (u < 0.008) return JSON.stringify({ ...q, kv_precison: 'fp8' });
    if (u < 0.01) return JSON.stringify({ ...q, effective_context: -1 });
    return JSON.stringify(q);
  });
}

/** The whole input file's text (newline-terminated lines). */
export function batchText(count, options = {}) {
  return `${batchLineTexts(count, options).join('\n')}\n`;
}
