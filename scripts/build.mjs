// Builds dist/: run by `npm ci` (prepare), `npm test` and `npm run bench`.
//   dist/app.cjs    the whole CLI in one CommonJS file (no ESM loader, no module files to resolve;
//                   esbuild turns each `import()` of our modules into lazy in-file initialisation)
//   dist/cli.cjs    the executable: loads app.cjs with V8's code cache
//   dist/app.cache  that cache, written by running representative commands once
//   dist/batch.cjs  `batch`, loaded on demand with its own code cache, dist/batch.cache (src/cli/batch-bundle.ts)
//   dist/index.js   the library (src/index.ts), with its declarations in dist/types
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchText } from '../bench/lines.mjs';
import { gzipSync } from 'node:zlib';
import { removeStamp, writeStamp } from './build-stamp.mjs';
import { lockDist } from './dist-lock.mjs';

// Code the default text report does not run lives in bundles of its own, required on demand, so the
// default path neither reads nor compiles it: user catalog files (the only run-time use of zod),
// batch, the catalog command, and config.json import.
const ON_DEMAND = [
  { source: 'src/catalog/load.ts', out: 'catalog-files.cjs', match: /catalog\/load\.ts$/, from: /cli\/(main|catalog-command)\.ts$/ },
  { source: 'src/cli/batch.ts', out: 'batch.cjs', match: /\/batch\.ts$/, from: /cli\/main\.ts$/ },
  { source: 'src/cli/catalog-command.ts', out: 'catalog-command.cjs', match: /\/catalog-command\.ts$/, from: /cli\/main\.ts$/ },
  { source: 'src/cli/hf-config.ts', out: 'hf-config.cjs', match: /\/hf-config\.ts$/, from: /cli\/(size|config-flags|perf-command)\.ts$/ },
  { source: 'src/cli/calibrate-command.ts', out: 'calibrate.cjs', match: /\/calibrate-command\.ts$/, from: /cli\/main\.ts$/ },
  // The performance model's command: `llm-sizing perf`.
  { source: 'src/cli/perf-command.ts', out: 'perf.cjs', match: /\/perf-command\.ts$/, from: /cli\/main\.ts$/ },
  // `llm-sizing compare`: one request crossed with lists of options.
  { source: 'src/cli/compare-command.ts', out: 'compare.cjs', match: /\/compare-command\.ts$/, from: /cli\/main\.ts$/ },
  // `--help` (its words, the field list it shows), `validate` (the catalog-file checks and zod behind
  // them, config.json import) and --prices-file (zod): none of them is read or compiled by a report.
  { source: 'src/cli/help.ts', out: 'help.cjs', match: /\/help\.ts$/, from: /cli\/main\.ts$/ },
  { source: 'src/cli/validate-command.ts', out: 'validate.cjs', match: /\/validate-command\.ts$/, from: /cli\/main\.ts$/ },
  { source: 'src/catalog/prices.ts', out: 'catalog-prices.cjs', match: /catalog\/prices\.ts$/, from: /cli\/main\.ts$/ },
  // The HTTP server (hono, zod for the OpenAPI document): only `llm-sizing serve` loads it.
  { source: 'src/cli/serve-command.ts', out: 'serve.cjs', match: /\/serve-command\.ts$/, from: /cli\/main\.ts$/ },
];
// Bundles loaded with a V8 code cache of their own (dist/NAME.cache, written below): the import of
// their source becomes src/cli/batch-bundle.ts's loader, and the bundle is written as the CommonJS
// wrapper function that loader compiles (as app.cjs is for the launcher).
const CACHED = new Set(['batch.cjs']);
const onDemand = (self) => ({
  name: 'on-demand-bundles',
  setup(b) {
    for (const d of ON_DEMAND) {
      if (d.out === self) continue;
      b.onResolve({ filter: d.match }, (args) => {
        if (!(d.from.test(args.importer) && args.kind === 'dynamic-import')) return undefined;
        return CACHED.has(d.out) ? { path: d.out, namespace: 'cached-bundle' } : { path: `./${d.out}`, external: true };
      });
    }
    b.onLoad({ filter: /.*/, namespace: 'cached-bundle' }, () => ({
      contents: "module.exports = require('./batch-bundle.ts').requireBatch();\n",
      resolveDir: new URL('../src/cli', import.meta.url).pathname,
      loader: 'js',
    }));
  },
});
// The CLI builds and compiles only the locale it reports in: src/report/i18n/index.ts reads pt-BR's
// tables through `() => ptBR`; in the CLI's bundles that becomes a require() of dist/locale-pt-BR.cjs,
// a bundle of its own, loaded on first use: the English report neither reads its 70 kB nor builds it.
const lazyLocales = {
  name: 'lazy-locales',
  setup(b) {
    b.onLoad({ filter: /report[\\/]i18n[\\/]index\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = "import { ptBR } from './pt-BR.ts';\n";
      if (!text.includes(eager) || !text.includes("'pt-BR': () => ptBR")) throw new Error('build: lazy-locales no longer matches src/report/i18n/index.ts');
      return { contents: text.replace(eager, '').replace("'pt-BR': () => ptBR", "'pt-BR': () => (require('./locale-pt-BR.cjs') as typeof import('./pt-BR.ts')).ptBR"), loader: 'ts' };
    });
    // `--help`'s words (src/report/i18n/help.ts) the same way: English help does not read or build
    // the Portuguese, which is dist/help-pt-BR.cjs.
    b.onLoad({ filter: /report[\\/]i18n[\\/]help\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = "import { helpPtBR } from './help-pt-BR.ts';\n";
      if (!text.includes(eager) || !text.includes("'pt-BR': () => helpPtBR")) throw new Error('build: lazy-locales no longer matches src/report/i18n/help.ts');
      return { contents: text.replace(eager, '').replace("'pt-BR': () => helpPtBR", "'pt-BR': () => (require('./help-pt-BR.cjs') as typeof import('./help-pt-BR.ts')).helpPtBR"), loader: 'ts' };
    });
    b.onResolve({ filter: /^\.\/(locale|help)-pt-BR\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};
// Held until this process exits: a concurrent build or test run waits instead of seeing dist/ half built.
lockDist();
removeStamp(process.cwd());
// The text report's parameter dictionary is the same prose for every result of a locale: wrapped
// here, once, and put in the CLI's bundles as src/report/parameter-sections.ts, one function per
// `locale|verbose` key returning its text (src/report/text.ts calls the one it prints; the sources
// compute it). Only what a run calls is compiled, so the other texts stay out of the code cache.
const sectionsModule = await build({ entryPoints: ['src/report/text.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
const { parameterSections } = await import(`data:text/javascript;base64,${Buffer.from(sectionsModule.outputFiles[0].text).toString('base64')}`);
const sectionThunks = Object.entries(parameterSections()).map(([key, text]) => `${JSON.stringify(key)}: () => ${JSON.stringify(text)}`);
const precomputedSections = {
  name: 'precomputed-parameter-sections',
  setup(b) {
    b.onLoad({ filter: /report[\\/]parameter-sections\.ts$/ }, () => ({ contents: `export const PRECOMPUTED_SECTIONS = {\n${sectionThunks.join(',\n')}\n};\n`, loader: 'js' }));
  },
};
// The built-in catalog's JSON files are in the bundles as object literals (esbuild's JSON loader), not
// read and parsed at run time: JSON.parse makes every object and string anew in the young generation
// (about 135 kB, which with the report's own allocations cost a ~1 ms scavenge), where a literal's
// strings come with the code cache. Measured: module set-up ~0.4 ms faster, and no scavenge at all.
const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: process.env.NO_MINIFY ? false : true, legalComments: 'none', logLevel: 'warning' };
rmSync('dist', { recursive: true, force: true });
const supported = { 'dynamic-import': false };
// app.cjs is written as the function the launcher compiles (CommonJS's own wrapper), so that the
// launcher hands V8 the file's text as it is read, without building a second copy around it.
await build({
  ...common,
  entryPoints: ['src/cli/app.ts'],
  outfile: 'dist/app.cjs',
  plugins: [onDemand(), lazyLocales, precomputedSections],
  supported,
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '\n})' },
});
const wrapped = { banner: { js: '(function (exports, require, module, __filename, __dirname) {' }, footer: { js: '\n})' } };
for (const d of ON_DEMAND) {
  await build({ ...common, entryPoints: [d.source], outfile: `dist/${d.out}`, plugins: [onDemand(d.out), lazyLocales, precomputedSections], supported, ...(CACHED.has(d.out) ? wrapped : {}) });
}
await build({ ...common, entryPoints: ['src/report/i18n/pt-BR.ts'], outfile: 'dist/locale-pt-BR.cjs' });
await build({ ...common, entryPoints: ['src/report/i18n/help-pt-BR.ts'], outfile: 'dist/help-pt-BR.cjs' });
// The launcher reads app.cjs, and src/cli/batch-bundle.ts batch.cjs, as latin1 (no UTF-8 decoding): they
// must be ASCII. esbuild escapes non-ASCII text in code (its default charset); comments kept by
// NO_MINIFY builds are escaped here.
for (const file of ['dist/app.cjs', ...[...CACHED].map((f) => `dist/${f}`)]) {
  const app = readFileSync(file, 'utf8');
  if (/[^\x00-\x7f]/.test(app)) writeFileSync(file, app.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
// The web app, served by `llm-sizing serve` from dist/web only: its static files, and web/src bundled
// for the browser (the sizing core, the catalog and the renderers included). Separate from the CLI.
cpSync('web', 'dist/web', { recursive: true, filter: (src) => !/web[\\/](src|tsconfig\.json)/.test(src) });
// The page imports the library's index (src/index.ts): our modules have no side effects at load, so
// what the page does not use (the catalog-file checks and zod behind them, …) is left out.
const pureSources = {
  name: 'pure-sources',
  setup(b) {
    b.onResolve({ filter: /\.ts$/ }, async (args) => {
      if (args.pluginData?.pure) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { pure: true } });
      return /[\\/]src[\\/]/.test(r.path) ? { ...r, sideEffects: false } : r;
    });
  },
};
await build({ bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning', entryPoints: ['web/src/main.ts'], outfile: 'dist/web/app.js', plugins: [pureSources] });
checkWebSize();
versionPageFiles();
await buildLibrary();
await build({ ...common, entryPoints: ['src/launcher.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cli.cjs', 0o755);

// bench/startup.mjs's REPORT_ARGS: the run the start-up target is measured on (--kv-precision fp16
// adds an alert whose code would otherwise be compiled at run time).
const sizing = ['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16'];
// The cache holds what this run compiled: the default text report. A bigger cache (every command,
// both locales) measured slower to load than compiling the rarer paths on demand.
const workloads = [sizing];
const r = spawnSync(process.execPath, ['dist/cli.cjs'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, LLM_SIZING_WRITE_CODE_CACHE: 'dist/app.cache', LLM_SIZING_CODE_CACHE_WORKLOADS: JSON.stringify(workloads) },
});
if (r.status !== 0) {
  console.error('build: writing the code cache failed (the CLI still works, only starts slower)');
}
writeBatchCache();
// dist/ is complete: record what it was built from, for `npm test` (scripts/build-stamp.mjs).
writeStamp(process.cwd());

/**
 * The library (`import { sizing } from 'llm-sizing'`): src/index.ts as one ES module, dist/index.js
 * (pure: no Node API; zod, a dependency, stays an import), and its type declarations in dist/types,
 * emitted by tsc from tsconfig.lib.json with the `.ts` of relative imports turned into `.js`. The CLI
 * never loads it.
 */
async function buildLibrary() {
  await build({
    bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', external: ['zod'], legalComments: 'none', logLevel: 'warning',
    entryPoints: ['src/index.ts'], outfile: 'dist/index.js',
  });
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('build: emitting the library\'s type declarations failed');
    process.exit(1);
  }
  for (const f of readdirSync('dist/types', { recursive: true })) {
    if (!f.endsWith('.d.ts')) continue;
    const path = `dist/types/${f}`;
    const text = readFileSync(path, 'utf8');
    const js = text.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\.ts\2/g, '$1$2$3.js$2');
    if (js !== text) writeFileSync(path, js);
  }
}

/**
 * dist/web/index.html names its script and style sheet with their version, `app.js?v=DIGEST`: the
 * server answers a request carrying the file's own digest as immutable (a year), so the browser loads
 * them from its cache without asking; a new build has new digests, so new addresses. DIGEST is
 * src/server/static.ts's entity tag without its quotes (the first 128 bits of the SHA-256, base64url);
 * test/server/serve.test.ts holds the two equal.
 */
function versionPageFiles() {
  const digest = (file) => createHash('sha256').update(readFileSync(`dist/web/${file}`)).digest('base64url').slice(0, 22);
  let html = readFileSync('dist/web/index.html', 'utf8');
  for (const [attribute, file] of [['href', 'style.css'], ['src', 'app.js']]) {
    const plain = `${attribute}="${file}"`;
    if (!html.includes(plain)) throw new Error(`build: dist/web/index.html no longer has ${plain}`);
    html = html.replace(plain, `${attribute}="${file}?v=${digest(file)}"`);
  }
  writeFileSync('dist/web/index.html', html);
}

/** The page's JavaScript budget: all of dist/web's JS, gzipped (level 9), target ≤ 150 kB, fails above 250 kB. */
function checkWebSize() {
  const LIMIT_KB = 250;
  const TARGET_KB = 150;
  const files = readdirSync('dist/web', { recursive: true }).filter((f) => /\.m?js$/.test(f));
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/web/${f}`), { level: 9 }).length, 0);
  const kb = bytes / 1000;
  console.log(`build: web JavaScript ${kb.toFixed(1)} kB gzipped (${files.length} file(s); target ≤ ${TARGET_KB} kB, limit ${LIMIT_KB} kB)`);
  if (kb > LIMIT_KB) {
    console.error(`build: the web app's JavaScript is ${kb.toFixed(1)} kB gzipped, above the ${LIMIT_KB} kB limit`);
    process.exit(1);
  }
}

/**
 * dist/batch.cache: what `batch FILE --fields nodes` compiles on varied lines (bench/lines.mjs: every
 * memory model, infeasible and invalid lines), saved when the run ends (src/cli/batch-bundle.ts).
 * The whole-result path (`batch FILE`, seconds long) compiles the rest of the bundle as before.
 */
function writeBatchCache() {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-build-'));
  try {
    const input = join(dir, 'lines.jsonl');
    writeFileSync(input, batchText(400, { configurations: 100 }));
    const b = spawnSync(process.execPath, ['dist/cli.cjs', 'batch', input, '--fields', 'nodes'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LLM_SIZING_WRITE_BATCH_CACHE: 'dist/batch.cache' },
    });
    // Exit code 2: the input's invalid lines (it has some on purpose).
    if (b.status !== 2 || !existsSync('dist/batch.cache')) console.error(`build: writing batch's code cache failed (batch still works, only starts slower): ${b.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
