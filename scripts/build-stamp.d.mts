/** Types of scripts/build-stamp.mjs (whether dist/ is what the build would write now). */
export declare const BUILD_INPUTS: readonly string[];
export declare function inputDigest(root: string, env?: NodeJS.ProcessEnv): string;
export declare function outputDigest(root: string): string;
export declare function writeStamp(root: string, env?: NodeJS.ProcessEnv): void;
export declare function removeStamp(root: string): void;
export declare function upToDate(root: string, env?: NodeJS.ProcessEnv): boolean;
/** What the type check reads (the folders both tsconfig files include, the tsconfig files, package.json, the lock file). */
export declare const TYPECHECK_INPUTS: readonly string[];
export declare function typecheckDigest(root: string): string;
export declare function typecheckPassed(root: string, digest: string): boolean;
export declare function writeTypecheckStamp(root: string, digest: string): void;
