/**
 * The CLI's file I/O in process (src/cli/io.ts): reads check type and size before a byte is read;
 * writes go to regular files only, whole, through symbolic links. Devices are never written: named
 * pipes made in a temporary folder stand in for them, and /dev/stdout is only ever checked.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWritable, readTextFile, writeFilesAtomically } from '../../src/cli/io.ts';
import { FILE_LIMITS } from '../../src/schema/limits.ts';
import { isInputError, type Problem } from '../../src/schema/problems.ts';
import { tempDir } from '../helpers/cli.ts';

const tmp = tempDir('io');
afterAll(() => tmp.remove());
let n = 0;
/** A fresh folder inside the temporary one. */
function folder(): string {
  const dir = join(tmp.path, `case-${n++}`);
  mkdirSync(dir);
  return dir;
}
function mkfifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}
/** The problems of an InputError thrown by `f` (fails if it throws nothing or something else). */
function problemsOf(f: () => void): readonly Problem[] {
  try {
    f();
  } catch (e) {
    if (isInputError(e)) return e.problems;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('readTextFile: type and size first', () => {
  it('reads a regular file whole, dropping a leading byte order mark', () => {
    const dir = folder();
    writeFileSync(join(dir, 'bom.json'), '\uFEFF{"models": []}');
    writeFileSync(join(dir, 'plain.json'), '{"a": "\uFEFF"}');
    expect(readTextFile(join(dir, 'bom.json'), '--models-file')).toEqual({ ok: true, text: '{"models": []}' });
    expect(readTextFile(join(dir, 'plain.json'), '--models-file')).toEqual({ ok: true, text: '{"a": "\uFEFF"}' });
  });

  it.each([
    ['a named pipe (no writer: the read must not wait for one)', (dir: string) => mkfifo(join(dir, 'pipe')), 'fifo'],
    ['a folder', (dir: string) => dir, 'is_folder'],
    ['/dev/zero (endless)', () => '/dev/zero', 'device'],
    ['a symbolic link to a named pipe', (dir: string) => {
      mkfifo(join(dir, 'p'));
      symlinkSync(join(dir, 'p'), join(dir, 'link'));
      return join(dir, 'link');
    }, 'fifo'],
    ['a missing file', (dir: string) => join(dir, 'missing.json'), 'not_found'],
  ] as const)('refuses %s at once, naming the field and the reason', (_what, make, reason) => {
    const path = make(folder());
    const started = Date.now();
    const r = readTextFile(path, '--hf-config', 'config');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r).toEqual({ ok: false, problem: { field: '--hf-config', value: path, accepted: { kind: 'readable_file', reason } } });
  }, 10_000);

  it.each([
    ['catalog', FILE_LIMITS.catalog],
    ['config', FILE_LIMITS.config],
    ['log', FILE_LIMITS.log],
  ] as const)('refuses a %s file one byte over its limit (%i bytes) without reading it, and reads one at the limit', (kind, max) => {
    const dir = folder();
    const over = join(dir, 'over');
    writeFileSync(over, '');
    truncateSync(over, max + 1); // sparse: no disk used
    expect(readTextFile(over, 'LOGFILE', kind)).toEqual({ ok: false, problem: { field: 'LOGFILE', value: over, accepted: { kind: 'readable_file', reason: 'too_large', maxBytes: max } } });
    if (kind !== 'log') {
      const at = join(dir, 'at');
      writeFileSync(at, '');
      truncateSync(at, max);
      const r = readTextFile(at, 'LOGFILE', kind);
      expect(r.ok && r.text.length).toBe(max);
    }
  });
});

describe('writeFilesAtomically and checkWritable: regular files, whole, through links', () => {
  it('writes a new file, and replaces an existing one keeping its permissions', () => {
    const dir = folder();
    const path = join(dir, 'out.json');
    writeFilesAtomically([{ path, content: 'one', field: '--output-json-file' }]);
    expect(readFileSync(path, 'utf8')).toBe('one');
    chmodSync(path, 0o600);
    writeFilesAtomically([{ path, content: 'two', field: '--output-json-file' }]);
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('writes through a symbolic link: the link stays, the file it names is replaced', () => {
    const dir = folder();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'report.json');
    writeFileSync(target, 'old');
    symlinkSync('real/report.json', join(dir, 'link.json'));
    writeFilesAtomically([{ path: join(dir, 'link.json'), content: 'new', field: '--output-json-file' }]);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('real/report.json');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'real'))).toEqual(['report.json']);
  });

  it('writes through a dangling link (and a chain of links) to the file it names', () => {
    const dir = folder();
    symlinkSync('made.json', join(dir, 'dangling'));
    symlinkSync('dangling', join(dir, 'chain'));
    writeFilesAtomically([{ path: join(dir, 'chain'), content: 'x', field: '--output-markdown-file' }]);
    expect(lstatSync(join(dir, 'chain')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'made.json'), 'utf8')).toBe('x');
  });

  it('refuses a named pipe, and a link to one, leaving both as they were', () => {
    const dir = folder();
    const pipe = mkfifo(join(dir, 'pipe'));
    symlinkSync(pipe, join(dir, 'to-pipe'));
    for (const path of [pipe, join(dir, 'to-pipe')]) {
      expect(checkWritable(path, '--output-json-file')).toEqual({ field: '--output-json-file', value: path, accepted: { kind: 'writable_path', reason: 'fifo' } });
      expect(problemsOf(() => writeFilesAtomically([{ path, content: 'x', field: '--output-json-file' }]))).toEqual([
        { field: '--output-json-file', value: path, accepted: { kind: 'writable_path', reason: 'fifo' } },
      ]);
    }
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(lstatSync(join(dir, 'to-pipe')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['pipe', 'to-pipe']);
  });

  it('writes nothing when one of several files cannot be written (whole or not at all)', () => {
    const dir = folder();
    const pipe = mkfifo(join(dir, 'pipe'));
    const problems = problemsOf(() =>
      writeFilesAtomically([
        { path: join(dir, 'a.json'), content: 'a', field: '--output-json-file' },
        { path: pipe, content: 'b', field: '--output-markdown-file' },
      ]),
    );
    expect(problems.map((p) => p.field)).toEqual(['--output-markdown-file']);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('refuses the names of the process\'s own open files (checked, never written)', () => {
    const dir = folder();
    symlinkSync('/dev/stdout', join(dir, 'to-stdout'));
    for (const path of ['/dev/stdout', '/dev/stderr', '/dev/fd/1', '/proc/self/fd/1', join(dir, 'to-stdout')]) {
      expect(checkWritable(path, '--output-json-file')?.accepted, path).toEqual({ kind: 'writable_path', reason: 'device' });
    }
  });

  it('refuses a path ending in a slash: a folder\'s name, never a file named like it', () => {
    const dir = folder();
    const missing = join(dir, 'dir/');
    expect(checkWritable(missing, '--output-json-file')?.accepted).toEqual({ kind: 'writable_path', reason: 'names_folder' });
    expect(problemsOf(() => writeFilesAtomically([{ path: missing, content: 'x', field: '--output-json-file' }]))[0]?.accepted).toEqual({ kind: 'writable_path', reason: 'names_folder' });
    expect(checkWritable(`${dir}/`, '--output-json-file')?.accepted).toEqual({ kind: 'writable_path', reason: 'is_folder' });
    expect(checkWritable(dir, '--output-json-file')?.accepted).toEqual({ kind: 'writable_path', reason: 'is_folder' });
    expect(existsSync(join(dir, 'dir'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a missing folder and a link loop with their reasons', () => {
    const dir = folder();
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    expect(checkWritable(join(dir, 'no', 'x.json'), '--output-json-file')?.accepted).toEqual({ kind: 'writable_path', reason: 'not_found' });
    expect(checkWritable(join(dir, 'loop-a'), '--output-json-file')?.accepted).toEqual({ kind: 'writable_path', reason: 'system', code: 'ELOOP' });
  });
});
