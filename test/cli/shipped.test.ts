/**
 * The shipped command: the BUILT `dist/cli.cjs` (launcher, code cache, bundle) as real processes.
 * Every other CLI test runs the command in process (test/helpers/cli.ts); the six spawns here prove
 * that the binary a user installs behaves the same — byte for byte the same output as the in-process
 * run of the same arguments — and show what only a real process can: the exit code the process
 * really ends with (the launcher ends it with the command's code: 0, 2 and 3 below), output through
 * real pipes (partial writes into a full pipe), standard input from a pipe, relative paths against
 * the process's own working folder, and the on-demand bundles loaded from dist/ (help, calibrate,
 * batch with its code cache). The checks of this file that a process adds nothing to (`--version`,
 * `--json-only`'s document, bad input's one line) run in process. `serve` (a real listener, SIGINT /
 * SIGTERM) is spawned by test/server/serve.test.ts; `perf` by test/cli/perf.test.ts; the installed
 * package's `llm-sizing` by test/library/pack.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchText } from '../../bench/lines.mjs';
import { type CliOptions, type CliResult, DIST, packageVersion, runCli, spawnCliAsync, tempDir } from '../helpers/cli.ts';

const tmp = tempDir('shipped');
afterAll(() => tmp.remove());

const REPORT_ARGS = ['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16'];

/**
 * Spawn the built command and run the same in process, side by side (the process runs while this
 * one computes, and its output waits in the pipe meanwhile): they must agree exactly.
 */
async function shipped(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  const [real, inProcess] = await Promise.all([spawnCliAsync(args, opts), runCli(args, opts)]);
  expect(real.status, real.stderr).toBe(inProcess.status);
  expect(real.stderr).toBe(inProcess.stderr);
  // toBe on long outputs prints a useless diff: compare lengths first, then the text.
  expect(real.stdout.length).toBe(inProcess.stdout.length);
  expect(real.stdout === inProcess.stdout, 'stdout of the built command equals the in-process run').toBe(true);
  return real;
}

describe('the built command (dist/cli.cjs) as a real process', () => {
  it('--help: exit 0 and the usage', async () => {
    const r = await shipped(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit codes');
  });

  it('--version (in process): the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.stdout).toBe(`llm-sizing ${packageVersion()}\n`);
  });

  it('the report example with output files relative to the working folder: exit 0, stdout the text report of 4 / 5 / 7 nodes (the in-process one, byte for byte), both files written', async () => {
    const dir = join(tmp.path, 'cwd');
    mkdirSync(dir);
    const [r, { stdout: text }] = await Promise.all([spawnCliAsync([...REPORT_ARGS, '--output-json-file', 'sizing.json', '--output-markdown-file', 'sizing.md'], { cwd: dir }), runCli(REPORT_ARGS)]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.length).toBe(text.length);
    expect(r.stdout === text, 'stdout of the built command equals the in-process text report').toBe(true);
    expect(r.stdout).toContain('LLM INFERENCE SIZING REPORT');
    expect(r.stdout).toMatch(/^Final Nodes\s+4\s+5\s+7\s*$/m);
    expect(r.stdout).toContain('Date: 1970-01-01 00:00:00 UTC');
    expect(readFileSync(join(dir, 'sizing.json'), 'utf8')).toBe((await runCli([...REPORT_ARGS, '--json-only'])).stdout);
    expect(readFileSync(join(dir, 'sizing.md'), 'utf8')).toBe((await runCli([...REPORT_ARGS, '--markdown-only'])).stdout);
  });

  it('--json-only (in process): one JSON document', async () => {
    const r = await runCli([...REPORT_ARGS, '--json-only']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { scenarios: Record<string, { results: { nodes_final: number } }> };
    expect(['minimum', 'recommended', 'ideal'].map((k) => doc.scenarios[k]!.results.nodes_final)).toEqual([4, 5, 7]);
  });

  it('an infeasible sizing ends the process with exit code 3', async () => {
    const r = await shipped(['--server', 'dgx200', '--runtime-overhead-gib', '1045', '--kv-precision', 'fp16', '--effective-context', '131072', '--concurrency', '10', '--model', 'opt-oss-120b', '--storage', 'profile_default', '--json-only']);
    expect(r.status).toBe(3);
  });

  it('bad input (in process): exit 2, one line naming the flag, no stack trace, nothing on stdout, no file written', async () => {
    const out = join(tmp.path, 'never.json');
    const r = await runCli(['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', 'abc', '--effective-context', '4096', '--output-json-file', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^llm-sizing: --concurrency: "abc" is not a number; expected a whole number from 1 to 1,000,000,000\.$/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toContain('Error');
    expect(existsSync(out)).toBe(false);
  });

  it('calibrate on a log file', async () => {
    const log = join(tmp.path, 'trtllm.log');
    writeFileSync(log, '[TensorRT-LLM][INFO] Number of tokens per block: 32.\n[TensorRT-LLM][INFO] [MemUsageChange] Allocated 5.95 GiB for max tokens in paged KV cache (86720).\n');
    const r = await shipped(['calibrate', log]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--memory-model trtllm');
  });

  it('batch from standard input: over a megabyte of output through a real pipe arrives whole, byte for byte, one line out per line in, exit 3 when one is infeasible', async () => {
    // 1,000 feasible lines (the megabyte), then one feasible and one infeasible line (the exit code).
    const models = ['opt-oss-120b', 'opt-oss-20b'];
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: i, model: models[i % 2], server: 'dgx300', storage: 'profile_default', concurrency: 1 + i, effective_context: 4096 + i }));
    const ok = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
    const infeasible = { ...ok, server: 'dgx200', concurrency: 10, runtime_overhead_gib: 1045 };
    const r = await shipped(['batch', '-'], { input: `${lines.join('\n')}\n${JSON.stringify(ok)}\n${JSON.stringify(infeasible)}\n` });
    expect(r.status).toBe(3);
    expect(r.stdout.length).toBeGreaterThan(1_000_000);
    const feasible = r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { feasible?: boolean }).feasible);
    expect(feasible).toHaveLength(1002);
    expect(feasible.slice(0, 1000).every((f) => f === true)).toBe(true);
    expect(feasible.slice(1000)).toEqual([true, false]);
  });

  it('batch FILE --fields nodes (dist/batch.cjs loaded with its code cache): the in-process output, byte for byte, exit 2 for its invalid lines', async () => {
    const file = join(tmp.path, 'fields.jsonl');
    writeFileSync(file, batchText(3000, { configurations: 300 }));
    // shipped() holds the process's status, stdout and stderr to the in-process run's.
    const r = await shipped(['batch', file, '--fields', 'nodes']);
    expect(r.status).toBe(2);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3000);
  });

  it('V8 accepts the code caches the build wrote (dist/app.cache for app.cjs, dist/batch.cache for batch.cjs): neither bundle is compiled anew', () => {
    const check = `const { Script } = require('node:vm'); const { readFileSync } = require('node:fs'); const { join } = require('node:path');
      for (const name of ['app', 'batch']) {
        const script = new Script(readFileSync(join(process.argv[1], name + '.cjs'), 'latin1'), { filename: name, cachedData: readFileSync(join(process.argv[1], name + '.cache')) });
        console.log(name, script.cachedDataRejected);
      }`;
    const r = spawnSync(process.execPath, ['-e', check, DIST], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('app false\nbatch false\n');
  });
});
