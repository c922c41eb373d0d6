/**
 * Start the BUILT `llm-sizing serve …` (dist/cli.cjs) and wait for the URL it prints; stop it with a
 * signal and read how it exited. Loopback only (tests pass --port 0 and keep the default host).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CLI_PATH, ROOT } from './cli.ts';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface StartedServer {
  readonly child: ChildProcessWithoutNullStreams;
  /** The printed URL, with its trailing slash: http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  readonly exited: Promise<Exit>;
}

/** `args` follow `llm-sizing` (so they start with `serve`); SOURCE_DATE_EPOCH=0 as for every CLI test. */
export function startServer(args: readonly string[]): Promise<StartedServer> {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SOURCE_DATE_EPOCH: '0' } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL within 10 s; stdout: ${stdout}; stderr: ${stderr}`));
    }, 10_000);
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, port: Number(m[2]), exited });
      }
    });
    void exited.then((r) => {
      clearTimeout(timer);
      reject(new Error(`exited ${r.code} before printing its URL: ${r.stderr}`));
    });
  });
}
