// Fits the performance model (src/engines/perf/fit.ts) on src/catalog/data/perf-measurements.json and
// writes its results: src/catalog/data/perf-calibration.json and the leave-one-out table between the
// markers of docs/performance-model.md. test/engine/perf-fit.test.ts recomputes both and fails when
// they differ, so neither is edited by hand.
//
//   node scripts/fit-perf.mjs            fit and write both files
//   node scripts/fit-perf.mjs --print    fit and print the table only
//
// The TypeScript sources are bundled by esbuild and loaded as the test loads them (scripts/fit-bundle.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFitReport } from './fit-bundle.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { runFit, replaceTable } = await loadFitReport();
const { json, table } = runFit();
if (process.argv.includes('--print')) {
  console.log(table);
} else {
  writeFileSync(join(root, 'src/catalog/data/perf-calibration.json'), json);
  const docPath = join(root, 'docs/performance-model.md');
  writeFileSync(docPath, replaceTable(readFileSync(docPath, 'utf8'), table));
  console.log(table);
}
