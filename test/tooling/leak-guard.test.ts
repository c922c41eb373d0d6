/**
 * The run's last check (test/setup/dist.ts): a process still running from the private copy of dist/
 * after the tests (a `serve` a test did not stop) fails the run. `runningFrom` is what finds them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runningFrom } from '../setup/dist.ts';

const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-leak-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(existsSync('/proc/self/cmdline'))('runningFrom', () => {
  it('finds a process whose command line names a file in the folder, and no longer once it has ended', async () => {
    // sh's $0 is the path: the command line names it, as `node COPY/cli.cjs serve` names the copy.
    // It waits on a line of standard input (a builtin: no child of its own to outlive it) and ends
    // when that closes.
    const child = spawn('sh', ['-c', 'read -r line', join(dir, 'cli.cjs')], { stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => child.once('spawn', resolve));
    try {
      const found = runningFrom(dir);
      expect(found.map((p) => p.pid)).toEqual([child.pid]);
      expect(found[0]!.command).toContain(`${dir}/cli.cjs`);
      // A folder whose name only starts the same is another folder.
      expect(runningFrom(dir.slice(0, -1))).toEqual([]);
    } finally {
      child.stdin.end();
    }
    await exited;
    expect(runningFrom(dir)).toEqual([]);
  });
});
