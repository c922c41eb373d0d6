/**
 * A message missing from a locale is a type error, not a run-time surprise: copies of pt-BR.ts with
 * one entry removed are type-checked with the project's own `tsc`, and each must fail naming the key
 * that is gone. An untouched copy, checked in the same run, must pass: so the failures come from the
 * removed keys, not from the copying. One `tsc` run for every case (about a second).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCALE_DIR = join(ROOT, 'src', 'report', 'i18n');
const SOURCE = readFileSync(join(LOCALE_DIR, 'pt-BR.ts'), 'utf8');

/** Which table loses which entry. `key` is the entry as written in pt-BR.ts (at the start of its line). */
const CASES = [
  { table: 'rule messages', key: 'pp_layers' },
  { table: 'alert messages', key: 'context_clamped' },
  { table: 'labels', key: 'readFromConfig' },
  { table: 'parameter dictionary', key: 'kv_budget_ratio' },
  { table: 'config.json derivations', key: 'head_dim_from_hidden' },
  { table: 'calibrate notes', key: 'dp_attention' },
  { table: 'file-error reasons', key: 'permission_denied' },
  { table: 'CLI lines', key: 'batchInvalid' },
] as const;

/**
 * The source without the entry `key:` (and its continuation lines, and the closing brace of an object
 * entry). Throws when the key is not found exactly once, so a renamed key cannot make a case vacuous.
 */
function withoutEntry(source: string, key: string): string {
  const lines = source.split('\n');
  const starts = lines.flatMap((l, i) => (new RegExp(`^(\\s+)'?${key}'?:`).test(l) ? [i] : []));
  if (starts.length !== 1) throw new Error(`pt-BR.ts has ${starts.length} entries "${key}:"`);
  const i = starts[0]!;
  const indent = /^(\s+)/.exec(lines[i]!)![1]!;
  let j = i + 1;
  while (j < lines.length && lines[j]!.startsWith(`${indent} `)) j++;
  if (lines[j]?.startsWith(`${indent}}`) && lines[i]!.trimEnd().endsWith('{')) j++;
  return [...lines.slice(0, i), ...lines.slice(j)].join('\n');
}

/** The copy's relative imports, pointed back at the real modules. */
function relocated(source: string, dir: string): string {
  return source.replace(/from '(\.{1,2}\/[^']+)'/g, (_, spec: string) => {
    const target = relative(dir, resolve(LOCALE_DIR, spec)).split('\\').join('/');
    return `from '${target.startsWith('.') ? target : `./${target}`}'`;
  });
}

let dir = '';
const errors = new Map<string, string>();
let status: number | null = null;

beforeAll(() => {
  const base = join(ROOT, 'test-output');
  mkdirSync(base, { recursive: true });
  dir = mkdtempSync(join(base, 'i18n-tsc-'));
  const files = ['untouched.ts', ...CASES.map((c) => `without-${c.key}.ts`)];
  writeFileSync(join(dir, 'untouched.ts'), relocated(SOURCE, dir));
  for (const c of CASES) writeFileSync(join(dir, `without-${c.key}.ts`), relocated(withoutEntry(SOURCE, c.key), dir));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), include: [], files }));
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  status = run.status;
  // "path(line,col): error TS…: message", continuation lines indented: grouped by file name.
  let current = '';
  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    const m = /^(\S.*?\.ts)\(\d+,\d+\): error/.exec(line);
    if (m) current = m[1]!.split(/[\\/]/).pop()!;
    if (current) errors.set(current, `${errors.get(current) ?? ''}${line}\n`);
  }
}, 90_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a message missing from pt-BR fails tsc', () => {
  it('the untouched copy type-checks (so the failures below come from the removed keys)', () => {
    expect(errors.get('untouched.ts')).toBeUndefined();
    expect(status).not.toBe(0);
  });

  it.each(CASES)('$table without $key: tsc names $key', ({ key }) => {
    const text = errors.get(`without-${key}.ts`) ?? '';
    expect(text).toContain('error TS');
    expect(text).toContain(`'${key}'`);
  });

  it.each(CASES)('the copy without $key lost that one entry only (a few lines)', ({ key }) => {
    const removed = SOURCE.split('\n').length - withoutEntry(SOURCE, key).split('\n').length;
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(removed).toBeLessThanOrEqual(8);
  });
});
