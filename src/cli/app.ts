/**
 * The CLI wired to the real process (stdout, stderr, stdin, clock, environment). `run` is what the
 * launcher (`src/launcher.ts`) calls; `runCommand` is the same command on any `Io` (the tests run it in
 * process). Unexpected errors are shown in full, with exit code 1.
 */
import { writeSync } from 'node:fs';
import { EXIT } from './exit.ts';
import { type Io, main } from './main.ts';

/**
 * Write straight to the file descriptor: creating `process.stdout` loads the stream machinery
 * (~3 ms, half the start-up budget). Strings go to writeSync as they are (no extra Buffer copy);
 * a partial write to a full pipe goes on from the byte where it stopped. Stops quietly on EPIPE.
 */
function writer(fd: number): (text: string | Uint8Array) => void {
  return (text) => {
    let written = 0;
    try {
      written = typeof text === 'string' ? writeSync(fd, text) : writeSync(fd, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw e;
    }
    if (written === (typeof text === 'string' ? Buffer.byteLength(text) : text.length)) return;
    // A partial write (a full pipe): go on byte by byte from where it stopped.
    let buffer = (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).subarray(written);
    while (buffer.length > 0) {
      try {
        buffer = buffer.subarray(writeSync(fd, buffer));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EPIPE') return;
        throw e;
      }
    }
  };
}

/** `main` behind its last line of defence: an unexpected error is shown in full, with exit code 1. */
export async function runCommand(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await main(argv, io);
  } catch (e) {
    io.stderr(`llm-sizing: unexpected failure (please report it):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.unexpected;
  }
}

/** The command on the real process: what the launcher calls. */
export function run(argv: readonly string[]): Promise<number> {
  return runCommand(argv, {
    stdout: writer(1),
    stdoutBytes: writer(1),
    stderr: writer(2),
    get stdin() {
      return process.stdin;
    },
    now: () => new Date(),
    env: process.env,
    ownsProcess: true,
  });
}
