// How long the whole `npm test` takes, against the 25 s target of issue 8. Runs the commands of
// package.json's "test" script (typecheck, build, vitest) one after the other, exactly as `npm test`
// does, timing each; the total is their sum. Prints the load average before and after: the figure is
// only meaningful on a quiet machine. Slow (a whole test run, `SUITE_RUNS` times, default 1):
// `npm run bench` skips it when BENCH_SKIP_SUITE=1.
//
//   node bench/suite.mjs            one run
//   SUITE_RUNS=3 node bench/suite.mjs   median of three
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SUITE_TARGET_S = 25;

/** The steps of the "test" script ("a && b && c"). */
function testSteps() {
  const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.test;
  return script.split('&&').map((s) => s.trim());
}

function timeStep(command) {
  const start = process.hrtime.bigint();
  // As npm runs a script: through the shell, with node_modules/.bin on the PATH.
  const r = spawnSync('sh', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`"${command}" failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Time the suite `runs` times; the figures of the median run. */
export function measureSuite({ runs = 1 } = {}) {
  const steps = testSteps();
  const loadBefore = loadavg()[0];
  const all = [];
  for (let i = 0; i < runs; i++) {
    const parts = steps.map((command) => ({ command, seconds: timeStep(command) }));
    all.push({ parts, totalS: parts.reduce((s, p) => s + p.seconds, 0) });
  }
  const mid = median(all.map((r) => r.totalS));
  const chosen = all.find((r) => r.totalS === mid);
  return { runs, totalS: mid, parts: chosen.parts, allS: all.map((r) => r.totalS), loadBefore, loadAfter: loadavg()[0] };
}

export function describeSuite(s) {
  const parts = s.parts.map((p) => `${p.command} ${p.seconds.toFixed(1)} s`).join(', ');
  const verdict = s.totalS <= SUITE_TARGET_S ? 'met' : 'MISSED';
  const runs = s.runs > 1 ? ` (median of ${s.runs}: ${s.allS.map((x) => x.toFixed(1)).join(' / ')} s)` : '';
  return (
    `npm test: ${s.totalS.toFixed(1)} s${runs} = ${parts}; ratio to the ${SUITE_TARGET_S} s target ${(s.totalS / SUITE_TARGET_S).toFixed(2)} (${verdict}); ` +
    `load average ${s.loadBefore.toFixed(2)} before, ${s.loadAfter.toFixed(2)} after on ${availableParallelism()} CPUs`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = measureSuite({ runs: Number(process.env.SUITE_RUNS ?? 1) });
  console.log(describeSuite(s));
  process.exitCode = s.totalS <= SUITE_TARGET_S ? 0 : 1;
}
