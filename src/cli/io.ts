/** File I/O of the CLI: reads that fail become problems; writes are all-or-nothing. */
import { closeSync, constants, accessSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { FileReason, Problem } from '../schema/problems.ts';

/** Why a file operation failed, as data (the locale says it in words). */
export function fileReason(e: unknown): { reason: FileReason; code?: string } {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return { reason: 'not_found' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission_denied' };
    case 'EISDIR':
      return { reason: 'is_folder' };
    case 'ENOTDIR':
      return { reason: 'parent_not_folder' };
    default:
      return { reason: 'system', code: err.code ?? err.message };
  }
}

export function readTextFile(path: string, field: string): { ok: true; text: string } | { ok: false; problem: Problem } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { ok: false, problem: { field, value: path, accepted: { kind: 'readable_file', ...fileReason(e) } } };
  }
}

/** Check, before anything is written, that `path` can be written. */
export function checkWritable(path: string, field: string): Problem | undefined {
  const full = resolve(path);
  try {
    if (statSync(full).isDirectory()) return { field, value: path, accepted: { kind: 'writable_path', reason: 'is_folder' } };
  } catch {
    // does not exist yet: the folder must exist and be writable
  }
  try {
    const dir = dirname(full);
    if (!statSync(dir).isDirectory()) return { field, value: path, accepted: { kind: 'writable_path', reason: 'parent_not_folder' } };
    accessSync(dir, constants.W_OK);
  } catch (e) {
    return { field, value: path, accepted: { kind: 'writable_path', ...fileReason(e) } };
  }
  return undefined;
}

/**
 * Write several files so that either all of them appear whole, or none changes: each goes to a
 * temporary file beside its target first, and only when every one is on disk are they renamed.
 */
export function writeFilesAtomically(files: readonly { path: string; content: string }[]): void {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      const full = resolve(file.path);
      const temp = join(dirname(full), `.${basename(full)}.${process.pid}.${temps.length}.tmp`);
      temps.push({ temp, path: full });
      const fd = openSync(temp, 'wx', 0o644);
      try {
        writeSync(fd, file.content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const t of temps) renameSync(t.temp, t.path);
  } catch (e) {
    for (const t of temps) {
      try {
        unlinkSync(t.temp);
      } catch {
        // already renamed or never created
      }
    }
    throw e;
  }
}
