/**
 * Running `llm-sizing` in the tests, two ways:
 *
 * - `runCli` (most tests): the command IN PROCESS, through `runCommand(argv, io)` of src/cli/app.ts —
 *   the very function the shipped launcher calls, with the same last line of defence for unexpected
 *   errors — on a captured stdout/stderr, a given stdin, a fixed environment and a working folder.
 *   No process is started, so hundreds of runs cost milliseconds each.
 * - `spawnCliAsync` (test/cli/shipped.test.ts and test/cli/perf.test.ts only; `serve` has its own in
 *   test/helpers/serve.ts): the BUILT command (`dist/cli.cjs`, what `npm run build` produces and users
 *   install) as a real process, for what only a real process shows: the bundle, its code cache and
 *   launcher, the exit code the process really ends with, real pipes, signals and the listener.
 *   About ten such processes in the whole suite (docs/performance.md lists them): each costs a Node
 *   start-up, an in-process run milliseconds.
 *
 * Both give the same result shape ({ status, stdout, stderr }) for the same arguments; the shipped
 * tests check that they agree byte for byte.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { inject } from 'vitest';
import { runCommand } from '../../src/cli/app.ts';
import type { Io } from '../../src/cli/main.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The built files the spawned command runs: this test run's private copy of dist/ (test/setup/dist.ts),
 * so that a concurrent build cannot change them mid-run; dist/ itself outside vitest.
 */
export const DIST = providedDist() || join(ROOT, 'dist');
export const CLI_PATH = join(DIST, 'cli.cjs');

function providedDist(): string {
  try {
    return inject('llmSizingDist');
  } catch {
    return '';
  }
}

export interface CliOptions {
  /** Text written to standard input (stdin is empty otherwise). */
  input?: string;
  /** Variables added to the fixed environment. */
  env?: Record<string, string>;
  /** The working folder relative paths are read from and written to (the repository by default). */
  cwd?: string;
}

export interface CliResult {
  /** Exit code; null only if a spawned process was killed by a signal. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A fixed environment: nothing inherited except PATH, so a developer's NODE_OPTIONS or the build's
 * code-cache variables cannot change what runs; SOURCE_DATE_EPOCH=0 makes report dates reproducible.
 */
function cliEnv(extra: Record<string, string> | undefined): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', SOURCE_DATE_EPOCH: '0', ...extra };
}

// ------------------------------------------------------------------------------------------------
// In process

/** In-process runs go one at a time: a run may change the working folder while it is awaited. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `llm-sizing ARGS` in this process. Runs are queued (never two at once). Around each run the
 * process state a command must not touch is checked, so that nothing leaks from one test to the next:
 * `process.exit` throws, and a changed `process.exitCode`, a write to `process.stdout` or
 * `process.stderr`, or a SIGINT / SIGTERM listener left behind fails the run.
 */
export function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return runInProcessWith(runCommand, args, opts);
}

/** `runCli` with another command in place of `runCommand` (for the tests of these checks). */
export function runInProcessWith(command: (argv: readonly string[], io: Io) => Promise<number>, args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  const result = queue.then(() => runInProcess(command, args, opts));
  queue = result.catch(() => undefined);
  return result;
}

/** Several runs, results in input order (kept for the callers written against the spawning version). */
export async function runCliAll(runs: readonly { args: readonly string[]; opts?: CliOptions }[]): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (const run of runs) results.push(await runCli(run.args, run.opts));
  return results;
}

/**
 * An `Io` for a run in this process: standard output and error captured (`onStdout` sees the output so
 * far after each write), `input` as standard input, the fixed environment (`cliEnv`), and `stop` as
 * `Io.stop`.
 */
