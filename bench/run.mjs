// `npm run bench`: the figures issue #2 asks for, measured on this machine.
//  (a) the full text report's wall time against a bare `node -e 0` in the same run, as a ratio
//      (target ≤ 1.10, hard limit 1.25);
//  (b) batch throughput for 20,000 lines (target ≥ 100,000 sizings/s).
// Exits 1 when a hard limit is broken, so a regression is visible; targets are reported, not enforced.
import { measureBatch } from './batch.mjs';
import { measureStartup } from './startup.mjs';

const startup = measureStartup({ runs: Number(process.env.RUNS ?? 60) });
console.log(
  `(a) start-up: node -e 0 ${startup.baseMs.toFixed(1)} ms, full text report ${startup.cliMs.toFixed(1)} ms → ratio ${startup.ratio.toFixed(3)} ` +
    `(median of ${startup.runs} interleaved runs; target ≤ 1.10, hard limit 1.25: ${startup.ratio <= 1.1 ? 'target met' : startup.ratio <= 1.25 ? 'within the hard limit, target missed' : 'HARD LIMIT BROKEN'})`,
);
const batch = measureBatch();
console.log(
  `(b) batch: ${batch.lines} lines in ${batch.totalMs.toFixed(0)} ms → ${Math.round(batch.endToEndPerSecond).toLocaleString('en')} sizings/s end to end, ` +
    `${Math.round(batch.steadyPerSecond).toLocaleString('en')} sizings/s without node's own start-up (${batch.baseMs.toFixed(0)} ms) ` +
    `(target ≥ 100,000/s: ${batch.steadyPerSecond >= 100_000 ? 'met' : 'missed'})`,
);
process.exitCode = startup.ratio > 1.25 ? 1 : 0;
