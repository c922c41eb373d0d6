/**
 * A message missing from a locale is a type error, not a run-time surprise: copies of pt-BR's files
 * (pt-BR.ts, and the words kept apart from it: `--help`'s in help-pt-BR.ts, calibrate's in
 * calibrate-pt-BR.ts) with one entry removed are type-checked with the project's own `tsc`, and each
 * must fail naming the key that is gone. An untouched copy of each file, checked in the same run, must
 * pass: so the failures come from the removed keys, not from the copying. One `tsc` run for every case
 * (about a second).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCALE_DIR = join(ROOT, 'src', 'report', 'i18n');
const FILES = ['pt-BR.ts', 'help-pt-BR.ts', 'calibrate-pt-BR.ts'] as const;
type LocaleFile = (typeof FILES)[number];
const SOURCES = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(LOCALE_DIR, f), 'utf8')])) as Record<LocaleFile, string>;

/**
 * Which table loses which entry. `file`: the locale file that holds it (pt-BR.ts when not given);
 * `key` is the entry as written there (at the start of its line);
 * `within`, the table that holds it, when the same key is also an entry of another table; `lines`, how
 * many lines the entry may span when more than 8.
 */
const CASES = [
  { table: 'rule messages', key: 'pp_layers' },
  { table: 'alert messages', key: 'context_clamped' },
  { table: 'labels', key: 'readFromConfig' },
  { table: 'parameter dictionary', key: 'kv_budget_ratio' },
  { table: 'config.json derivations', key: 'head_dim_from_hidden' },
  { table: 'calibrate notes', key: 'dp_attention', file: 'calibrate-pt-BR.ts' },
  { table: 'file-error reasons', key: 'permission_denied' },
  { table: 'CLI lines', key: 'batchInvalid' },
  { table: 'flag help', key: 'hf-config', file: 'help-pt-BR.ts' },
  { table: 'defaults in words', key: 'params-b', within: 'flagDefault', file: 'help-pt-BR.ts' },
  { table: 'value names', key: 'FILE', file: 'help-pt-BR.ts' },
  { table: "a command's --help", key: 'serve', within: 'command', lines: 40, file: 'help-pt-BR.ts' },
  { table: 'help headings', key: 'options', file: 'help-pt-BR.ts' },
] as const satisfies readonly { table: string; key: string; within?: string; lines?: number; file?: LocaleFile }[];

const fileOf = (c: (typeof CASES)[number]): LocaleFile => ('file' in c ? c.file : 'pt-BR.ts');

/**
 * The source without the entry `key:` (and its continuation lines, and the closing brace of an object
 * entry), looked for inside the table `within:` when given. Throws when the key is not found exactly
 * once there, so a renamed key cannot make a case vacuous.
 */
function withoutEntry(source: string, key: string, within?: string): string {
  const lines = source.split('\n');
  let from = 0;
  let to = lines.length;
  if (within !== undefined) {
    const tables = lines.flatMap((l, i) => (new RegExp(`^\\s+'?${within}'?: \\{$`).test(l) ? [i] : []));
    if (tables.length !== 1) throw new Error(`the file has ${tables.length} tables "${within}:"`);
    from = tables[0]!;
    const tableIndent = /^(\s+)/.exec(lines[from]!)![1]!;
    to = lines.findIndex((l, i) => i > from && l.startsWith(`${tableIndent}}`));
  }
  const starts = lines.flatMap((l, i) => (i >= from && i < to && new RegExp(`^(\\s+)'?${key}'?:`).test(l) ? [i] : []));
  if (starts.length !== 1) throw new Error(`the file has ${starts.length} entries "${key}:"${within ? ` in ${within}` : ''}`);
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
  const files = [...FILES.map((f) => `untouched-${f}`), ...CASES.map((c) => `without-${c.key}.ts`)];
  for (const f of FILES) writeFileSync(join(dir, `untouched-${f}`), relocated(SOURCES[f], dir));
  for (const c of CASES) writeFileSync(join(dir, `without-${c.key}.ts`), relocated(withoutEntry(SOURCES[fileOf(c)], c.key, 'within' in c ? c.within : undefined), dir));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), include: [], files }));
  // --singleThreaded: tsc's parallel checkers cost more CPU in all (measured ~0.25 s of ~1.3 s) on a
  // machine whose cores the other tests keep busy; the same checks, the same errors.
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false', '--singleThreaded'], {
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
  it.each(FILES)('the untouched copy of %s type-checks (so the failures below come from the removed keys)', (f) => {
    expect(errors.get(`untouched-${f}`)).toBeUndefined();
    expect(status).not.toBe(0);
  });

  it.each(CASES)('$table without $key: tsc names $key', ({ key }) => {
    const text = errors.get(`without-${key}.ts`) ?? '';
    expect(text).toContain('error TS');
    // tsc names a key that is not an identifier in double quotes: '"hf-config"'.
    expect(text).toContain(/^[A-Za-z_$][\w$]*$/.test(key) ? `'${key}'` : `'"${key}"'`);
  });

  it.each(CASES)('the copy without $key lost that one entry only (a few lines)', (c) => {
    const source = SOURCES[fileOf(c)];
    const removed = source.split('\n').length - withoutEntry(source, c.key, 'within' in c ? c.within : undefined).split('\n').length;
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(removed).toBeLessThanOrEqual('lines' in c ? c.lines : 8);
  });
});
