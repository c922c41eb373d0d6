/**
 * The files test/setup/sequencer.ts starts first, and the order it gives. Kept apart from the
 * sequencer, which imports vitest/node (vite's whole Node API, ~0.35 s of a worker's CPU), so that
 * test/tooling/sequencer.test.ts checks them without loading it.
 */
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
