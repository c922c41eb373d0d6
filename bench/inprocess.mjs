// In-process sizing with fields: the library's sizing(request, { fields: ['nodes'] }) (an invalid
// request throws SizingInputError, as a user sees it) over 200,000 varied request objects (bench/lines.mjs), median of the timed passes after one
// warm-up pass. For context: the whole sizing (sizeRequest, the result object) on the same requests,
// and the original tool's rate, 23,000 sizings/s without JSON (measured once on this machine, quoted).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { median } from './batch.mjs';
import { batchRequests } from './lines.mjs';

export const ORIGINAL_TOOL_PER_SECOND = 23_000;

export async function loadSources() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = await build({
    stdin: {
      contents: `export { sizing } from './src/library/sizing.ts';
        export { sizeRequest } from './src/app/size-request.ts';
        export { compare } from './src/library/compare.ts';
        export { BUILTIN_CATALOG } from './src/catalog/builtin.ts';
        export { CatalogIndex } from './src/catalog/lookup.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
    // The built-in catalog's JSON is read at run time from src/catalog/data.
    plugins: [
      {
        name: 'catalog-data',
        setup(b) {
          b.onLoad({ filter: /catalog[\\/]data[\\/].*\.json$/ }, (args) => ({
            contents: `import { readFileSync } from 'node:fs'; export default JSON.parse(readFileSync(${JSON.stringify(args.path)}, 'utf8'));`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

export async function measureInProcess({ count = 200_000, passes = 5, configurations = 2000 } = {}) {
  const { sizing, sizeRequest, BUILTIN_CATALOG, CatalogIndex } = await loadSources();
  const catalog = new CatalogIndex(BUILTIN_CATALOG);
  const requests = batchRequests(count, { configurations }).map(({ id: _id, ...q }) => q);
  const options = { fields: ['nodes'] };
  const viaLibrary = (q) => {
    try {
      sizing(q, options);
      return { ok: true };
    } catch {
      return { ok: false };
    }
  };
  const rate = (run, n = passes) => {
    const times = [];
    for (let p = 0; p <= n; p++) {
      const start = process.hrtime.bigint();
      let ok = 0;
      for (let i = 0; i < requests.length; i++) if (run(requests[i]).ok) ok++;
      if (ok === 0) throw new Error('nothing sized');
      if (p > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return requests.length / (median(times) / 1000);
  };
  const fieldsPerSecond = rate(viaLibrary);
  const wholePerSecond = process.env.FIELDS_ONLY ? 0 : rate((q) => sizeRequest(q, catalog), 2);
  return { count, configurations, fieldsPerSecond, wholePerSecond, originalPerSecond: ORIGINAL_TOOL_PER_SECOND };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureInProcess());
