/**
 * scripts/build-stamp.mjs: `npm test` skips the build only when dist/ is exactly what the last build
 * wrote from the inputs as they are now. Each change that must rebuild is tried on a scratch checkout
 * (a few source, web and dist files, and the stamp as the build writes it).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_INPUTS, inputDigest, removeStamp, TYPECHECK_INPUTS, typecheckDigest, typecheckPassed, upToDate, writeStamp, writeTypecheckStamp } from '../../scripts/build-stamp.mjs';
import { ROOT } from '../helpers/cli.ts';

let root = '';
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const ENV = {} as NodeJS.ProcessEnv;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'llm-sizing-stamp-'));
  put('src/core/a.ts', 'export const a = 1;\n');
  put('src/report/b.ts', 'export const b = 2;\n');
  put('web/index.html', '<!doctype html>\n');
  put('package.json', '{"name":"x"}\n');
  put('package-lock.json', '{}\n');
  put('scripts/build.mjs', '// build\n');
  put('dist/cli.cjs', '#!/usr/bin/env node\n');
  put('dist/web/app.js', 'x()\n');
  put('test/a.test.ts', '// not an input of the build\n');
  writeStamp(root, ENV);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the build stamp', () => {
  it('dist/ just built from these inputs is up to date', () => {
    expect(upToDate(root, ENV)).toBe(true);
  });

  it.each([
    ['a source edited', () => put('src/core/a.ts', 'export const a = 3;\n')],
    ['a source added', () => put('src/core/c.ts', 'export const c = 1;\n')],
    ['a source removed', () => unlinkSync(join(root, 'src/report/b.ts'))],
    ['a source renamed (same content, new path)', () => (unlinkSync(join(root, 'src/report/b.ts')), put('src/report/b2.ts', 'export const b = 2;\n'))],
    ['a web file edited', () => put('web/index.html', '<!doctype html><title>x</title>\n')],
    ['the lock file changed (another esbuild, another tsc)', () => put('package-lock.json', '{"lockfileVersion":3}\n')],
    ['the build script changed', () => put('scripts/build.mjs', '// build, changed\n')],
    ['a tsconfig added', () => put('tsconfig.lib.json', '{}\n')],
    ['a file of dist/ edited by hand', () => put('dist/web/app.js', 'y()\n')],
    ['a file added to dist/', () => put('dist/extra.cjs', '\n')],
    ['dist/cli.cjs removed', () => unlinkSync(join(root, 'dist/cli.cjs'))],
    ['no stamp (the build stopped half way, or never ran)', () => removeStamp(root)],
  ])('%s: not up to date', (_name, change) => {
    change();
    expect(upToDate(root, ENV)).toBe(false);
  });

  it('a NO_MINIFY build is not up to date for a normal run, nor the reverse', () => {
    expect(upToDate(root, { NO_MINIFY: '1' })).toBe(false);
    writeStamp(root, { NO_MINIFY: '1' });
    expect(upToDate(root, { NO_MINIFY: '1' })).toBe(true);
    expect(upToDate(root, ENV)).toBe(false);
  });

  it('a change outside the inputs (a test) leaves it up to date', () => {
    put('test/a.test.ts', '// edited\n');
    expect(upToDate(root, ENV)).toBe(true);
  });

  it('the inputs digest covers the Node version (dist/app.cache is V8 code cache for one V8)', () => {
    const before = inputDigest(root, ENV);
    const version = Object.getOwnPropertyDescriptor(process, 'version')!;
    Object.defineProperty(process, 'version', { value: 'v99.0.0', configurable: true });
    try {
      expect(inputDigest(root, ENV)).not.toBe(before);
    } finally {
      Object.defineProperty(process, 'version', version);
    }
  });

  it('names every file the build reads', () => {
    for (const p of ['src', 'web', 'bench/lines.mjs', 'scripts/build.mjs', 'package-lock.json', 'tsconfig.lib.json']) expect(BUILD_INPUTS).toContain(p);
  });
});

describe('the type check stamp', () => {
  beforeEach(() => {
    put('web/src/main.ts', 'export {};\n');
    put('bench/b.mjs', '// bench\n');
    put('vitest.config.ts', 'export default {};\n');
    put('tsconfig.json', '{}\n');
    put('web/tsconfig.json', '{}\n');
    writeTypecheckStamp(root, typecheckDigest(root));
  });
  const passed = () => typecheckPassed(root, typecheckDigest(root));

  it('a type check recorded on these inputs stands', () => {
    expect(passed()).toBe(true);
  });

  it.each([
    ['a source edited', () => put('src/core/a.ts', 'export const a = 3;\n')],
    ['a test edited', () => put('test/a.test.ts', '// edited\n')],
    ['a test added', () => put('test/b.test.ts', '// new\n')],
    ['a test removed', () => unlinkSync(join(root, 'test/a.test.ts'))],
    ['a page source edited', () => put('web/src/main.ts', 'export const x = 1;\n')],
    ['a bench script edited', () => put('bench/b.mjs', '// edited\n')],
    ['a script edited', () => put('scripts/build.mjs', '// edited\n')],
    ['vitest.config.ts edited', () => put('vitest.config.ts', 'export default { x: 1 };\n')],
    ['tsconfig.json edited', () => put('tsconfig.json', '{"compilerOptions":{}}\n')],
    ['web/tsconfig.json edited', () => put('web/tsconfig.json', '{"compilerOptions":{}}\n')],
    ['the lock file changed (other declarations, another tsc)', () => put('package-lock.json', '{"lockfileVersion":3}\n')],
    ['no stamp', () => rmSync(join(root, 'node_modules'), { recursive: true, force: true })],
  ])('%s: checked again', (_name, change) => {
    change();
    expect(passed()).toBe(false);
  });

  it('a change tsc does not read (the page\'s HTML, dist/) leaves it standing', () => {
    put('web/index.html', '<!doctype html><title>y</title>\n');
    put('dist/web/app.js', 'z()\n');
    expect(passed()).toBe(true);
  });

  it("names every folder and file the two tsconfig files include, and the tsconfig files themselves", () => {
    const include = (path: string) => (JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { include: string[] }).include;
    const expected = [...include('tsconfig.json'), ...include('web/tsconfig.json').map((p) => `web/${p}`), 'tsconfig.json', 'web/tsconfig.json', 'package-lock.json'];
    for (const p of expected) expect(TYPECHECK_INPUTS).toContain(p);
  });
});

