/** Types of scripts/fit-bundle.mjs (the fit's module, bundled and loaded by node's require). */
export declare function loadFitReport(): Promise<typeof import('../src/engines/perf/fit-report.ts')>;
/** Where fitResult keeps the last result. */
export declare const FIT_CACHE_DIR: string;
/** `runFit()` of a fresh bundle, remembered under the bundle's text (`cached`: the fit did not run). */
export declare function fitResult(options?: { cacheDir?: string; fresh?: boolean }): Promise<{ result: ReturnType<typeof import('../src/engines/perf/fit-report.ts').runFit>; cached: boolean }>;
