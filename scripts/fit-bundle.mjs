// The performance fit's module, src/engines/perf/fit-report.ts, bundled by esbuild into a temporary
// CommonJS file and loaded by node's own `require`: how scripts/fit-perf.mjs (which writes the committed
// calibration and table) and test/engine/perf-fit.test.ts (which recomputes them) both run the fit.
// Under vitest, a bundle also skips vitest's module runner, which reaches each function another
// module exports through a getter (the fit calls loadFigures, atSessions and decodeStepTime millions
// of times: 3.7-3.8 s of CPU for the fit imported through it, 2.9-3.2 s bundled, build included).
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where fitResult keeps the last result (beside tsc's incremental information: `npm ci` starts it afresh). */
export const FIT_CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'llm-sizing');

/** A fresh bundle of src/engines/perf/fit-report.ts as it is: its text and its exports. */
async function bundle() {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-fit-'));
  try {
    const out = join(dir, 'fit-report.cjs');
    await build({ entryPoints: [join(ROOT, 'src/engines/perf/fit-report.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
    return { text: readFileSync(out, 'utf8'), load: () => createRequire(import.meta.url)(out), remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The exports of src/engines/perf/fit-report.ts, from a fresh bundle of the sources as they are. */
export async function loadFitReport() {
  const b = await bundle();
  try {
    return b.load();
  } finally {
    b.remove();
  }
}

/**
 * `runFit()` of a fresh bundle of the sources as they are, remembered between runs under the bundle's
 * own text: the bundle holds all the fit computes from (its code, the measurements and the catalog,
 * inlined by esbuild), and the fit is deterministic, so the same bundle on the same Node gives the same
 * result, bit for bit. Any change to what the fit reads is a new bundle, fitted afresh; so is every
 * run after `npm ci`, and every run with LLM_SIZING_FRESH_FIT=1. The result is kept with v8.serialize
 * (-0, NaN and typed arrays as they were). `cached` says whether the fit ran.
 */
export async function fitResult({ cacheDir = FIT_CACHE_DIR, fresh = process.env.LLM_SIZING_FRESH_FIT === '1' } = {}) {
  const b = await bundle();
  try {
    const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(b.text).digest('hex').slice(0, 32);
    const path = join(cacheDir, `fit-${key}.v8`);
    if (!fresh) {
      try {
        return { result: deserialize(readFileSync(path)), cached: true };
      } catch {
        // not kept yet (or unreadable): fit
      }
    }
    const result = b.load().runFit();
    mkdirSync(cacheDir, { recursive: true });
    for (const f of readdirSync(cacheDir)) if (/^fit-[0-9a-f]+\.v8$/.test(f)) rmSync(join(cacheDir, f), { force: true });
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, serialize(result));
    renameSync(partial, path);
    return { result, cached: false };
  } finally {
    b.remove();
  }
}
