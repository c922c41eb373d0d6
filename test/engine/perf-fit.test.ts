/**
 * The calibration is data made by a program: a fresh fit on the transcribed measurements must give
 * exactly src/catalog/data/perf-calibration.json and the leave-one-out table of
 * docs/performance-model.md (regenerate both with `node scripts/fit-perf.mjs`; never edit them).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitResult } from '../../scripts/fit-bundle.mjs';
import { type runFit, TABLE_END, TABLE_START, MEASUREMENTS } from '../../src/engines/perf/fit-report.ts';
import { conformityScore, MEASURED_KEYS, predictionInterval, predictRow, predictRowScaled, prepareRows } from '../../src/engines/perf/fit.ts';
import { PerfCalibrationFileSchema } from '../../src/schema/perf-calibration.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';

const file = (p: string) => readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)), 'utf8');

describe('performance calibration', () => {
  // In a hook, not while the file's tests are collected: vitest orders files by the time their tests
  // and hooks took in the last run (collection not counted), longest first, so that this file's
  // seconds of fitting start early instead of being the run's last seconds with one worker busy.
  // Collection had no time limit; the hook gets a generous one of its own (vitest.config.ts's 60 s
  // default was exceeded on 2 CPUs at a load average of 13).
  let fit: ReturnType<typeof runFit>;
  beforeAll(async () => {
    // The fit as scripts/fit-perf.mjs runs it: bundled, loaded by node's require; its result remembered
    // under the bundle's text, so that a run of the same sources does not fit again (scripts/fit-bundle.mjs).
    fit = (await fitResult()).result;
  }, 600_000);

  it('perf-calibration.json is what the fit gives (no hand edits)', () => {
    expect(file('src/catalog/data/perf-calibration.json')).toBe(fit.json);
  });

  it("docs/performance-model.md's leave-one-out table is what the fit gives", () => {
    const doc = file('docs/performance-model.md');
    const a = doc.indexOf(TABLE_START);
    const b = doc.indexOf(TABLE_END);
    expect(a).toBeGreaterThan(-1);
    expect(doc.slice(a + TABLE_START.length, b).trim()).toBe(fit.table.trim());
  });

  it('the calibration file passes its schema', () => {
    const r = PerfCalibrationFileSchema.safeParse(JSON.parse(file('src/catalog/data/perf-calibration.json')));
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('every calibration row names a catalog model and server, and has a source', () => {
    for (const row of MEASUREMENTS.serving) {
      expect(BUILTIN_CATALOG.models.some((m) => m.name === row.model), row.id).toBe(true);
      expect(BUILTIN_CATALOG.servers.some((s) => s.name === row.server), row.id).toBe(true);
      expect(row.source.length, row.id).toBeGreaterThan(10);
    }
    expect(MEASUREMENTS.serving.map((r) => r.id)).toEqual(Array.from({ length: 47 }, (_, i) => `C${i + 1}`));
  });

  it('the fitted efficiencies stay under the kernel-measured ceilings', () => {
    for (const c of Object.values(fit.fit.constants)) {
      expect(c.bandwidth_efficiency).toBeLessThanOrEqual(fit.fit.kernel.bandwidth_ceiling);
      expect(c.compute_efficiency).toBeLessThanOrEqual(fit.fit.kernel.compute_ceiling);
    }
  });

  it("a value's conformity score is the time scale at which the model meets it; its interval holds it exactly when the score is within the factors", () => {
    const rows = prepareRows(MEASUREMENTS.serving, BUILTIN_CATALOG);
    const k = fit.fit.kernel;
    for (const p of rows) {
      const c = { ...fit.fit.constants[p.row.engine], kv_bandwidth_efficiency: k.kv_bandwidth_efficiency, attention_compute_efficiency: k.attention_compute_efficiency };
      const pred = predictRow(p, c);
      for (const key of MEASURED_KEYS) {
        const m = p.row.measured[key];
        if (m === undefined) continue;
        const q = conformityScore(p, c, key, m, pred[key]!);
        if (key === 'output_tokens_per_s' || p.load.kind !== 'rate') {
          expect(q, `${p.row.id} ${key}`).toBeCloseTo(m / pred[key]!, 12);
        } else {
          // The figure grows with q and may jump to ∞ where the queue saturates: q is where it crosses m.
          expect(predictRowScaled(p, c, q * (1 - 1e-6))[key]!, `${p.row.id} ${key}`).toBeLessThanOrEqual(m * (1 + 1e-4));
          expect(predictRowScaled(p, c, q * (1 + 1e-6))[key]!, `${p.row.id} ${key}`).toBeGreaterThanOrEqual(m * (1 - 1e-4));
          const inside = predictionInterval(p, c, key, pred[key]!, { low: Math.min(1, q * 0.99), high: Math.max(1, q * 1.01) });
          expect(m >= inside.low && m <= inside.high, `${p.row.id} ${key}`).toBe(true);
          const outside = predictionInterval(p, c, key, pred[key]!, q > 1 ? { low: 1, high: 1 + (q - 1) * 0.5 } : { low: 1 - (1 - q) * 0.5, high: 1 });
          expect(m >= outside.low && m <= outside.high, `${p.row.id} ${key}`).toBe(false);
        }
      }
    }
  });

  it('tokens/s stays within the accuracy target left out (median |error| ≤ 20 %)', () => {
    // The measured state of the other targets is reported in docs/performance-model.md, row by row.
    expect(fit.fit.summary.output_tokens_per_s.median_abs_error).toBeLessThanOrEqual(0.2);
  });
});
