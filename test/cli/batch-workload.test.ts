/**
 * `batch` with the workload fields (issue 10): lines with input/output tokens, a request rate and
 * latency targets carry `workload` and each scenario's `performance`; their node counts, through
 * `--fields` too, are the whole sizing's; a line without them is byte for byte what it was.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compileFields } from '../../src/app/fields.ts';
import { sizeRequest } from '../../src/app/size-request.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { batchStream, successLine } from '../../src/cli/batch.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { renderContext } from '../../src/report/context.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import type { Locale } from '../../src/report/format.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);

async function runBatch(lines: readonly unknown[], locale: Locale, fields?: readonly string[]): Promise<Record<string, unknown>[]> {
  const chunks: Buffer[] = [];
  const compiled = fields ? compileFields(fields) : undefined;
  if (compiled && !compiled.ok) throw new Error('bad fields');
  const text = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
  await batchStream(Readable.from([text]), 'test', catalog, renderContext({ locale }), (b) => chunks.push(Buffer.from(b)), undefined, { fields: compiled?.value });
  return Buffer.concat(chunks).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

const BASE = { model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', effective_context: 8192, kv_precision: 'fp8' };
const LINES = [
  { ...BASE, concurrency: 1000 },
  { ...BASE, concurrency: 1000, input_tokens: 2048, output_tokens: 512 },
  { ...BASE, concurrency: 1000, input_tokens: 2048, output_tokens: 512, tpot_p99_ms: 40, ttft_p99_ms: 2000 },
  { ...BASE, request_rate: 20, input_tokens: '2k', output_tokens: 512, tpot_p99_ms: 40 },
  { ...BASE, concurrency: 500, memory_model: 'vllm', tensor_parallel: 2, tpot_p99_ms: 50 },
  { ...BASE, concurrency: 100, tpot_p99_ms: 1 },
  { ...BASE, concurrency: 10, request_rate: 2 },
  { ...BASE, input_tokens: 1024 },
  { ...BASE, server: 'dgx300', concurrency: 10, tpot_p99_ms: 40 },
];

describe('batch with the workload fields', () => {
  for (const locale of ['en', 'pt-BR'] as const) {
    it(`lines carry workload and performance, equal to the whole sizing's (${locale})`, async () => {
      const out = await runBatch(LINES, locale);
      expect(out).toHaveLength(LINES.length);
      const ctx = renderContext({ locale });
      for (let i = 0; i < LINES.length; i++) {
        const sized = sizeRequest(LINES[i], catalog, `test:${i + 1}`);
        if (!sized.ok) {
          expect(out[i]).toHaveProperty('error');
          continue;
        }
        expect(out[i]).toEqual(JSON.parse(successLine(i + 1, undefined, sized.value, ctx)));
        const hasWorkload = i > 0;
        expect('workload' in out[i]!).toBe(hasWorkload);
        const scenarios = out[i]!.scenarios as Record<string, Record<string, unknown>>;
        for (const k of SCENARIO_KEYS) {
          expect('performance' in scenarios[k]!).toBe(hasWorkload);
          expect(scenarios[k]!.results).toEqual(sized.value.scenarios[k].results);
        }
      }
      // The bad lines: both loads, neither load, a server without performance figures.
      expect((out[6]!.error as { field: string }).field).toBe('request_rate');
      expect((out[7]!.error as { field: string }).field).toBe('concurrency');
      expect(JSON.stringify(out[8]!.error)).toContain('perf_figures_missing');
      // The unreachable target: infeasible, with its alert.
      expect(out[5]!.feasible).toBe(false);
      expect((out[5]!.alerts as { code: string }[]).map((a) => a.code)).toContain('slo_unreachable');
    });
  }

  it('--fields nodes gives the whole sizing’s node counts on workload lines (and their repeats)', async () => {
    const lines = [...LINES, ...LINES];
    const whole = await runBatch(lines, 'en');
    const fields = await runBatch(lines, 'en', ['nodes']);
    for (let i = 0; i < lines.length; i++) {
      if ('error' in whole[i]!) continue;
      const s = whole[i]!.scenarios as Record<string, { results: { nodes_final: number | null } }>;
      expect(fields[i]!.nodes).toEqual({ minimum: s.minimum!.results.nodes_final, recommended: s.recommended!.results.nodes_final, ideal: s.ideal!.results.nodes_final });
    }
  });
});

describe('batch with storage fields and an offload tier (issue 12)', () => {
  const STORAGE_LINES = [
    { ...BASE, concurrency: 100 },
    { ...BASE, concurrency: 100, storage_placement: 'shared' },
    { ...BASE, concurrency: 100, offload_tier: 'dram', idle_session_fraction: 0.5 },
    { ...BASE, concurrency: 100, storage_placement: 'local', offload_tier: 'dram', idle_session_fraction: 0.3 },
  ];
  for (const locale of ['en', 'pt-BR'] as const) {
    it(`a line carries storage_recovery and offload exactly when its request asks, as the --json-only document has them (${locale})`, async () => {
      const out = await runBatch(STORAGE_LINES, locale);
      const ctx = renderContext({ locale });
      STORAGE_LINES.forEach((line, i) => {
        const sized = sizeRequest(line, catalog, `test:${i + 1}`);
        expect(sized.ok).toBe(true);
        if (!sized.ok) return;
        const doc = toJsonDocument(sized.value, { locale }) as unknown as Record<string, unknown>;
        expect(out[i]).toEqual(JSON.parse(successLine(i + 1, undefined, sized.value, ctx)));
        expect(out[i]!.storage_recovery).toEqual(doc.storage_recovery);
        expect(out[i]!.offload).toEqual(doc.offload);
        expect('storage_recovery' in out[i]!).toBe('storage_placement' in line);
        expect('offload' in out[i]!).toBe('offload_tier' in line);
      });
    });
  }
});
