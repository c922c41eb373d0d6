/** `batch --threads` (src/cli/batch-split.ts): its values, and the file size from which two threads are the default. */

/** A FILE sized on one thread, or on two. */
export const BATCH_THREADS = ['1', '2'] as const;

/** A file at least this large is sized on two threads without `--threads`: below it, starting the second thread costs more than it saves. */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;
