/** Types of scripts/fit-bundle.mjs (the fit's module, bundled and loaded by node's require). */
export declare function loadFitReport(): Promise<typeof import('../src/engines/perf/fit-report.ts')>;
