/**
 * The tables of the built-in catalog in docs/catalog.md ("The built-in catalog": models, servers,
 * storage profiles) cannot drift from it: every entry has a row, in the catalog's order, and every figure of a
 * row is what the CLI stores (`llm-sizing catalog --json`) or computes (`--json-only`: the KV bytes per
 * token of context and the constant bytes per session at bf16, the weights). The `config.json` files
 * the documents size (docs/examples/hf/NAME/config.json) are the fixtures the catalog was imported from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayerGroupSpec, ModelEntry, ServerEntry, StorageEntry } from '../../src/schema/catalog.ts';
import { ROOT, runCli } from './cli.ts';

const DOC = readFileSync(join(ROOT, 'docs', 'catalog.md'), 'utf8');

interface Table {
  readonly header: readonly string[];
  /** Cells as written (links and code marks kept). */
  readonly rows: readonly (readonly string[])[];
}

function cellsOf(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
}

/** Every Markdown table of a text: its header cells (code marks removed) and its rows. */
function tables(markdown: string): Table[] {
  const lines = markdown.split('\n');
  const out: Table[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !/^\|[\s|:-]+\|$/.test(lines[i + 1]!)) continue;
    const header = cellsOf(lines[i]!).map(plain);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(cellsOf(lines[j]!));
    out.push({ header, rows });
    i = j;
  }
  return out;
}

/** A cell without code marks and with links reduced to their text. */
function plain(cell: string): string {
  return cell.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
}

function tableStartingWith(first: string, must: string): Table {
  const found = tables(DOC).filter((t) => t.header[0] === first && t.header.includes(must));
  expect(found, `docs/catalog.md: one table whose header starts "| ${first} |" and has a "${must}" column`).toHaveLength(1);
  return found[0]!;
}

/** A number as the document writes it: `1,207,959,552`, `0.53125`. */
function num(text: string): number {
  expect(text, 'a number').toMatch(/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/);
  return Number(text.replace(/,/g, ''));
}

/** A number, or null for "—". */
function numOrDash(text: string): number | null {
  return text === '—' ? null : num(text);
}

const int = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The layer groups of an entry: its `kv_layers`, or the original fields mapped as src/core/layers.ts does. */
function groupsOf(m: ModelEntry): LayerGroupSpec[] {
  if (m.kv_layers) return [...m.kv_layers];
  const geometry = { kv_heads: m.num_key_value_heads, head_dim: m.head_dim };
  const window = m.sliding_window ?? 0;
  if (m.attention_pattern === 'full') return [{ kind: 'full', count: m.num_layers, ...geometry }];
  if (m.attention_pattern === 'sliding') return [{ kind: 'sliding', count: m.num_layers, window, ...geometry }];
  const out: LayerGroupSpec[] = [];
  if ((m.hybrid_full_layers ?? 0) > 0) out.push({ kind: 'full', count: m.hybrid_full_layers ?? 0, ...geometry });
  if ((m.hybrid_sliding_layers ?? 0) > 0) out.push({ kind: 'sliding', count: m.hybrid_sliding_layers ?? 0, window, ...geometry });
  return out;
}

/** "Layer kinds" as the document writes them: `18 sliding, window 128 (8 × 64) + 18 full (8 × 64)`. */
function layerKinds(groups: readonly LayerGroupSpec[]): string {
  const heads = (g: { kv_heads: number; head_dim: number; v_head_dim?: number | undefined }) =>
    `(${g.kv_heads} × ${g.head_dim}${g.v_head_dim !== undefined && g.v_head_dim !== g.head_dim ? `, V ${g.v_head_dim}` : ''})`;
  const state = (bytes: number | null) => (bytes === null ? 'state unknown' : `state ${int(bytes)} B`);
  return groups
    .map((g) => {
      switch (g.kind) {
        case 'full':
          return `${g.count} full ${heads(g)}`;
        case 'sliding':
          return `${g.count} sliding, window ${int(g.window)} ${heads(g)}`;
        case 'chunked':
          return `${g.count} chunked, chunk ${int(g.chunk)} ${heads(g)}`;
        case 'mla':
          return `${g.count} MLA (${g.kv_lora_rank} + ${g.qk_rope_head_dim}${g.indexer_head_dim ? `, indexer ${g.indexer_head_dim}` : ''})`;
        case 'linear_attention':
          return `${g.count} linear attention (${state(g.state_bytes)})`;
        case 'mamba':
          return `${g.count} Mamba2 (${state(g.state_bytes)})`;
        case 'none':
          return `${g.count} no KV`;
      }
    })
    .join(' + ');
}

/** The sentence of the notes that says where the parameter count comes from (scripts/gen-model-catalog.mjs). */
function paramsSource(m: ModelEntry): string | undefined {
  return /Parameters: (.*?)\.?$/.exec(m.notes ?? '')?.[1];
}

interface KvAtBf16 {
  readonly bytes_per_context_token: number;
  readonly constant_bytes: number;
  readonly weights_gib: number | null;
}

