/**
 * File I/O of the CLI: reads that fail become problems; writes are all-or-nothing.
 *
 * Reads: only regular files, checked (type, then size against its kind's limit in
 * src/schema/limits.ts) on the open descriptor before a byte is read, so a folder, a device such as
 * /dev/zero or a named pipe is refused at once instead of read until memory runs out. A leading
 * UTF-8 byte order mark is dropped.
 *
 * Writes: to a regular file only, whole or not at all: the text goes to a temporary file beside the
 * target, which is then renamed over it. A symbolic link is written through (the file it points to
 * is replaced, the link stays); a device, named pipe or socket is refused, never renamed over.
 */
import {
  closeSync,
  constants,
  accessSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  renameSync,
  statSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { stripBom } from '../schema/json-depth.ts';
import { FILE_LIMITS, type FileKind } from '../schema/limits.ts';
import { type FileReason, InputError, isInputError, type Problem } from '../schema/problems.ts';

/** Why a file operation failed, as data (the locale says it in words). */
export function fileReason(e: unknown): { reason: FileReason; code?: string } {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EOPENFILE':
      return { reason: 'device' };
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

/** What a file that is not a regular one is, as a reason (undefined for a regular file). */
export function typeReason(st: Stats): FileReason | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is_folder';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'device';
}

/** A path written with a trailing slash: it can only name a folder. */
function endsWithSlash(path: string): boolean {
  return path.endsWith('/') || path.endsWith(sep);
}

/**
 * A regular file's text, read whole, at most FILE_LIMITS[kind] bytes; anything else is a problem
 * naming `field`. The file is opened without blocking (a named pipe with no writer would otherwise
 * hang), then checked on its descriptor, so what is checked is what is read.
 */
export function readTextFile(path: string, field: string, kind: FileKind = 'catalog'): { ok: true; text: string } | { ok: false; problem: Problem } {
  const fail = (reason: { reason: FileReason; code?: string; maxBytes?: number }) => ({ ok: false as const, problem: { field, value: path, accepted: { kind: 'readable_file' as const, ...reason } } });
  const max = FILE_LIMITS[kind];
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return fail(fileReason(e));
  }
  try {
    const st = fstatSync(fd);
    const notRegular = typeReason(st);
    if (notRegular) return fail({ reason: notRegular });
    if (st.size > max) return fail({ reason: 'too_large', maxBytes: max });
    // Read to the end, but never more than the limit: a file may grow, or (in /proc) state size 0.
    const chunks: Buffer[] = [];
    let total = 0;
    // The stated size plus one byte (to see the end) first; then 64 KiB at a time.
    let size = Math.min(st.size + 1, max + 1);
    for (;;) {
      const buffer = Buffer.allocUnsafe(size);
      const n = readSync(fd, buffer, 0, size, null);
      if (n === 0) break;
      total += n;
      if (total > max) return fail({ reason: 'too_large', maxBytes: max });
      chunks.push(buffer.subarray(0, n));
      size = Math.min(64 * 1024, max + 1 - total);
    }
    return { ok: true, text: stripBom(Buffer.concat(chunks, total).toString('utf8')) };
  } catch (e) {
    return fail(fileReason(e));
  } finally {
    closeSync(fd);
  }
}

/** Links followed before giving up (Linux's own limit). */
const MAX_LINKS = 40;

/**
 * Names of the process's own open files (/dev/stdout, /dev/fd/1, /proc/self/fd/1): whatever they lead
 * to is already open for the process's output, so it is not a file to replace; treated as a device.
 */
const OPEN_FILE_NAME = /^\/dev\/(stdin|stdout|stderr|fd\/\d+)$|^\/proc\/[^/]+\/fd\/\d+$/;

/**
 * Where writing `path` really goes: symbolic links followed, a dangling one to the path it names.
 * `stats` are the target's when it exists already.
 */
function writeTarget(path: string): { target: string; stats: Stats | undefined } {
  let current = resolve(path);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    if (OPEN_FILE_NAME.test(current)) throw Object.assign(new Error(`an open file's name: ${path}`), { code: 'EOPENFILE', path });
    let link: Stats;
    try {
      link = lstatSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { target: current, stats: undefined };
      throw e;
    }
    if (!link.isSymbolicLink()) return { target: current, stats: link };
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw Object.assign(new Error(`too many symbolic links: ${path}`), { code: 'ELOOP', path });
}

/** Check, before anything is written, that `path` can be written (as a regular file, whole). */
export function checkWritable(path: string, field: string): Problem | undefined {
  const problem = (reason: { reason: FileReason; code?: string }): Problem => ({ field, value: path, accepted: { kind: 'writable_path', ...reason } });
  try {
    if (endsWithSlash(path)) {
      let isFolder = false;
      try {
        isFolder = statSync(path).isDirectory();
      } catch {
        // missing: still a folder's name, not a file's
      }
      return problem({ reason: isFolder ? 'is_folder' : 'names_folder' });
    }
    const { target, stats } = writeTarget(path);
    if (stats) {
      const notRegular = typeReason(stats);
      if (notRegular) return problem({ reason: notRegular });
    }
    // Not there yet (or to be replaced): its folder must exist and be writable (the rename happens there).
    const dir = dirname(target);
    if (!statSync(dir).isDirectory()) return problem({ reason: 'parent_not_folder' });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    return problem(fileReason(e));
  }
  return undefined;
}

/**
 * Write several files so that either all of them appear whole, or none changes: each goes to a
 * temporary file beside its target first, and only when every one is on disk are they renamed.
 * A symbolic link is written through: the file it points to is replaced (keeping its permissions),
 * the link stays. A target that is not a regular file (a device, a named pipe) is refused, never
 * replaced. Failures are InputErrors naming the file's `field`.
 */
export function writeFilesAtomically(files: readonly { path: string; content: string; field: string }[]): void {
  const temps: { temp: string; target: string; file: (typeof files)[number] }[] = [];
  let current: (typeof files)[number] | undefined;
  try {
    for (const file of files) {
      current = file;
      const checked = checkWritable(file.path, file.field);
      if (checked) throw new InputError([checked]);
      const { target, stats } = writeTarget(file.path);
      const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${temps.length}.tmp`);
      const fd = openSync(temp, 'wx', 0o644);
      temps.push({ temp, target, file });
      try {
        if (stats) fchmodSync(fd, stats.mode & 0o7777);
        writeSync(fd, file.content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const t of temps) {
      current = t.file;
      renameSync(t.temp, t.target);
    }
  } catch (e) {
    for (const t of temps) {
      try {
        unlinkSync(t.temp);
      } catch {
        // already renamed or never created
      }
    }
    if (isInputError(e) || current === undefined) throw e;
    throw new InputError([{ field: current.field, value: current.path, accepted: { kind: 'writable_path', ...fileReason(e) } }]);
  }
}
