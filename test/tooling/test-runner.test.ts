/**
 * scripts/test.mjs (`npm test`): the type check runs beside the build and vitest, and any failing step
 * fails the run. Tried on a scratch project: a copy of the script (it finds its project from its own
 * place) with package.json scripts and a `vitest` on node_modules/.bin that only say what they did.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Codes = { typecheck: number; build: number; vitest: number };

/** A scratch project: the runner and its stamps, nothing else yet. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-test-runner-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['test.mjs', 'build-stamp.mjs']) copyFileSync(join(ROOT, 'scripts', f), join(dir, 'scripts', f));
  return dir;
}

/**
 * One `npm test` in a scratch project (a new one unless `dir` is given). Each step appends its name to `order` when it starts
 * and when it ends. The type check waits (10 s at most) until the build has ended, and vitest too when
 * the build succeeds: run beside them, it ends last; run before them, it would wait its 10 s out and
 * end first.
 */
function run(codes: Codes, dir = scratch()): Promise<{ code: number; stdout: string; order: string[] }> {
  const log = join(dir, 'order');
  writeFileSync(log, '');
  const step = (name: string, code: number, pause = '') => `echo start-${name} >> ${log}; ${pause}echo ${name}-output; echo end-${name} >> ${log}; exit ${code}`;
  const waitFor = (name: string) => `i=0; until grep -q end-${name} ${log} || [ $i -ge 500 ]; do sleep 0.02; i=$((i+1)); done; `;
  const pause = waitFor('build') + (codes.build === 0 ? waitFor('vitest') : '');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { typecheck: step('typecheck', codes.typecheck, pause), build: step('build', codes.build) } }));
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', '.bin', 'vitest'), `#!/bin/sh\n${step('vitest', codes.vitest)}\n`);
  chmodSync(join(dir, 'node_modules', '.bin', 'vitest'), 0o755);
  return new Promise((resolve) => {
    execFile(process.execPath, [join(dir, 'scripts', 'test.mjs')], { cwd: dir, encoding: 'utf8', timeout: 20_000 }, (error, stdout) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, order: readFileSync(log, 'utf8').trim().split('\n') });
    });
  });
}

const CASES: { codes: Codes; code: number; vitestRan: boolean }[] = [
  { codes: { typecheck: 0, build: 0, vitest: 0 }, code: 0, vitestRan: true },
  { codes: { typecheck: 2, build: 0, vitest: 0 }, code: 2, vitestRan: true },
  { codes: { typecheck: 0, build: 0, vitest: 1 }, code: 1, vitestRan: true },
  { codes: { typecheck: 2, build: 0, vitest: 1 }, code: 1, vitestRan: true },
  { codes: { typecheck: 0, build: 3, vitest: 0 }, code: 3, vitestRan: false },
];
// All cases at once.
let results: Awaited<ReturnType<typeof run>>[] = [];
beforeAll(async () => {
  results = await Promise.all(CASES.map((c) => run(c.codes)));
});

describe('npm test (scripts/test.mjs)', () => {
  it.each(CASES.map((c, i) => ({ ...c, i })))('type check $codes.typecheck, build $codes.build, vitest $codes.vitest: exits $code', ({ codes, code, vitestRan, i }) => {
    const r = results[i]!;
    expect(r.code).toBe(code);
    expect(r.order.includes('start-vitest')).toBe(vitestRan);
    // The type check is still running when the build (and vitest) end: beside them. (Which of the
    // type check and the build starts first is up to the two shells, started together.)
    expect(r.order.at(-1)).toBe('end-typecheck');
    if (vitestRan) {
      expect(r.order.indexOf('end-build')).toBeLessThan(r.order.indexOf('start-vitest'));
      // Its output comes whole after vitest's, under its name.
      expect(r.stdout.indexOf('vitest-output')).toBeLessThan(r.stdout.indexOf('> typecheck:'));
    }
    expect(r.stdout).toContain(`> typecheck: ${codes.typecheck === 0 ? 'ok' : `FAILED (exit ${codes.typecheck})`}`);
    expect(r.stdout.indexOf('> typecheck:')).toBeLessThan(r.stdout.indexOf('typecheck-output'));
  });
});

describe('npm test skips a type check that passed on the sources as they are', () => {
  const OK: Codes = { typecheck: 0, build: 0, vitest: 0 };
  it('runs it again only after a change to what it reads, and never records a failed one', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    const ran = (r: Awaited<ReturnType<typeof run>>) => r.order.includes('start-typecheck');
    // A failed type check is not recorded: the next run checks again.
    const failed = await run({ ...OK, typecheck: 2 }, dir);
    expect([failed.code, ran(failed)]).toEqual([2, true]);
    const first = await run(OK, dir);
    expect([first.code, ran(first)]).toEqual([0, true]);
    // Nothing changed: skipped, and said so; vitest still runs.
    const second = await run(OK, dir);
    expect([second.code, ran(second), second.order.includes('start-vitest')]).toEqual([0, false, true]);
    expect(second.stdout).toContain('> typecheck: skipped, it passed on these sources');
    // A source edited: checked again, and a failure fails the run.
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 2;\n');
    const third = await run({ ...OK, typecheck: 2 }, dir);
    expect([third.code, ran(third)]).toEqual([2, true]);
  });
});

