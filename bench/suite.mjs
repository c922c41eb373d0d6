// How long the whole `npm test` takes, against the 25 s target of issue 8. Runs `npm test` and times
// it whole, twice over: cold (the caches `npm test` keeps removed first: the build stamp, so dist/ is
// built again; tsc's incremental information; vitest's transformed modules), as after a change to
// every source, and warm (the caches as the cold run left them), as a second run. A CI run after
// `npm ci` sits between: dist/ is fresh from prepare, the other caches are gone with node_modules.
// scripts/test.mjs (what `npm test` runs: the type check beside the build and then vitest) reports the seconds of each step through SUITE_TIMINGS_FILE. Prints the load average before
// and after: the figure is only meaningful on a quiet machine. Slow (a whole test run, `SUITE_RUNS`
// times, default 1): `npm run bench` skips it when BENCH_SKIP_SUITE=1.
//
//   node bench/suite.mjs            one run
//   SUITE_RUNS=3 node bench/suite.mjs   median of three
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SUITE_TARGET_S = 25;

/** What `npm test` keeps between runs (scripts/test.mjs, package.json's typecheck, vitest.config.ts). */
const CACHES = [join(ROOT, 'node_modules', '.cache', 'llm-sizing'), join(ROOT, 'node_modules', '.experimental-vitest-cache')];

/** One `npm test`: its seconds, and those of its steps (typecheck, build, vitest); `cold`: its caches removed first. */
function timeTest(cold) {
  if (cold) for (const c of CACHES) rmSync(c, { recursive: true, force: true });
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-suite-'));
  const timings = join(dir, 'timings.json');
  try {
    const start = process.hrtime.bigint();
    const r = spawnSync('npm', ['test'], { cwd: ROOT, env: { ...process.env, SUITE_TIMINGS_FILE: timings }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`npm test failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
    const steps = JSON.parse(readFileSync(timings, 'utf8'));
    return { totalS: seconds, parts: Object.entries(steps).map(([command, s]) => ({ command, seconds: s })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Time the suite `runs` times, cold or warm; the figures of the median run. */
export function measureSuite({ runs = 1, cold = false, primed = false } = {}) {
  const loadBefore = loadavg()[0];
  const all = [];
  // A warm run needs the caches filled: one run first, not counted, unless one just did it (`primed`).
  if (!cold && !primed) timeTest(false);
  for (let i = 0; i < runs; i++) all.push(timeTest(cold));
  const mid = median(all.map((r) => r.totalS));
  const chosen = all.find((r) => r.totalS === mid);
  return { runs, cold, totalS: mid, parts: chosen.parts, allS: all.map((r) => r.totalS), loadBefore, loadAfter: loadavg()[0] };
}

export function describeSuite(s) {
  // The type check runs beside the build and then vitest (its seconds overlap theirs).
  const step = (name) => {
    const seconds = s.parts.find((p) => p.command === name)?.seconds ?? Number.NaN;
    const why = name === 'build' ? 'dist/ up to date' : 'passed on these sources';
    return seconds === 0 ? `${name} skipped (${why})` : `${name} ${seconds.toFixed(1)} s`;
  };
  const parts = `${step('typecheck')} beside ${step('build')} then ${step('vitest')}`;
  const verdict = s.totalS <= SUITE_TARGET_S ? 'met' : 'MISSED';
  const runs = s.runs > 1 ? ` (median of ${s.runs}: ${s.allS.map((x) => x.toFixed(1)).join(' / ')} s)` : '';
  return (
    `npm test, ${s.cold ? 'cold' : 'warm'}: ${s.totalS.toFixed(1)} s${runs} = ${parts}; ratio to the ${SUITE_TARGET_S} s target ${(s.totalS / SUITE_TARGET_S).toFixed(2)} (${verdict}); ` +
    `load average ${s.loadBefore.toFixed(2)} before, ${s.loadAfter.toFixed(2)} after on ${availableParallelism()} CPUs`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.env.SUITE_RUNS ?? 1);
  const cold = measureSuite({ runs, cold: true });
  console.log(describeSuite(cold));
  const warm = measureSuite({ runs, primed: true });
  console.log(describeSuite(warm));
  process.exitCode = warm.totalS <= SUITE_TARGET_S ? 0 : 1;
}
