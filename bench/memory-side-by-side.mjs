// Peak RSS of `batch` on 100,000 and 1,000,000 lines (bench/memory.mjs's input and probe), for several
// builds, interleaved: `ROUNDS=2 node bench/memory-side-by-side.mjs CLI…` (default: this tree's
// dist/cli.cjs). The inputs are written by a child process, so this process stays small: a child's
// peak RSS counts from the size of the process it was forked from (Linux keeps the larger of the two
// across exec), which floors bench/memory.mjs's figures at its own ~90 MB (it holds the input text).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './batch.mjs';

const PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));
const LINES = fileURLToPath(new URL('./lines.mjs', import.meta.url));
const clis = process.argv.length > 2 ? process.argv.slice(2) : [fileURLToPath(new URL('../dist/cli.cjs', import.meta.url))];
const rounds = Number(process.env.ROUNDS ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-bench-mem-'));
const small = join(dir, 'small.jsonl');
const large = join(dir, 'large.jsonl');
const write = `import { appendFileSync, writeFileSync } from 'node:fs'; import { batchText } from ${JSON.stringify(LINES)};
const t = batchText(100_000); writeFileSync(${JSON.stringify(small)}, t); writeFileSync(${JSON.stringify(large)}, '');
for (let i = 0; i < 10; i++) appendFileSync(${JSON.stringify(large)}, t);`;
spawnSync(process.execPath, ['--input-type=module', '-e', write], { stdio: 'inherit' });

function peak(args) {
  const file = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', PROBE, ...args], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...benchEnv(), RSS_PROBE_FILE: file } });
    child.stdout.on('data', () => {});
    child.on('error', reject);
    child.on('close', () => resolve({ kb: Number(readFileSync(file, 'utf8')), ms: Number(process.hrtime.bigint() - start) / 1e6 }));
  });
}

try {
  const base = await peak(['-e', '0']);
  console.log(`node -e 0: ${(base.kb / 1024).toFixed(1)} MiB`);
  for (let r = 1; r <= rounds; r++) {
    for (const cli of clis) {
      const a = await peak([cli, 'batch', small]);
      const b = await peak([cli, 'batch', large]);
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      console.log(`round ${r} ${cli}: 100,000 lines ${(a.kb / 1024).toFixed(1)} MiB, 1,000,000 lines ${(b.kb / 1024).toFixed(1)} MiB: ${(b.kb / a.kb).toFixed(3)}× (wall ${Math.round(a.ms)} / ${Math.round(b.ms)} ms, load ${load})`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
