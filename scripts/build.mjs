// Builds dist/: run by `npm ci` (prepare), `npm test` and `npm run bench`.
//   dist/app.cjs    the whole CLI in one CommonJS file (no ESM loader, no module files to resolve;
//                   esbuild turns each `import()` of our modules into lazy in-file initialisation)
//   dist/cli.cjs    the executable: loads app.cjs with V8's code cache
//   dist/app.cache  that cache, written by running representative commands once
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

// User catalog files are the only run-time use of zod: they live in their own bundle, required on
// demand, so the default path neither reads nor initialises it.
const catalogFilesExternal = {
  name: 'catalog-files-external',
  setup(b) {
    b.onResolve({ filter: /catalog\/load\.ts$/ }, (args) => (args.importer.endsWith('main.ts') ? { path: './catalog-files.cjs', external: true } : undefined));
  },
};
const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: process.env.NO_MINIFY ? false : true, legalComments: 'none', logLevel: 'warning' };
rmSync('dist', { recursive: true, force: true });
await build({ ...common, entryPoints: ['src/cli/app.ts'], outfile: 'dist/app.cjs', plugins: [catalogFilesExternal], supported: { 'dynamic-import': false } });
await build({ ...common, entryPoints: ['src/catalog/load.ts'], outfile: 'dist/catalog-files.cjs' });
await build({ ...common, entryPoints: ['src/launcher.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cli.cjs', 0o755);

const sizing = ['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072'];
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
