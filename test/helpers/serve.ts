/**
 * `llm-sizing serve …` in the tests, two ways: `startServer` starts the BUILT command (dist/cli.cjs)
 * as a process, waits for the URL it prints, and is stopped with a signal; `startServeInProcess` runs
 * the same command in this process and is stopped through `Io.stop`. Loopback only (tests pass
 * --port 0 and keep the default host).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { runCommand } from '../../src/cli/app.ts';
import { capturedIo, CLI_PATH, ROOT, signalListenersCheck } from './cli.ts';

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

/** `llm-sizing serve …` run in process (startServeInProcess). */
export interface InProcessServer {
  /** The printed URL, with its trailing slash: http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  /** What the command has written to standard error so far. */
  readonly stderr: () => string;
  /**
   * Stop it as SIGINT stops the process (`Io.stop` aborted) and wait for the command to return: its
   * exit code and everything it wrote. Fails when it left a SIGINT or SIGTERM listener behind.
   */
  readonly stop: () => Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }>;
}

/**
 * Run `llm-sizing serve …` IN PROCESS (runCommand, the function the launcher calls, on a captured
 * stdout and stderr, the same fixed environment as the spawned one) and wait for the URL it prints.
 * The same server as `startServer`'s (the command's createApp and createNodeServer, its limits and
 * Host check, its log lines) without a process of its own: for the tests of what the server answers.
 * What only the real process shows (its signals, exit code and start-up) stays with `startServer`.
 * The web page's files are not in the sources' folder: the page itself is tested against the built
 * command.
 */
export function startServeInProcess(args: readonly string[]): Promise<InProcessServer> {
  const controller = new AbortController();
  const signalsLeft = signalListenersCheck();
  let printed: (m: RegExpExecArray) => void = () => undefined;
  const url = new Promise<RegExpExecArray>((resolve) => (printed = resolve));
  const { io, stdout, stderr } = capturedIo({ stop: controller.signal }, (soFar) => {
    const m = /(http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(soFar);
    if (m) printed(m);
  });
  const done = runCommand(args, io).then((code) => {
    if (signalsLeft()) {
      throw new Error(`llm-sizing ${args.join(' ')}: left a SIGINT or SIGTERM listener behind`);
    }
    return { code, stdout: stdout(), stderr: stderr() };
  });
  return Promise.race([
    url.then((m) => ({ url: m[1]!, port: Number(m[2]), stderr, stop: () => (controller.abort(), done) })),
    done.then((r) => Promise.reject(new Error(`returned ${r.code} before printing its URL: ${r.stderr}`))),
  ]);
}
