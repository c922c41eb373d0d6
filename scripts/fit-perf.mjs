// Fits the performance model (src/engines/perf/fit.ts) on src/catalog/data/perf-measurements.json and
// writes its results: src/catalog/data/perf-calibration.json and the leave-one-out table between the
// markers of docs/performance-model.md. test/engine/perf-fit.test.ts recomputes both and fails when
// they differ, so neither is edited by hand.
//
//   node scripts/fit-perf.mjs            fit and write both files
//   node scripts/fit-perf.mjs --print    fit and print the table only
//
// The TypeScript sources are bundled by esbuild into a temporary .mjs file and imported.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tmp = mkdtempSync(join(tmpdir(), 'fit-perf-'));
try {
  const out = join(tmp, 'fit.mjs');
  await build({ entryPoints: [join(root, 'src/engines/perf/fit-report.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const { runFit, replaceTable } = await import(pathToFileURL(out).href);
  const { json, table } = runFit();
  if (process.argv.includes('--print')) {
    console.log(table);
  } else {
    writeFileSync(join(root, 'src/catalog/data/perf-calibration.json'), json);
    const docPath = join(root, 'docs/performance-model.md');
    writeFileSync(docPath, replaceTable(readFileSync(docPath, 'utf8'), table));
    console.log(table);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
