/**
 * `batch` holds V8's young generation at 8 MB a half once it is that large (src/cli/young-generation.ts,
 * issue 8): the check stops its growth once, at the first call that finds it at the cap, and never in
 * a run that writes a code cache (V8 checks a cache against the flags of the process that wrote it).
 */
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_CAP_BYTES, youngGenerationCap } from '../../src/cli/young-generation.ts';

const MiB = 1024 * 1024;

/** A young generation that grows through `sizes`, one per check, and counts the times it was stopped. */
function fakeHeap(sizes: readonly number[]) {
  let at = 0;
  const heap = { stops: 0, youngBytes: () => sizes[Math.min(at++, sizes.length - 1)]!, stopGrowing: () => void heap.stops++ };
  return heap;
}

describe('youngGenerationCap', () => {
  it('stops the growth once, at the first check that finds both halves at 8 MB, not before', () => {
    const heap = fakeHeap([2 * MiB, 4 * MiB, 8 * MiB, 16 * MiB, 16 * MiB, 32 * MiB]);
    const check = youngGenerationCap(heap, {});
    const stopsAfter: number[] = [];
    for (let i = 0; i < 6; i++) {
      check();
      stopsAfter.push(heap.stops);
    }
    expect(YOUNG_GENERATION_CAP_BYTES).toBe(16 * MiB);
    expect(stopsAfter).toEqual([0, 0, 0, 1, 1, 1]);
  });
  it('does nothing while the young generation is smaller (a short batch)', () => {
    const heap = fakeHeap([MiB, 2 * MiB, 8 * MiB]);
    const check = youngGenerationCap(heap, {});
    for (let i = 0; i < 100; i++) check();
    expect(heap.stops).toBe(0);
  });
  it('never sets a flag in a process that is not the command\'s own (the command run in process by another program)', () => {
    const heap = fakeHeap([32 * MiB]);
    const check = youngGenerationCap(heap, {}, false);
    for (let i = 0; i < 10; i++) check();
    expect(heap.stops).toBe(0);
    const own = youngGenerationCap(heap, {}, true);
    own();
    expect(heap.stops).toBe(1);
  });
  it.each(['LLM_SIZING_WRITE_BATCH_CACHE', 'LLM_SIZING_WRITE_CODE_CACHE'])('never sets a flag in a run that writes a code cache (%s)', (name) => {
    const heap = fakeHeap([32 * MiB]);
    const check = youngGenerationCap(heap, { [name]: 'dist/x.cache' });
    for (let i = 0; i < 10; i++) check();
    expect(heap.stops).toBe(0);
  });
});
