// Memory stays flat however long the input: peak RSS of `batch` on 100,000 and on 1,000,000 varied
// lines, the output read through a pipe (so a slow reader holds the writer back) and discarded.
// Floor: a bare `node -e 0`'s peak RSS. Each measured process is started by a shell (see peakRss).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './batch.mjs';
import { batchText } from './lines.mjs';

const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));

function peakRss(args, dir) {
  const file = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    // Started by a shell that forks it: a process forked from this one (which holds the inputs' text)
    // would count this one's size in its peak RSS (Linux keeps the peak across exec), and every
    // figure read at least this process's ~90 MB, whatever batch used.
    const child = spawn('/bin/sh', ['-c', '"$@"; exit $?', 'sh', process.execPath, '-r', PROBE, ...args], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...benchEnv(), RSS_PROBE_FILE: file } });
    let bytes = 0;
    child.stdout.on('data', (b) => (bytes += b.length));
    child.on('error', reject);
    child.on('close', () => resolve({ kb: Number(readFileSync(file, 'utf8')), bytes }));
  });
}

export async function measureMemory({ small = 100_000, factor = 10 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-bench-mem-'));
  try {
    const smallFile = join(dir, 'small.jsonl');
    const largeFile = join(dir, 'large.jsonl');
    const text = batchText(small);
    writeFileSync(smallFile, text);
    // The large input: the small one `factor` times over (line numbers go on; the content repeats).
    const out = createWriteStream(largeFile);
    for (let i = 0; i < factor; i++) if (!out.write(text)) await new Promise((r) => out.once('drain', r));
    await new Promise((r) => out.end(r));
    const base = await peakRss(['-e', '0'], dir);
    const a = await peakRss([CLI, 'batch', smallFile], dir);
    const b = await peakRss([CLI, 'batch', largeFile], dir);
    return { smallLines: small, largeLines: small * factor, baseKb: base.kb, smallKb: a.kb, largeKb: b.kb, ratio: b.kb / a.kb, largeOutputBytes: b.bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureMemory());
