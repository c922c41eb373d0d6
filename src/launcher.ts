/**
 * The `llm-sizing` executable (dist/cli.cjs). It compiles the bundled application (dist/app.cjs)
 * with V8's code cache (dist/app.cache, written by `npm run build` from a representative run), so
 * that start-up does not pay for compiling the application each time: the full text report then
 * starts within a few percent of a bare `node -e 0`. V8 checks the cache against its version and the
 * source; when the cache is missing or rejected, it simply compiles as usual.
 */
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

interface App {
  run(argv: readonly string[]): Promise<number>;
}

const appFile = join(__dirname, 'app.cjs');
const cacheFile = join(__dirname, 'app.cache');

/** Read all of an open file into the start of `memory`, then close it. */
function readAll(fd: number, size: number, memory: Buffer): Buffer {
  try {
    let done = 0;
    while (done < size) {
      const n = readSync(fd, memory, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return memory.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

// Both files are read through one buffer: the source is copied out of it into a string (as latin1:
// no UTF-8 decoding; the build checks it is ASCII), then the cache is read into the same memory,
// which V8 reads only while compiling. One fresh ~370 kB buffer fewer to fault in (~0.3 ms).
const appFd = openSync(appFile, 'r');
const appSize = fstatSync(appFd).size;
let cacheFd: number | undefined;
try {
  cacheFd = openSync(cacheFile, 'r');
} catch {
  cacheFd = undefined;
}
const cacheSize = cacheFd === undefined ? 0 : fstatSync(cacheFd).size;
const memory = Buffer.allocUnsafeSlow(Math.max(appSize, cacheSize));
// The file is already the function `(exports, require, module, __filename, __dirname) => …` (the build wraps it).
const sourceBytes = readAll(appFd, appSize, memory);
const source = sourceBytes.toString('latin1');
const cachedData = cacheFd === undefined ? undefined : readAll(cacheFd, cacheSize, memory);
const script = new Script(source, {
  filename: appFile,
  ...(cachedData ? { cachedData } : {}),
});
const appModule = { exports: {} as App };
(script.runInThisContext() as (e: unknown, r: NodeRequire, m: unknown, f: string, d: string) => void)(appModule.exports, require, appModule, appFile, __dirname);
const app = appModule.exports;

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
