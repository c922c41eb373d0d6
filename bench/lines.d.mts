export declare const MODELS: string[];
export declare const SERVERS: string[];
export declare const STORAGE: string[];
export declare function random(seed?: number): () => number;
export declare function batchRequests(count: number, seed?: number): Record<string, unknown>[];
export declare function batchLineTexts(count: number, seed?: number): string[];
export declare function batchText(count: number, seed?: number): string;
