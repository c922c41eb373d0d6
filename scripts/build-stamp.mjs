// Whether dist/ is what `node scripts/build.mjs` would write now, so that `npm test` can skip a build
// that `npm ci` (prepare) or an earlier run has just made.
//
// The build ends by writing a stamp (node_modules/.cache/llm-sizing/build-stamp.json, never packed or
// committed) holding two SHA-256 digests:
//   - inputs: every file the build reads (src/, web/, the build scripts, bench/lines.mjs (the lines
//     dist/batch.cache is written from), package.json, the lock file,
//     the tsconfig files), by path and content, with the Node version and platform (dist/app.cache is
//     V8 code cache, valid for one V8 only) and the build's environment switches (NO_MINIFY);
//   - outputs: every file of dist/, by path and content.
// `upToDate()` is true only when both digests match what is there now: an edited source, a changed
// dependency, another Node, a NO_MINIFY build, or any file of dist/ changed, added or removed since
// (a hand edit, a copy from elsewhere) means a build. Hashing both takes a few milliseconds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** The files and folders the build reads, relative to the checkout. */
export const BUILD_INPUTS = ['src', 'web', 'bench/lines.mjs', 'scripts/build.mjs', 'scripts/build-stamp.mjs', 'scripts/dist-lock.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.lib.json'];
/** Environment variables that change what the build writes. */
const BUILD_ENV = ['NO_MINIFY'];
const STAMP = join('node_modules', '.cache', 'llm-sizing', 'build-stamp.json');

/** Every regular file under `path` (itself, when a file), sorted, relative to `root` with `/` separators. */
function filesOf(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { recursive: true })
    .map((f) => join(path, String(f)))
    .filter((f) => statSync(join(root, f)).isFile())
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/** SHA-256 of the files' paths and contents, with `extra` text first. */
function digest(root, files, extra = '') {
  const h = createHash('sha256').update(extra);
  for (const f of files) {
    const bytes = readFileSync(join(root, f));
    h.update(`\0${f}\0${bytes.length}\0`).update(bytes);
  }
  return h.digest('hex');
}

/** The digest of what the build reads, in `root`, with this Node and this environment. */
export function inputDigest(root, env = process.env) {
  const files = BUILD_INPUTS.flatMap((p) => filesOf(root, p));
  const setting = BUILD_ENV.map((k) => `${k}=${env[k] ?? ''}`).join('\n');
  return digest(root, files, `${process.version} ${process.platform} ${process.arch}\n${setting}\n`);
}

/** The digest of dist/ as it is. */
export function outputDigest(root) {
  return digest(root, filesOf(root, 'dist'));
}

/** The stamp at `stamp` (relative to `root`), or undefined when there is none or it cannot be read. */
function readStampFile(root, stamp) {
  try {
    return JSON.parse(readFileSync(join(root, stamp), 'utf8')) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Write `value` as the stamp at `stamp` (relative to `root`), whole: a temporary file renamed. */
function writeStampFile(root, stamp, value) {
  const path = join(root, stamp);
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value)}\n`);
  renameSync(tmp, path);
}

/** Record that dist/ was just built from the inputs as they are (written whole). */
export function writeStamp(root, env = process.env) {
  writeStampFile(root, STAMP, { inputs: inputDigest(root, env), outputs: outputDigest(root) });
}

/**
 * The type check's stamp: what `npm run typecheck` (tsc over tsconfig.json's `include` and over
 * web/tsconfig.json's) reads, by path and content, with the declarations it takes from node_modules
 * standing for their versions in the lock file. scripts/test.mjs records it when the type check
 * passed and skips the type check while it still matches: an edited, added or removed file under
 * these, or a changed dependency, checks again.
 */
export const TYPECHECK_INPUTS = ['src', 'test', 'bench', 'scripts', 'vitest.config.ts', 'web/src', 'web/tsconfig.json', 'tsconfig.json', 'package.json', 'package-lock.json'];
const TYPECHECK_STAMP = join('node_modules', '.cache', 'llm-sizing', 'typecheck-stamp.json');

/** The digest of what the type check reads, in `root`. */
export function typecheckDigest(root) {
  return digest(root, TYPECHECK_INPUTS.flatMap((p) => filesOf(root, p)));
}

/** True when the type check passed on the inputs as they are now (`digest`: `typecheckDigest(root)`). */
export function typecheckPassed(root, digest) {
  return readStampFile(root, TYPECHECK_STAMP)?.inputs === digest;
}

/** Record that the type check passed on the inputs whose digest, taken before it ran, is `digest` (written whole). */
export function writeTypecheckStamp(root, digest) {
  writeStampFile(root, TYPECHECK_STAMP, { inputs: digest });
}

/** Forget the last build (at the start of a build: a build that stops half way leaves no stamp). */
export function removeStamp(root) {
  rmSync(join(root, STAMP), { force: true });
}

/** True when dist/ is exactly what the last build wrote, from the inputs as they are now. */
export function upToDate(root, env = process.env) {
  const stamp = readStampFile(root, STAMP);
  if (stamp === undefined || !existsSync(join(root, 'dist', 'cli.cjs'))) return false;
  return stamp.inputs === inputDigest(root, env) && stamp.outputs === outputDigest(root);
}

