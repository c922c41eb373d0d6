/**
 * bench/suite.mjs's line (`npm test`'s time against issue 8's 25 s target): the verdict, the steps,
 * and the floor its processes' CPU sets on this machine's CPUs (the least wall time any scheduling of
 * the same work gives).
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeSuite, SUITE_TARGET_S } from '../../bench/suite.mjs';

const cpus = availableParallelism();
const run = (totalS: number, cpuS: number | undefined) => ({
  runs: 3,
  cold: false,
  totalS,
  cpuS,
  parts: [
    { command: 'typecheck', seconds: 0 },
    { command: 'build', seconds: 0 },
    { command: 'vitest', seconds: totalS - 0.4 },
  ],
  allS: [totalS - 1, totalS, totalS + 1],
  loadBefore: 1,
  loadAfter: 1.5,
});

describe('bench/suite.mjs: the line it prints', () => {
  it.each([
    { name: 'over the target, its CPU too much for the CPUs', totalS: 31.2, cpuS: (SUITE_TARGET_S + 4) * cpus, verdict: 'MISSED', floor: 'over' },
    { name: 'over the target, its CPU within reach', totalS: 31.2, cpuS: (SUITE_TARGET_S - 4) * cpus, verdict: 'MISSED', floor: 'under' },
    { name: 'within the target', totalS: 24, cpuS: 20 * cpus, verdict: 'met', floor: 'under' },
  ])('$name', ({ totalS, cpuS, verdict, floor }) => {
    const line = describeSuite(run(totalS, cpuS));
    expect(line).toContain(`npm test, warm: ${totalS.toFixed(1)} s (median of 3: ${(totalS - 1).toFixed(1)} / ${totalS.toFixed(1)} / ${(totalS + 1).toFixed(1)} s)`);
    expect(line).toContain('typecheck skipped (passed on these sources) beside build skipped (dist/ up to date) then vitest');
    expect(line).toContain(`(${verdict})`);
    expect(line).toContain(`its processes' CPU ${cpuS.toFixed(1)} s, so at best ${(cpuS / cpus).toFixed(1)} s of wall on ${cpus} CPUs (${floor} the target)`);
  });

  it('says nothing of the CPU where it could not be read (no /proc)', () => {
    expect(describeSuite(run(31.2, undefined))).not.toContain('CPU ');
  });
});
