// One writer or reader of dist/ at a time, across processes: `npm run build` (which deletes and
// rewrites dist/) and the test run's private copy of it (test/setup/dist.ts) take this lock, so that
// two `npm test` started together never build over each other or copy a half-built dist/.
// The lock is a folder in the temporary folder, named after the checkout; it holds the owner's pid,
// so a lock left by a killed process is taken over. Waits up to two minutes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WAIT_MS = 120_000;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Take the lock of `root`'s dist/ (synchronously); returns the function that releases it. */
export function lockDist(root = process.cwd()) {
  const dir = join(tmpdir(), `llm-sizing-dist-lock-${createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16)}`);
  const owner = join(dir, 'pid');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = Number.NaN;
      try {
        pid = Number(readFileSync(owner, 'utf8'));
      } catch {
        // being created or removed right now
      }
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`dist/ stayed locked by ${Number.isNaN(pid) ? 'another process' : `process ${pid}`} for ${WAIT_MS / 1000} s (${dir})`);
      else sleep(50);
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', release);
  return release;
}
