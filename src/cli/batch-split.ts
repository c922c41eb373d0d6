/**
 * `batch FILE` on two cores: a large regular file's lines are cut into chunks at newlines, every
 * other chunk sized by a second thread (a `node:worker_threads` worker running the same code,
 * src/cli/batch-worker.ts), and every chunk's output written in the input's order by this thread.
 * The output is the one thread's, byte for byte: a chunk is whole lines, sized from its first line's
 * number, the input's BOM can only be in the first chunk (this thread's), and a line is decoded alone
 * wherever it is sized (test/cli/batch-split.test.ts).
 *
 * Memory stays flat: at most `AHEAD` chunks are with the worker at once (their input, then their
 * output), and this thread writes each chunk's output before it reads further.
 */
import { Worker } from 'node:worker_threads';
import type { BatchCounts, ByteSource } from './batch.ts';

/** A chunk's output lines and what they counted. */
export interface ChunkResult {
  readonly bytes: readonly Uint8Array[];
  readonly counts: BatchCounts;
}

/** What sizes chunks on the other side: the worker thread, or (tests) this thread. */
export interface ChunkWorker {
  /**
   * Size the chunk `chunk[0, length)` (whole lines, line `firstLine` first; `last`: the input's end,
   * its last line may have no newline). `chunk` is one of `slots`, not written again until its
   * output is received.
   */
  send(slot: number, length: number, firstLine: number, last: boolean): void;
  /** Where chunks are put for the worker: `AHEAD` buffers of `chunkBytes` (shared memory for a thread). */
  readonly slots: readonly Buffer[];
  /** The output of the oldest chunk sent and not yet received. */
  receive(): Promise<ChunkResult>;
  /** Stop the worker (after the last chunk, or on an error). */
  close(): void;
}

export interface SplitOptions {
  readonly worker: ChunkWorker;
  /** About how many bytes a chunk holds (a chunk ends at a newline). */
  readonly chunkBytes: number;
}

/** This thread's side of the lines (src/cli/batch.ts's `lineSizer`). */
export interface SplitSizer {
  readonly lines: {
    room(n: number): Buffer;
    added(n: number): void;
    end(): void;
    readonly held: number;
  };
  readonly writer: { readonly out: { flush(force?: boolean): boolean } };
  readonly counts: BatchCounts;
  at(n: number): void;
}

/** Chunks with the worker at once: one sized while this thread sizes its own, one waiting. */
export const AHEAD = 2;

const NEWLINE = 0x0a;

/** No lines yet. */
export const noCounts = (): BatchCounts => ({ lines: 0, sized: 0, invalid: 0, infeasible: 0 });

/** `a` and `b` added. */
export const sumCounts = (a: BatchCounts, b: BatchCounts): BatchCounts => ({ lines: a.lines + b.lines, sized: a.sized + b.sized, invalid: a.invalid + b.invalid, infeasible: a.infeasible + b.infeasible });

/** The number of newlines in `b[0, end)`. */
function newlines(b: Buffer, end: number): number {
  let n = 0;
  let i = b.indexOf(NEWLINE, 0);
  while (i !== -1 && i < end) {
    n++;
    i = b.indexOf(NEWLINE, i + 1);
  }
  return n;
}

/**
 * Size every line of `source`, chunks taking turns between this thread (`sizer`) and `split.worker`,
 * writing each chunk's output lines to `emit` in order. Chunks are read ahead until the worker holds
 * `AHEAD` of them (this thread's chunks in between wait in memory of their own), so that the worker
 * sizes its chunks while this thread sizes the one before. A chunk in which no newline is found (a
 * line longer than a chunk) ends the split: this thread sizes the rest alone, as `sourceLines` does.
 */
