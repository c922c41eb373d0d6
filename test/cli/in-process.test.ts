/**
 * The in-process runner of test/helpers/cli.ts: what it gives a command (stdin, the fixed environment,
 * the working folder) and the process state it refuses to let a command touch, so that hundreds of
 * runs in one process cannot leak into each other.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/main.ts';
import { ROOT, runCli, runInProcessWith, tempDir } from '../helpers/cli.ts';

const tmp = tempDir('in-process');
afterAll(() => tmp.remove());

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  stream.setEncoding('utf8');
  let text = '';
  for await (const chunk of stream as AsyncIterable<string>) text += chunk;
  return text;
}

describe('runCli in process', () => {
  it('gives the command the input, a fixed environment with SOURCE_DATE_EPOCH=0, and the working folder', async () => {
    writeFileSync(join(tmp.path, 'relative.txt'), 'read from the working folder');
    const seen: Record<string, unknown> = {};
    const r = await runInProcessWith(
      async (argv, io: Io) => {
        seen.argv = argv;
        seen.stdin = await readAll(io.stdin);
        seen.env = io.env;
        seen.file = readFileSync('relative.txt', 'utf8');
        io.stdout('out');
        io.stderr('err');
        return 7;
      },
      ['a', 'b'],
      { input: 'lines\n', env: { EXTRA: '1' }, cwd: tmp.path },
    );
    expect(r).toEqual({ status: 7, stdout: 'out', stderr: 'err' });
    expect(seen).toEqual({ argv: ['a', 'b'], stdin: 'lines\n', env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '0', EXTRA: '1' }, file: 'read from the working folder' });
    expect(process.cwd()).toBe(ROOT.replace(/\/$/, ''));
  });

  const touches: [string, () => void, RegExp][] = [
    ['sets process.exitCode', () => void (process.exitCode = 4), /set process.exitCode to 4/],
    ['writes to process.stdout', () => void process.stdout.write(''), /wrote to process.stdout/],
    ['writes to process.stderr', () => void process.stderr.write(''), /wrote to process.stderr/],
    ['calls process.exit', () => process.exit(2), /called process.exit\(2\)/],
    ['leaves a SIGINT listener behind', () => void process.on('SIGINT', () => undefined), /SIGINT or SIGTERM listener/],
  ];
  it.each(touches)('fails a command that %s, and restores the process', async (_what, touch, message) => {
    const sigint = process.listeners('SIGINT');
    await expect(
      runInProcessWith(async () => {
        touch();
        return 0;
      }, []),
    ).rejects.toThrow(message);
    for (const l of process.listeners('SIGINT')) if (!sigint.includes(l)) process.off('SIGINT', l);
    expect(process.exitCode).toBeUndefined();
  });

  it('runs the real command: --version', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(/^llm-sizing \d+\.\d+\.\d+\n$/);
  });
});
