/**
 * Run the BUILT command (`dist/cli.cjs`, what `npm run build` produces and users install), never the
 * sources: the end-to-end tests check the bundle, its code cache and its launcher as shipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_PATH = join(ROOT, 'dist', 'cli.cjs');

export interface CliOptions {
  /** Text written to standard input (stdin is empty otherwise). */
  input?: string;
  /** Variables added to the fixed environment. */
  env?: Record<string, string>;
  cwd?: string;
}

export interface CliResult {
  /** Exit code; null only if the process was killed by a signal. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Per spawn; the CLI starts in well under a second, so this only stops a hung process. */
const TIMEOUT_MS = 20_000;

function assertBuilt(): void {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} is missing: run npm run build first (node scripts/build.mjs); the end-to-end tests run the built CLI.`);
  }
}

/**
 * A fixed environment: nothing inherited except PATH, so a developer's NODE_OPTIONS or the build's
 * code-cache variables cannot change what runs; SOURCE_DATE_EPOCH=0 makes report dates reproducible.
 */
function cliEnv(extra: Record<string, string> | undefined): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', SOURCE_DATE_EPOCH: '0', ...extra };
}

/** Run `llm-sizing ARGS` synchronously. */
export function runCli(args: readonly string[], opts: CliOptions = {}): CliResult {
  assertBuilt();
  const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: cliEnv(opts.env),
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`llm-sizing ${args.join(' ')}: could not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run `llm-sizing ARGS` without blocking, so that independent runs can go in parallel. */
export function runCliAsync(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
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

/** Run several commands at a time (at most `limit` processes at once), results in input order. */
export async function runCliAll(runs: readonly { args: readonly string[]; opts?: CliOptions }[], limit = 4): Promise<CliResult[]> {
  const results: CliResult[] = new Array<CliResult>(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const i = next++;
      const run = runs[i]!;
      results[i] = await runCliAsync(run.args, run.opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, runs.length) }, worker));
  return results;
}

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
