/** Types of scripts/build-stamp.mjs (whether dist/ is what the build would write now). */
export declare const BUILD_INPUTS: readonly string[];
export declare function inputDigest(root: string, env?: NodeJS.ProcessEnv): string;
export declare function outputDigest(root: string): string;
export declare function writeStamp(root: string, env?: NodeJS.ProcessEnv): void;
export declare function removeStamp(root: string): void;
export declare function upToDate(root: string, env?: NodeJS.ProcessEnv): boolean;