export function capturedIo(opts: Pick<CliOptions, 'input' | 'env'> & { readonly stop?: AbortSignal } = {}, onStdout?: (soFar: string) => void): { io: Io; stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(opts.input ?? '');
  const io: Io = {
    stdout: (text) => {
      stdout += text;
      onStdout?.(stdout);
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin,
    now: () => new Date(),
    env: cliEnv(opts.env),
    ...(opts.stop ? { stop: opts.stop } : {}),
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/**
 * Counts the process's SIGINT and SIGTERM listeners now; the function returned says whether either
 * count differs later (a command run in process left a listener behind, or took one away).
 */
export function signalListenersCheck(): () => boolean {
  const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
  return () => process.listenerCount('SIGINT') !== before[0] || process.listenerCount('SIGTERM') !== before[1];
}

async function runInProcess(command: (argv: readonly string[], io: Io) => Promise<number>, args: readonly string[], opts: CliOptions): Promise<CliResult> {
  const { io, stdout, stderr } = capturedIo(opts);
  const label = `llm-sizing ${args.join(' ')}`;
  const cwd = resolve(opts.cwd ?? ROOT);
  const cwdBefore = process.cwd();
  if (cwd !== cwdBefore) {
    if (!isMainThread) throw new Error(`${label}: a working folder other than ${cwdBefore} needs process.chdir, which worker threads refuse: run vitest with pool "forks" (vitest.config.ts)`);
    process.chdir(cwd);
  }
  const exitCodeBefore = process.exitCode;
  const signalsLeft = signalListenersCheck();
  const { exit } = process;
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const leaks: string[] = [];
  process.exit = ((code?: number) => {
    leaks.push(`called process.exit(${code ?? ''}): main() must return its exit code`);
    throw new Error(`${label}: called process.exit(${code ?? ''})`);
  }) as typeof process.exit;
  process.stdout.write = ((...w: Parameters<typeof stdoutWrite>) => {
    leaks.push(`wrote to process.stdout: ${String(w[0]).slice(0, 80)}`);
    return stdoutWrite.apply(process.stdout, w);
  }) as typeof stdoutWrite;
  process.stderr.write = ((...w: Parameters<typeof stderrWrite>) => {
    leaks.push(`wrote to process.stderr: ${String(w[0]).slice(0, 80)}`);
    return stderrWrite.apply(process.stderr, w);
  }) as typeof stderrWrite;
  let status: number;
  try {
    status = await command(args, io);
  } finally {
    process.exit = exit;
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    if (process.cwd() !== cwdBefore) process.chdir(cwdBefore);
  }
  if (process.exitCode !== exitCodeBefore) leaks.push(`set process.exitCode to ${process.exitCode}`);
  process.exitCode = exitCodeBefore;
  if (signalsLeft()) leaks.push('left a SIGINT or SIGTERM listener behind');
  if (leaks.length > 0) throw new Error(`${label}: the command touched the process:\n${leaks.join('\n')}`);
  return { status, stdout: stdout(), stderr: stderr() };
}

// ------------------------------------------------------------------------------------------------
// The built command, as a real process

/** Per spawn; the CLI starts in well under a second, so this only stops a hung process. */
const TIMEOUT_MS = 60_000;

function assertBuilt(): void {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} is missing: run npm run build first (node scripts/build.mjs), then vitest; the shipped-command tests run the built CLI.`);
  }
}

/** Run the built `llm-sizing ARGS` as a process without blocking. */
export function spawnCliAsync(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: opts.cwd ?? ROOT, env: cliEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`llm-sizing ${args.join(' ')}: could not run: ${e.message}`));
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {
      // the CLI may exit before reading its input (e.g. on bad flags): not a failure of the test
    });
    child.stdin.end(opts.input ?? '');
  });
}

// ------------------------------------------------------------------------------------------------

/** A fresh temporary folder; `remove()` deletes it (call it in afterAll). */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `llm-sizing-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** package.json's version: what `--version` must print. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Parse a whole stdout as exactly one JSON document (throws, naming the output, otherwise). */
export function parseJsonDocument(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch (e) {
    throw new Error(`stdout is not one JSON document (${(e as Error).message}):\n${stdout.slice(0, 500)}`);
  }
}
