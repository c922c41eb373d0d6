// `npm test`: the type check (skipped when it passed on the sources as they are; else incremental: tsc
// keeps what it learnt in node_modules/.cache/llm-sizing) beside the build (skipped when dist/ is up to
// date; both stamps: scripts/build-stamp.mjs) and then vitest, which
// needs the build (test/setup/dist.ts copies dist/) but not the type check. The type check reads no
// output of either; run beside them, its seconds no longer come before vitest's (measured: a warm
// type check took 5–7 s of the run's wall time when it ran first).
//
// The build's output is printed whole when it ends; vitest's goes straight to the terminal; the type
// check's is printed whole after vitest's, under its name, so the outputs never interleave. Exits with
// the first failing step's code (build, vitest, type check): a failed build stops the run before
// vitest; a failed type check fails the run whatever vitest says. Arguments after `npm test --` go to
// vitest.
//
// With SUITE_TIMINGS_FILE set, the seconds of each step are written there as JSON (bench/suite.mjs).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { typecheckDigest, typecheckPassed, upToDate, writeTypecheckStamp } from './build-stamp.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ''}` };
const SCRIPTS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Run package.json's script NAME as `npm run NAME` does (through the shell, node_modules/.bin on the
 * PATH), without npm's own start-up, its output captured; resolves with the exit code, the output and
 * the seconds taken.
 */
function captured(name) {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', SCRIPTS[name]], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    child.on('error', (e) => resolve({ name, code: 1, output: `${e.message}\n`, seconds: seconds(start) }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(out).toString('utf8'), seconds: seconds(start) }));
  });
}

/** A step not run, and why. */
function skipped(name, why) {
  return Promise.resolve({ name, code: 0, output: '', seconds: 0, why });
}

function report(step) {
  if (step.why !== undefined) {
    process.stdout.write(`> ${step.name}: skipped, ${step.why}\n`);
    return;
  }
  const verdict = step.code === 0 ? 'ok' : `FAILED (exit ${step.code})`;
  process.stdout.write(`> ${step.name}: ${verdict} in ${step.seconds.toFixed(1)} s\n`);
  if (step.output.trim() !== '') process.stdout.write(step.output.endsWith('\n') ? step.output : `${step.output}\n`);
}

const timings = {};
// A dist/ that is exactly what the last build wrote from the sources as they are (scripts/build-stamp.mjs:
// `npm ci` has just built it, or an earlier run did) is not built again. Any change rebuilds it.
// The type check is skipped, as the build is, when it passed on the inputs as they are now
// (scripts/build-stamp.mjs `TYPECHECK_INPUTS`). When it runs and passes, it is recorded with the digest
// taken before it started (a file edited meanwhile is checked next time); a failure is not recorded.
const typecheckInputs = typecheckDigest(ROOT);
const typecheck = typecheckPassed(ROOT, typecheckInputs)
  ? skipped('typecheck', 'it passed on these sources (scripts/build-stamp.mjs)')
  : captured('typecheck').then((step) => {
      if (step.code === 0) writeTypecheckStamp(ROOT, typecheckInputs);
      return step;
    });
const build = await (upToDate(ROOT) ? skipped('build', 'dist/ is up to date (built from these sources; scripts/build-stamp.mjs)') : captured('build'));
report(build);
timings.build = build.seconds;
let code = build.code;
if (build.code === 0) {
  const start = process.hrtime.bigint();
  code = await new Promise((resolve) => {
    const child = spawn('vitest', ['run', ...process.argv.slice(2)], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', (e) => {
      console.error(`vitest could not start: ${e.message}`);
      resolve(1);
    });
    child.on('close', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  timings.vitest = seconds(start);
}
const checked = await typecheck;
report(checked);
timings.typecheck = checked.seconds;
if (code === 0) code = checked.code;
if (process.env.SUITE_TIMINGS_FILE) writeFileSync(process.env.SUITE_TIMINGS_FILE, JSON.stringify(timings));
process.exitCode = code;
