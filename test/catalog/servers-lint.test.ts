/**
 * Lint of the shipped server catalog (src/catalog/data/servers.json): every entry passes the schema
 * and the rules, and every data-sheet entry is sourced, complete and physically plausible. The two
 * original tool's entries (dgx300, dgx200) carry no data-sheet fields and are exempt from those checks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../../src/catalog/load.ts';
import type { ServerEntry } from '../../src/schema/catalog.ts';

const FILE = 'servers.json';
const text = readFileSync(fileURLToPath(new URL(`../../src/catalog/data/${FILE}`, import.meta.url)), 'utf8');
const parsed = parseCatalogFile('servers', text, FILE);
const servers: ServerEntry[] = parsed.ok ? parsed.value : [];
const ORIGINAL = new Set(['dgx300', 'dgx200']);
const sheets = servers.filter((s) => !ORIGINAL.has(s.name));
const byName = (name: string): ServerEntry => {
  const found = servers.find((s) => s.name === name);
  if (!found) throw new Error(`no built-in server ${name}`);
  return found;
};

describe('servers.json as a whole', () => {
  it('passes the schema and every consistency rule', () => {
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it('keeps every entry of the file (none dropped by the parser)', () => {
    expect(servers).toHaveLength((JSON.parse(text) as { servers: unknown[] }).servers.length);
  });

  it("starts with the original tool's two entries, in order", () => {
    expect(servers.slice(0, 2).map((s) => s.name)).toEqual(['dgx300', 'dgx200']);
  });

  it('has unique names', () => {
    const names = servers.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('has data-sheet entries besides the original two', () => {
    expect(sheets.length).toBeGreaterThan(0);
  });
});

describe.each(servers.map((s) => [s.name, s] as const))('server %s', (_name, s) => {
  it('states a total that is exactly gpus × per-GPU memory', () => {
    expect(s.total_hbm_gb).toBe(s.gpus * s.hbm_per_gpu_gb);
  });

  // Smallest data-center part in the catalog is 48 GB (L40S), largest 288 GB (B300, MI355X): a figure
  // outside 24–300 GB is a typo or a node total written as a per-GPU figure.
  it('has a per-GPU memory between 24 and 300 GB', () => {
    expect(s.hbm_per_gpu_gb).toBeGreaterThanOrEqual(24);
    expect(s.hbm_per_gpu_gb).toBeLessThanOrEqual(300);
  });
});

describe.each(sheets.map((s) => [s.name, s] as const))('data-sheet entry %s', (_name, s) => {
  it('has a short lowercase name of letters and digits joined by dashes', () => {
    expect(s.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('lists at least one source, every one an https:// URL', () => {
    expect(s.sources?.length ?? 0).toBeGreaterThan(0);
    for (const url of s.sources ?? []) {
      expect(url).toMatch(/^https:\/\//);
      expect(() => new URL(url)).not.toThrow();
    }
  });

  it('names its vendor, GPU, form factor, memory type and interconnect, and explains itself in notes', () => {
    expect(s.vendor).toBeTruthy();
    expect(s.gpu_model).toBeTruthy();
    expect(s.form_factor).toBeTruthy();
    expect(s.memory_type).toBeTruthy();
    expect(s.interconnect).toBeTruthy();
    expect(s.notes?.length ?? 0).toBeGreaterThan(20);
  });

  // Plausibility bands for 2020–2025 data-center GPUs: 0.5–10 TB/s of memory bandwidth and
  // 100–5,000 dense BF16 TFLOPS per GPU. A sparse figure left unhalved, or TB/s written as GB/s, falls out.
  it('has a positive memory bandwidth per GPU between 0.5 and 10 TB/s', () => {
    expect(s.memory_bandwidth_tbps_per_gpu).toBeGreaterThanOrEqual(0.5);
    expect(s.memory_bandwidth_tbps_per_gpu).toBeLessThanOrEqual(10);
  });

  it('has a positive dense BF16 figure per GPU between 100 and 5,000 TFLOPS', () => {
    expect(s.bf16_dense_tflops_per_gpu).toBeGreaterThanOrEqual(100);
    expect(s.bf16_dense_tflops_per_gpu).toBeLessThanOrEqual(5000);
  });

  // On every part here that has FP8 (Hopper, Ada, Blackwell, CDNA 3/4) the tensor units run FP8 at
  // twice the BF16 rate, dense against dense. A ratio far from 2 means one figure is sparse and the
  // other dense (ratio 1 or 4), or a typo. L40S (733 / 362.05 = 2.02) is the widest case.
  it('has dense FP8 at about twice dense BF16 when it has FP8 at all', () => {
    const fp8 = s.fp8_dense_tflops_per_gpu;
    if (fp8 === null || fp8 === undefined) return;
    const ratio = fp8 / (s.bf16_dense_tflops_per_gpu ?? Number.NaN);
    expect(ratio).toBeGreaterThanOrEqual(1.9);
    expect(ratio).toBeLessThanOrEqual(2.1);
  });

  it('has a positive GPU-to-GPU bandwidth per GPU', () => {
    expect(s.interconnect_bandwidth_gbps_per_gpu).toBeGreaterThan(0);
  });

  // The node's NVLink aggregate is its GPUs' per-GPU NVLink bandwidth summed (NVIDIA rounds the NVL72
  // rack's 72 × 1.8 = 129.6 TB/s to 130): a mismatch means one of the two figures is for another part.
  it('states an NVLink aggregate that matches gpus × per-GPU NVLink, and none without NVLink', () => {
    if (s.interconnect === 'nvlink') {
      const sum = (s.gpus * (s.interconnect_bandwidth_gbps_per_gpu ?? Number.NaN)) / 1000;
      expect(s.nvlink_bandwidth_tbps).toBeGreaterThan(0);
      expect(Math.abs((s.nvlink_bandwidth_tbps ?? Number.NaN) - sum) / sum).toBeLessThan(0.01);
    } else {
      expect(s.nvlink_bandwidth_tbps ?? null).toBeNull();
    }
  });

  it('states a positive power when it states one', () => {
    if (s.power_kw !== null && s.power_kw !== undefined) expect(s.power_kw).toBeGreaterThan(0);
  });
});

describe('relations between entries', () => {
  it('the GB200 NVL72 rack is 18 compute trays: 18 × the GPUs and 18 × the memory of one tray', () => {
    const tray = byName('gb200-nvl72-tray');
    const rack = byName('gb200-nvl72-rack');
    expect([tray.form_factor, rack.form_factor]).toEqual(['tray', 'rack']);
    expect(rack.gpus).toBe(18 * tray.gpus);
    expect(rack.total_hbm_gb).toBe(18 * (tray.total_hbm_gb ?? Number.NaN));
  });

  it('the GB200 NVL72 tray and rack describe the same GPU', () => {
    const tray = byName('gb200-nvl72-tray');
    const rack = byName('gb200-nvl72-rack');
    const perGpu = (s: ServerEntry) => [s.gpu_model, s.hbm_per_gpu_gb, s.memory_bandwidth_tbps_per_gpu, s.bf16_dense_tflops_per_gpu, s.fp8_dense_tflops_per_gpu];
    expect(perGpu(rack)).toEqual(perGpu(tray));
  });

  it.each([
    ['dgx-h200', 'dgx200'],
    ['dgx-b300', 'dgx300'],
  ])('%s has the GPUs and memory of the original %s', (sheet, original) => {
    const a = byName(sheet);
    const b = byName(original);
    expect([a.gpus, a.hbm_per_gpu_gb, a.total_hbm_gb]).toEqual([b.gpus, b.hbm_per_gpu_gb, b.total_hbm_gb]);
  });

  it('dgx-b300 states the NVLink aggregate of the original dgx300', () => {
    expect(byName('dgx-b300').nvlink_bandwidth_tbps).toBe(byName('dgx300').nvlink_bandwidth_tbps);
  });

  it('the A100 entry has no FP8 figure, since A100 has no FP8', () => {
    expect(byName('a100-80gb-8').fp8_dense_tflops_per_gpu).toBeNull();
  });
});
