/**
 * vitest globalSetup: the tests that start the built command (test/cli/shipped.test.ts, the `serve`
 * and browser tests) run a private copy of dist/, taken once under the dist/ lock
 * (scripts/dist-lock.mjs), so that another `npm test` or `npm run build` rebuilding dist/ meanwhile
 * cannot pull the files from under them. Without a built dist/ there is nothing to copy, and those
 * tests say to build first.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { lockDist } from '../../scripts/dist-lock.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The private copy of dist/ for this run ('' when dist/ was not built). */
    llmSizingDist: string;
  }
}

export default function setup(project: TestProject): (() => void) | undefined {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const release = lockDist(root);
  let copy = '';
  try {
    if (existsSync(join(root, 'dist', 'cli.cjs'))) {
      copy = mkdtempSync(join(tmpdir(), 'llm-sizing-dist-'));
      cpSync(join(root, 'dist'), copy, { recursive: true });
    }
  } finally {
    release();
  }
  project.provide('llmSizingDist', copy);
  return copy === '' ? undefined : () => teardown(copy);
}

/**
 * After the run: no process of the private copy may still run (a `serve` the tests started and did
 * not stop would run on, orphaned, after vitest). They are given two seconds to end (a server told
 * to stop as its worker ended is closing), then killed, and the run fails naming them. Linux only
 * (/proc); elsewhere the copy is just removed.
 */
async function teardown(copy: string): Promise<void> {
  try {
    let left = runningFrom(copy);
    for (let waited = 0; left.length > 0 && waited < 2000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = runningFrom(copy);
    }
    if (left.length > 0) {
      for (const p of left) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      // vitest reports an error thrown here but exits 0: the exit code is set as well.
      process.exitCode = 1;
      throw new Error(`${left.length} process(es) of this run's built command were still running after the tests (killed now): ${left.map((p) => `${p.pid} ${p.command}`).join('; ')}`);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The processes whose command line names a file under `dir` (from /proc; none where there is no /proc). */
export function runningFrom(dir: string): { pid: number; command: string }[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim();
    } catch {
      continue;
    }
    if (command.includes(`${dir}/`)) found.push({ pid: Number(entry), command });
  }
  return found;
}
