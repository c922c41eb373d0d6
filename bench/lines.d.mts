export declare const MODELS: string[];
export declare const SERVERS: string[];
export declare const STORAGE: string[];
export declare function random(seed?: number): () => number;
export interface LinesOptions {
  seed?: number;
  /** Deployment configurations the lines are drawn from (default 2,000); 0: a new one per line. */
  configurations?: number;
}
export declare function batchRequests(count: number, options?: LinesOptions): Record<string, unknown>[];
export declare function batchLineTexts(count: number, options?: LinesOptions): string[];
export declare function batchText(count: number, options?: LinesOptions): string;
