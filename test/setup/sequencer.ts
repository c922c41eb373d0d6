/**
 * The order vitest hands test files to its workers: the files known to take longest first (in the
 * order of test/setup/long-files.ts), then the rest as vitest orders them (by their last run's
 * duration when it has one, else by size). On a fresh checkout vitest has no durations and orders by
 * size only, which put the fit of test/engine/perf-fit.test.ts (seconds of CPU) and the browser files
 * late: one worker then ran alone for the last ten seconds while the other was idle. Started first,
 * the long files overlap with the many short ones.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { longFirst } from './long-files.ts';

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return longFirst(files, (f) => f.moduleId, await super.sort(files));
  }
}
