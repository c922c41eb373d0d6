/**
 * The order vitest hands test files to its workers: the files known to take longest first (in the order
 * below), then the rest as vitest orders them (by their last run's duration when it has one, else by
 * size). On a fresh checkout vitest has no durations and orders by size only, which put the fit of
 * test/engine/perf-fit.test.ts (seconds of CPU) and the browser files late: one worker then ran alone
 * for the last ten seconds while the other was idle. Started first, the long files overlap with the
 * many short ones.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Paths relative to the repository, longest first (measured per file with `--reporter=json`). */
export const LONG_FILES = [
  // The five browser suites, one after the other in one worker (test/web/browser.test.ts).
  'test/web/browser.test.ts',
  'test/engine/perf-fit.test.ts',
  'test/library/pack.test.ts',
  'test/server/serve-limits.test.ts',
];

/** `files` with those of LONG_FILES first, in its order, the others after in the order `rest` gives. */
export function longFirst<T>(files: readonly T[], pathOf: (f: T) => string, rest: readonly T[]): T[] {
  const rank = (f: T) => LONG_FILES.findIndex((p) => pathOf(f).replaceAll('\\', '/').endsWith(p));
  const first = files.filter((f) => rank(f) >= 0).sort((a, b) => rank(a) - rank(b));
  return [...first, ...rest.filter((f) => rank(f) < 0)];
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return longFirst(files, (f) => f.moduleId, await super.sort(files));
  }
}