export async function splitSourceLines(
  source: ByteSource,
  sizer: SplitSizer,
  split: SplitOptions,
  emit: (bytes: Uint8Array) => void,
  /** The worker's counts so far (added to this thread's at the end). */
  theirs: BatchCounts,
  progress?: () => void,
): Promise<void> {
  const { worker, chunkBytes } = split;
  const counts = sizer.counts;
  const lines = sizer.lines;
  // The bytes read and not yet given to a chunk: the line not ended yet at the start of `block`.
  const block = Buffer.allocUnsafe(chunkBytes);
  let held = 0;
  let eof = false;
  /** No newline in a whole chunk: the rest is this thread's. */
  let alone = false;
  /** The number of the next chunk's first line. */
  let line = 1;
  let mine = true;
  /** Chunks sent to the worker and not yet written (the next goes to slot `sent % AHEAD`). */
  let sent = 0;
  let pending = 0;
  /** The chunks read and not yet written, in order: this thread's (its bytes, first line, last), or the worker's (null). */
  const order: ({ bytes: Buffer; firstLine: number; last: boolean } | null)[] = [];
  /** This thread's chunk buffers, reused (at most `AHEAD + 1` wait at once). */
  const spare: Buffer[] = [];
  /** Read the next chunk: false when there is none (the input's end, or `alone`). */
  const readChunk = (): boolean => {
    if (alone) return false;
    while (!eof && held < chunkBytes) {
      const n = source.read(block, held, block.length - held);
      if (n === 0) eof = true;
      else held += n;
    }
    // (Every chunk so far ended with a newline: nothing is left to size.)
    if (eof && held === 0) return false;
    const cut = eof ? held : block.lastIndexOf(NEWLINE, held - 1) + 1;
    if (cut === 0 && !eof) {
      alone = true;
      return false;
    }
    const first = line;
    line += newlines(block, cut);
    const last = eof && cut === held;
    if (mine) {
      const bytes = spare.pop() ?? Buffer.allocUnsafe(chunkBytes);
      block.copy(bytes, 0, 0, cut);
      order.push({ bytes: bytes.subarray(0, cut), firstLine: first, last });
    } else {
      const slot = sent++ % AHEAD;
      block.copy(worker.slots[slot]!, 0, 0, cut);
      worker.send(slot, cut, first, last);
      pending++;
      order.push(null);
    }
    block.copyWithin(0, cut, held);
    held -= cut;
    mine = !mine;
    return !last;
  };
  try {
    let more = true;
    for (;;) {
      while (more && pending < AHEAD) more = readChunk();
      const next = order.shift();
      if (next === undefined) break;
      if (next === null) {
        const r = await worker.receive();
        pending--;
        for (const b of r.bytes) emit(b);
        theirs.lines += r.counts.lines;
        theirs.sized += r.counts.sized;
        theirs.invalid += r.counts.invalid;
        theirs.infeasible += r.counts.infeasible;
        progress?.();
      } else {
        lines.room(next.bytes.length).set(next.bytes, lines.held);
        sizer.at(next.firstLine);
        lines.added(next.bytes.length);
        if (next.last) lines.end();
        sizer.writer.out.flush(true);
        spare.push(Buffer.from(next.bytes.buffer, next.bytes.byteOffset, chunkBytes));
      }
    }
    if (alone) {
      // The rest is sized here, from the bytes held.
      lines.room(held).set(block.subarray(0, held), lines.held);
      sizer.at(line);
      lines.added(held);
      for (;;) {
        const buf = lines.room(chunkBytes);
        const n = source.read(buf, lines.held, buf.length - lines.held);
        if (n === 0) break;
        lines.added(n);
      }
      lines.end();
    }
  } finally {
    worker.close();
  }
  counts.lines += theirs.lines;
  counts.sized += theirs.sized;
  counts.invalid += theirs.invalid;
  counts.infeasible += theirs.infeasible;
}

/**
 * The worker thread (`script`: dist/batch-worker.cjs, which runs src/cli/batch.ts's `serveChunks`
 * with `workerData`). Chunks are moved to it and their output moved back (no copy); an error thrown
 * there rejects the next `receive`.
 */
export function threadWorker(script: string, chunkBytes: number, data: object): ChunkWorker {
  const shared = Array.from({ length: AHEAD }, () => new SharedArrayBuffer(chunkBytes));
  const worker = new Worker(script, { workerData: { ...data, slots: shared } });
  const slots = shared.map((b) => Buffer.from(b));
  const results: ChunkResult[] = [];
  let waiting: { resolve: (r: ChunkResult) => void; reject: (e: unknown) => void } | undefined;
  let failure: unknown;
  let closed = false;
  const fail = (e: unknown) => {
    failure ??= e;
    waiting?.reject(failure);
    waiting = undefined;
  };
  worker.on('message', (r: ChunkResult) => {
    if (waiting === undefined) results.push(r);
    else {
      const w = waiting;
      waiting = undefined;
      w.resolve(r);
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`llm-sizing batch: its second thread stopped (exit code ${code})`));
  });
  return {
    slots,
    send(slot, length, firstLine, last) {
      worker.postMessage({ slot, length, firstLine, last });
    },
    receive() {
      const r = results.shift();
      if (r !== undefined) return Promise.resolve(r);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    close() {
      if (closed) return;
      closed = true;
      void worker.terminate();
    },
  };
}

/** A worker on this thread (tests): each chunk is sized by `size` when it is received. */
export function inThreadWorker(chunkBytes: number, size: (chunk: Buffer, firstLine: number, last: boolean) => ChunkResult): ChunkWorker {
  const slots = Array.from({ length: AHEAD }, () => Buffer.alloc(chunkBytes));
  const sent: { slot: number; length: number; firstLine: number; last: boolean }[] = [];
  return {
    slots,
    send: (slot, length, firstLine, last) => void sent.push({ slot, length, firstLine, last }),
    receive() {
      const c = sent.shift();
      if (c === undefined) return Promise.reject(new Error('inThreadWorker: nothing sent'));
      return Promise.resolve(size(slots[c.slot]!.subarray(0, c.length), c.firstLine, c.last));
    },
    close: () => undefined,
  };
}
