// The performance fit's module, src/engines/perf/fit-report.ts, bundled by esbuild into a temporary
// CommonJS file and loaded by node's own `require`: how scripts/fit-perf.mjs (which writes the committed
// calibration and table) and test/engine/perf-fit.test.ts (which recomputes them) both run the fit.
// Under vitest, a bundle also skips vitest's module runner, which reaches each function another
// module exports through a getter (the fit calls loadFigures, atSessions and decodeStepTime millions
// of times: 3.7-3.8 s of CPU for the fit imported through it, 2.9-3.2 s bundled, build included).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** The exports of src/engines/perf/fit-report.ts, from a fresh bundle of the sources as they are. */
export async function loadFitReport() {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-fit-'));
  try {
    const out = join(dir, 'fit-report.cjs');
    await build({ entryPoints: [join(ROOT, 'src/engines/perf/fit-report.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
    return createRequire(import.meta.url)(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
