// Types of bench/suite.mjs for the tests that import it (test/tooling/suite-bench.test.ts).

/** Issue 8's target for the whole `npm test`, in seconds. */
export declare const SUITE_TARGET_S: number;

/** What `measureSuite` gives: the median run's seconds, its steps, and its processes' CPU where /proc can be read. */
export interface SuiteRun {
  readonly runs: number;
  readonly cold: boolean;
  readonly totalS: number;
  readonly cpuS: number | undefined;
  readonly parts: readonly { readonly command: string; readonly seconds: number }[];
  readonly allS: readonly number[];
  readonly loadBefore: number;
  readonly loadAfter: number;
}

/** Time `npm test` `runs` times (cold: its caches removed first); the median run. */
export declare function measureSuite(options?: { runs?: number; cold?: boolean; primed?: boolean }): Promise<SuiteRun>;

/** The line the bench prints for a measured run. */
export declare function describeSuite(s: SuiteRun): string;
