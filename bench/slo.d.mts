export interface SloRequestsOptions {
  seed?: number;
  /** Deployments the lines are drawn from (default 200); 0: a new one per line. */
  configurations?: number;
}
/** Varied requests: `memory` without any workload field, `slo` the same with token counts and both targets. */
export declare function sloRequests(count: number, options?: SloRequestsOptions): { memory: Record<string, unknown>[]; slo: Record<string, unknown>[] };
export declare function measureSlo(options?: { count?: number; passes?: number }): Promise<Record<string, number>>;
export declare function measureSloBatch(options?: { count?: number; runs?: number }): { count: number; runs: number; memoryMs: number; sloMs: number; ratio: number };
