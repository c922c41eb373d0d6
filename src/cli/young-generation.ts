/**
 * `batch`'s young generation held at 8 MB a half (issue 8: memory stays flat however long the input).
 *
 * V8 doubles its young generation (two halves: 1 → 2 → 4 → 8 → 16 MB each on 64-bit) whenever as
 * many bytes as one half holds have survived young collections since it last grew. `batch` keeps a
 * few tens of kB alive at each collection (the line in flight), so the step from 8 to 16 MB came
 * ~150 collections in: after ~130,000 lines, never in a run of 100,000, and the process then held
 * 16 MB more (peak RSS 78 → 97 MB between 100,000 and 1,000,000 lines, everything else flat). Once
 * a half holds 8 MB, growing stops: `--semi-space-growth-factor=1`, a flag V8 reads each time it
 * would grow. Collections stay as frequent as in the first 130,000 lines.
 *
 * The flag is set only once the young generation is that large, in a run that does not write a code
 * cache (V8 checks a cache against the flags of the process that wrote it: src/cached-bundle.ts), and
 * only in a process that is the command's own (the launcher's): a V8 flag holds for the whole process,
 * and a program that runs the command in process (the tests, through `runCommand`) keeps its own.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Both halves of the young generation, at 8 MB each. */
export const YOUNG_GENERATION_CAP_BYTES = 16 * 1024 * 1024;

/** What the cap reads and sets (the real V8 by default; a test passes its own). */
export interface YoungGenerationHeap {
  /** Bytes the young generation holds now (both halves). */
  youngBytes(): number;
  /** Stop it growing. */
  stopGrowing(): void;
}

const v8Heap: YoungGenerationHeap = {
  youngBytes: () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0,
  stopGrowing: () => setFlagsFromString('--semi-space-growth-factor=1'),
};

/**
 * A check to call now and then (each output chunk): the first time the young generation holds
 * `YOUNG_GENERATION_CAP_BYTES` or more, it stops it growing; after that it does nothing. `ownsProcess`:
 * the process is the command's own (`Io.ownsProcess`); when not, the check never does anything.
 */
export function youngGenerationCap(heap: YoungGenerationHeap = v8Heap, env: Readonly<Record<string, string | undefined>> = process.env, ownsProcess = true): () => void {
  let done = !ownsProcess || env.LLM_SIZING_WRITE_BATCH_CACHE !== undefined || env.LLM_SIZING_WRITE_CODE_CACHE !== undefined;
  return () => {
    if (done || heap.youngBytes() < YOUNG_GENERATION_CAP_BYTES) return;
    done = true;
    heap.stopGrowing();
  };
}
