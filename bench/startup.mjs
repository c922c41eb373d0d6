// Start-up benchmark: the full text report's wall time against a bare `node -e 0`, as a ratio.
// Runs are interleaved (baseline, CLI, baseline, CLI, …) so machine noise hits both alike; the
// ratio is of medians. Both run without NODE_EXTRA_CA_CERTS, which inflates node's own start-up on
// these machines and hides the ratio. Target ≤ 1.30 (issue #8).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './batch.mjs';

const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
export const REPORT_ARGS = [
  '--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default',
  '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16',
];

function timeOnce(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: benchEnv() });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export function measureStartup({ runs = 60, warmup = 5, args = REPORT_ARGS, against } = {}) {
  const clis = [CLI, ...(against ? [against] : [])];
  for (let i = 0; i < warmup; i++) {
    timeOnce(['-e', '0']);
    for (const cli of clis) timeOnce([cli, ...args]);
  }
  const base = [];
  const times = clis.map(() => []);
  for (let i = 0; i < runs; i++) {
    base.push(timeOnce(['-e', '0']));
    clis.forEach((cli, k) => times[k].push(timeOnce([cli, ...args])));
  }
  const baseMs = median(base);
  const [cliMs, againstMs] = times.map(median);
  return { runs, baseMs, cliMs, ratio: cliMs / baseMs, ...(against ? { againstMs, againstRatio: againstMs / baseMs } : {}) };
}

// `node bench/startup.mjs [--against OTHER/dist/cli.cjs]`: with --against, another build of the CLI
// (a baseline) is timed in the same interleaved runs, so both ratios share one machine state.
if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--against');
  const against = at > 0 ? process.argv[at + 1] : undefined;
  const r = measureStartup({ runs: Number(process.env.RUNS ?? 60), against });
  console.log(`node -e 0: ${r.baseMs.toFixed(1)} ms; full text report: ${r.cliMs.toFixed(1)} ms; ratio ${r.ratio.toFixed(3)} (median of ${r.runs})`);
  if (against) console.log(`against ${against}: ${r.againstMs.toFixed(1)} ms; ratio ${r.againstRatio.toFixed(3)}`);
}
