// How long the whole `npm test` takes, against the 25 s target of issue 8. Runs `npm test` and times
// it whole, twice over: cold (the caches `npm test` keeps removed first: the build stamp, so dist/ is
// built again; tsc's incremental information; vitest's transformed modules), as after a change to
// every source, and warm (the caches as the cold run left them), as a second run. A CI run after
// `npm ci` sits between: dist/ is fresh from prepare, the other caches are gone with node_modules.
// scripts/test.mjs (what `npm test` runs: the type check beside the build and then vitest) reports the seconds of each step through SUITE_TIMINGS_FILE. Prints the load average before
// and after: the figure is only meaningful on a quiet machine. Slow (a whole test run, `SUITE_RUNS`
// times, default 1): `npm run bench` skips it when BENCH_SKIP_SUITE=1.
//
// On Linux it also sums the CPU of every process the run starts (bench/proc-tree.mjs: Chromium,
// tsc, npm and the vitest workers included) and gives the wall time no scheduling can beat on this
// machine: that CPU spread over all its CPUs, none idle. The target is reachable by running the
// same work better only when that floor is under it.
//
//   node bench/suite.mjs            one run
//   SUITE_RUNS=3 node bench/suite.mjs   median of three
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canWatch, watchTree } from './proc-tree.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SUITE_TARGET_S = 25;

/** What `npm test` keeps between runs (scripts/test.mjs, package.json's typecheck, vitest.config.ts). */
const CACHES = [join(ROOT, 'node_modules', '.cache', 'llm-sizing'), join(ROOT, 'node_modules', '.experimental-vitest-cache')];

/**
 * One `npm test`: its seconds, those of its steps (typecheck, build, vitest) and, where /proc can be
 * read, the CPU seconds of every process it started (`cpuS`, undefined elsewhere); `cold`: its caches
 * removed first.
 */
async function timeTest(cold) {
  if (cold) for (const c of CACHES) rmSync(c, { recursive: true, force: true });
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-suite-'));
  const timings = join(dir, 'timings.json');
  try {
    const start = process.hrtime.bigint();
    const child = spawn('npm', ['test'], { cwd: ROOT, env: { ...process.env, SUITE_TIMINGS_FILE: timings }, stdio: ['ignore', 'pipe', 'pipe'] });
    const watch = canWatch() ? watchTree(child.pid) : undefined;
    // The output's last 3,000 characters (shown when it fails).
    let tail = '';
    const keep = (b) => {
      tail = (tail + b.toString('utf8')).slice(-3000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const status = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? signal));
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = watch?.stop();
    if (status !== 0) throw new Error(`npm test failed (exit ${status}):\n${tail}`);
    const steps = JSON.parse(readFileSync(timings, 'utf8'));
    return { totalS: seconds, cpuS: cpu?.total, parts: Object.entries(steps).map(([command, s]) => ({ command, seconds: s })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Time the suite `runs` times, cold or warm; the figures of the median run. */
export async function measureSuite({ runs = 1, cold = false, primed = false } = {}) {
  const loadBefore = loadavg()[0];
  const all = [];
  // A warm run needs the caches filled: one run first, not counted, unless one just did it (`primed`).
  if (!cold && !primed) await timeTest(false);
  for (let i = 0; i < runs; i++) all.push(await timeTest(cold));
  const mid = median(all.map((r) => r.totalS));
  const chosen = all.find((r) => r.totalS === mid);
  return { runs, cold, totalS: mid, cpuS: chosen.cpuS, parts: chosen.parts, allS: all.map((r) => r.totalS), loadBefore, loadAfter: loadavg()[0] };
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
  const cpus = availableParallelism();
  // The run's CPU over all the CPUs, none idle: the least wall time any scheduling of this work gives.
  const floor = s.cpuS === undefined ? '' : `; its processes' CPU ${s.cpuS.toFixed(1)} s, so at best ${(s.cpuS / cpus).toFixed(1)} s of wall on ${cpus} CPUs (${s.cpuS / cpus <= SUITE_TARGET_S ? 'under' : 'over'} the target)`;
  return (
    `npm test, ${s.cold ? 'cold' : 'warm'}: ${s.totalS.toFixed(1)} s${runs} = ${parts}; ratio to the ${SUITE_TARGET_S} s target ${(s.totalS / SUITE_TARGET_S).toFixed(2)} (${verdict})${floor}; ` +
    `load average ${s.loadBefore.toFixed(2)} before, ${s.loadAfter.toFixed(2)} after on ${cpus} CPUs`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.env.SUITE_RUNS ?? 1);
  const cold = await measureSuite({ runs, cold: true });
  console.log(describeSuite(cold));
  const warm = await measureSuite({ runs, primed: true });
  console.log(describeSuite(warm));
  process.exitCode = warm.totalS <= SUITE_TARGET_S ? 0 : 1;
}