/** What the CLI computes for a built-in model at bf16 (the figures do not depend on the context). */
async function kvAtBf16(model: string): Promise<KvAtBf16> {
  const run = await runCli(['--model', model, '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1', '--effective-context', '1', '--kv-precision', 'bf16', '--json-only']);
  expect([0, 3], run.stderr).toContain(run.status);
  return (JSON.parse(run.stdout) as { kv_cache: KvAtBf16 }).kv_cache;
}

const catalogRun = await runCli(['catalog', '--json']);
const catalog = JSON.parse(catalogRun.stdout) as { models: ModelEntry[]; servers: ServerEntry[]; profiles: StorageEntry[] };

const MODEL_HEADER = [
  'model',
  'hf_repo',
  'layer kinds (KV heads × head dim)',
  'KV bytes per token of context (bf16)',
  'constant bytes per session (bf16)',
  'max context',
  'weights, GiB (bytes per parameter)',
  'parameters, billions',
  'where the parameter count comes from',
];

describe('docs/catalog.md: the built-in models table', () => {
  const table = tableStartingWith('model', 'hf_repo');
  const rowOf = new Map(table.rows.map((r) => [plain(r[0] ?? ''), r]));

  it('has the expected columns', () => {
    expect(table.header).toEqual(MODEL_HEADER);
  });

  it('lists every built-in model once, in the catalog order', () => {
    expect(catalogRun.status).toBe(0);
    expect(table.rows.map((r) => plain(r[0] ?? ''))).toEqual(catalog.models.map((m) => m.name));
  });

  it.each(catalog.models.map((m) => [m.name, m] as const))('%s', async (name, m) => {
    const row = rowOf.get(name);
    expect(row, `no row for ${name}`).toBeDefined();
    if (!row) return;
    const [, repo = '', kinds = '', perToken = '', constant = '', maxContext = '', weights = '', params = '', source = ''] = row;
    // hf_repo: a link to the repository, or "—".
    if (m.hf_repo) expect(repo).toBe(`[${m.hf_repo}](https://huggingface.co/${m.hf_repo})`);
    else expect(repo).toBe('—');
    expect(kinds, 'layer kinds').toBe(layerKinds(groupsOf(m)));
    const kv = await kvAtBf16(name);
    expect(num(perToken), 'KV bytes per token of context').toBe(kv.bytes_per_context_token);
    expect(num(constant), 'constant bytes per session').toBe(kv.constant_bytes);
    const context = /^([\d,]+)( \(assumed\))?$/.exec(maxContext);
    expect(context, `max context "${maxContext}"`).not.toBeNull();
    expect(num(context?.[1] ?? ''), 'max context').toBe(m.max_position_embeddings);
    expect(context?.[2] !== undefined, '"(assumed)" exactly when max_position_embeddings_assumed').toBe(m.max_position_embeddings_assumed === true);
    if (kv.weights_gib === null) expect(weights).toBe('—');
    else {
      const w = /^([\d,.]+) \(([\d.]+)\)$/.exec(weights);
      expect(w, `weights "${weights}"`).not.toBeNull();
      expect(num(w?.[1] ?? ''), 'weights, GiB').toBe(Number(kv.weights_gib.toFixed(1)));
      expect(num(w?.[2] ?? ''), 'bytes per parameter').toBe(m.weights_bytes_per_param ?? 2);
    }
    expect(numOrDash(params), 'parameters').toBe(m.total_params_b ?? null);
    expect(source, 'where the parameter count comes from').toBe(paramsSource(m) ?? '—');
  });
});

const SERVER_HEADER = [
  'server',
  'GPU',
  'GPUs × GB',
  'memory bandwidth per GPU',
  'dense BF16 / FP8 TFLOPS per GPU',
  'GPU-to-GPU per GPU (node aggregate)',
  'power',
  'sources',
];
const INTERCONNECT = { nvlink: 'NVLink', infinity_fabric: 'Infinity Fabric', pcie: 'PCIe' } as const;

