/**
 * The `llm-sizing` executable (dist/cli.cjs). It compiles the bundled application (dist/app.cjs)
 * with V8's code cache (dist/app.cache, written by `npm run build` from a representative run), so
 * that start-up does not pay for compiling the application each time: the full text report then
 * starts within a few percent of a bare `node -e 0`. V8 checks the cache against its version and the
 * source; when the cache is missing or rejected, it simply compiles as usual.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCachedBundle } from './cached-bundle.ts';

interface App {
  run(argv: readonly string[]): Promise<number>;
}

const loaded = loadCachedBundle(join(__dirname, 'app.cjs'), join(__dirname, 'app.cache'));
const script = loaded.script;
const app = loaded.exports as App;

const cacheOut = process.env.LLM_SIZING_WRITE_CODE_CACHE;
if (cacheOut) {
  // Build step: run the given workloads in this one process, then save what V8 compiled.
  const workloads = JSON.parse(process.env.LLM_SIZING_CODE_CACHE_WORKLOADS ?? '[]') as string[][];
  void (async () => {
    for (const argv of workloads) await app.run(argv);
    writeFileSync(cacheOut, script.createCachedData());
  })();
} else {
  // Every command has written all its output (synchronously) by the time it resolves: end the process
  // there, not after the event loop's last turn, which would run V8's pending young-generation
  // scavenge and tear the environment down first (~2 ms of the text report's start-up, measured).
  void app.run(process.argv.slice(2)).then((code) => process.exit(code));
}
