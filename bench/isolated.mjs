// An in-process measure (bench/inprocess.mjs, slo.mjs, compare.mjs) run in fresh node processes, one
// after another, and the run whose figure `by` is the median of them (all its figures together, so a
// ratio keeps its two sides). Why fresh processes:
// - one measure's objects no longer shape another's: run one after the other in one process, the
//   fields passes of inprocess.mjs had V8 make the whole sizing's results in the old generation
//   (allocation-site pretenuring), and the whole sizing read ~88k/s instead of ~135k/s (fixed in
//   src/app/fields.ts since, but any kept object can do it again: docs/performance.md);
// - this machine runs a whole process 1.6–1.7× slower now and then (a bare arithmetic loop too): the
//   median of a few processes is what a user sees, not one process's luck.
// ISOLATED_RUNS sets the processes per measure (default 3).
import { spawnSync } from 'node:child_process';
import { benchEnv } from './batch.mjs';

/**
 * @param {string} file the measure's module, relative to bench/
 * @param {string} name its exported async function (called without arguments)
 * @param {{ by: string, runs?: number }} options `by`: the figure the median run is chosen by
 */
export function isolated(file, name, { by, runs = Number(process.env.ISOLATED_RUNS ?? 3) }) {
  const url = new URL(file, import.meta.url).href;
  const script = `const m = await import(${JSON.stringify(url)}); process.stdout.write('\\n' + JSON.stringify(await m[${JSON.stringify(name)}]()) + '\\n');`;
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: benchEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`${file} ${name} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
    const lines = r.stdout.trim().split('\n');
    const result = JSON.parse(lines[lines.length - 1]);
    if (typeof result[by] !== 'number') throw new Error(`${file} ${name} gave no number ${by}`);
    results.push(result);
  }
  const sorted = [...results].sort((a, b) => a[by] - b[by]);
  return { ...sorted[Math.floor(sorted.length / 2)], runs, all: results.map((x) => x[by]) };
}
