/**
 * How the built CLI loads `batch` (dist/batch.cjs, a bundle of src/cli/batch.ts): with V8's code
 * cache (dist/batch.cache, written by the build from a run of `batch --fields` on varied lines), as
 * the launcher loads dist/app.cjs. Compiling the 235 kB bundle and the functions a run calls took
 * ~10 ms of a `batch --fields` run (measured on 50 lines: 111 → 101 ms, a bare node 61 ms). V8 checks
 * the cache against its version, its flags and the source; a missing or rejected cache only means
 * compiling as usual.
 *
 * The build puts this module in place of `import('./batch.ts')` in the app bundle (scripts/build.mjs);
 * the tests, which run the sources, import src/cli/batch.ts itself.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCachedBundle } from '../cached-bundle.ts';

/** dist/batch.cjs's exports: the bundle compiled with its cache (src/cached-bundle.ts), then run. */
export function requireBatch(): unknown {
  const { exports, script } = loadCachedBundle(join(__dirname, 'batch.cjs'), join(__dirname, 'batch.cache'));
  // Build step: save what this run compiled when the process ends.
  const cacheOut = process.env.LLM_SIZING_WRITE_BATCH_CACHE;
  if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
  return exports;
}