describe('docs/catalog.md: the built-in servers table', () => {
  const table = tableStartingWith('server', 'sources');
  const rowOf = new Map(table.rows.map((r) => [plain(r[0] ?? ''), r]));

  it('has the expected columns', () => {
    expect(table.header).toEqual(SERVER_HEADER);
  });

  it('lists every built-in server once, in the catalog order', () => {
    expect(table.rows.map((r) => plain(r[0] ?? ''))).toEqual(catalog.servers.map((s) => s.name));
  });

  it.each(catalog.servers.map((s) => [s.name, s] as const))('%s', (name, s) => {
    const row = rowOf.get(name);
    expect(row, `no row for ${name}`).toBeDefined();
    if (!row) return;
    const [, gpu = '', memory = '', bandwidth = '', tflops = '', interconnect = '', power = '', sources = ''] = row;
    if (s.gpu_model) {
      expect(gpu.startsWith(`${s.vendor} ${s.gpu_model}, ${s.memory_type}`), `GPU "${gpu}"`).toBe(true);
      expect(gpu.includes('tray'), 'says "tray" exactly for a tray').toBe(s.form_factor === 'tray');
      expect(gpu.includes('rack'), 'says "rack" exactly for a rack').toBe(s.form_factor === 'rack');
    } else expect(gpu.startsWith('—'), 'no GPU model: "—"').toBe(true);

    const m = /^(\d+) × ([\d,.]+) = ([\d,.]+) GB$/.exec(memory);
    expect(m, `GPUs × GB "${memory}"`).not.toBeNull();
    expect([Number(m?.[1]), num(m?.[2] ?? ''), num(m?.[3] ?? '')]).toEqual([s.gpus, s.hbm_per_gpu_gb, s.total_hbm_gb ?? s.gpus * s.hbm_per_gpu_gb]);

    if (s.memory_bandwidth_tbps_per_gpu == null) expect(bandwidth).toBe('—');
    else {
      expect(bandwidth).toMatch(/ TB\/s$/);
      expect(num(bandwidth.replace(/ TB\/s$/, ''))).toBe(s.memory_bandwidth_tbps_per_gpu);
    }

    const bf16 = s.bf16_dense_tflops_per_gpu ?? null;
    const fp8 = s.fp8_dense_tflops_per_gpu ?? null;
    if (bf16 === null && fp8 === null) expect(tflops).toBe('—');
    else {
      const t = /^(.+) \/ (.+)$/.exec(tflops);
      expect(t, `TFLOPS "${tflops}"`).not.toBeNull();
      expect([numOrDash(t?.[1] ?? ''), numOrDash(t?.[2] ?? '')]).toEqual([bf16, fp8]);
    }

    const ic = /^(?:(NVLink|Infinity Fabric|PCIe) ([\d,.]+) GB\/s|—)(?: \(([\d,.]+) TB\/s\))?$/.exec(interconnect);
    expect(ic, `interconnect "${interconnect}"`).not.toBeNull();
    expect(ic?.[1] ?? null, 'interconnect').toBe(s.interconnect ? INTERCONNECT[s.interconnect] : null);
    expect(ic?.[2] === undefined ? null : num(ic[2]), 'GPU-to-GPU GB/s').toBe(s.interconnect ? (s.interconnect_bandwidth_gbps_per_gpu ?? null) : null);
    expect(ic?.[3] === undefined ? null : num(ic[3]), 'node aggregate TB/s').toBe(s.nvlink_bandwidth_tbps ?? null);

    if (s.power_kw == null) expect(power).toBe('—');
    else {
      expect(power).toMatch(/ kW$/);
      expect(num(power.replace(/ kW$/, ''))).toBe(s.power_kw);
    }

    const links = [...sources.matchAll(/\]\((https:\/\/[^)\s]+)\)/g)].map((x) => x[1]);
    if (s.sources && s.sources.length > 0) expect(links, 'sources, as links, in order').toEqual(s.sources);
    else expect(sources).toBe('—');
  });
});

describe('docs/catalog.md: the built-in storage profiles table', () => {
  const table = tableStartingWith('storage profile', 'type');

  it('lists every built-in profile once, in the catalog order, with its figures', () => {
    expect(table.rows.map((r) => plain(r[0] ?? ''))).toEqual(catalog.profiles.map((p) => p.name));
    for (const [i, p] of catalog.profiles.entries()) {
      const [, type = '', gbps = '', iops = '', p99 = ''] = table.rows[i] ?? [];
      const pair = (cell: string) => cell.split(' / ').map(num);
      expect(type, p.name).toBe(p.type);
      expect(pair(gbps), `${p.name} GB/s`).toEqual([p.throughput_read_gbps, p.throughput_write_gbps]);
      expect(pair(iops), `${p.name} IOPS`).toEqual([p.iops_read, p.iops_write]);
      expect(pair(p99), `${p.name} p99`).toEqual([p.latency_read_ms_p99, p.latency_write_ms_p99]);
    }
  });
});

describe('docs/examples/hf: copies of the configs the catalog was imported from', () => {
  const dir = join(ROOT, 'docs', 'examples', 'hf');
  const fixtures = readdirSync(join(ROOT, 'test', 'fixtures', 'hf-configs'));
  const copies = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());

  it('has copies', () => {
    expect(copies.length).toBeGreaterThan(0);
  });

  it.each(copies.map((d) => [d.name] as const))('%s/config.json', (name) => {
    const fixture = fixtures.find((f) => f.replace(/\.json$/, '').replace(/^.*__/, '').replace(/\.derived-copy$/, '') === name);
    expect(fixture, `no fixture for ${name}`).toBeDefined();
    expect(readFileSync(join(dir, name, 'config.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'test', 'fixtures', 'hf-configs', fixture ?? ''), 'utf8'));
    expect(catalog.models.some((m) => m.name === name), `${name} is a built-in model`).toBe(true);
  });
});
