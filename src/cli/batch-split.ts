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
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { BatchCounts, ByteSource } from './batch.ts';

/** A chunk's output lines and what they counted. */
export interface ChunkResult {
  readonly bytes: readonly Uint8Array[];
  readonly counts: BatchCounts;
}

/** What sizes chunks on the other side: the worker thread, or (tests) this thread. */
export interface ChunkWorker {
  /**
   * Size the chunk `slots[slot][0, length)` (whole lines, line `firstLine` first; `last`: the input's
   * end, its last line may have no newline). The slot is not written again until its output is received.
   */
  send(slot: number, length: number, firstLine: number, last: boolean): void;
  /** Where chunks are put for the worker: `AHEAD` buffers (shared memory for a thread). */
  readonly slots: readonly Buffer[];
  /** The output of the oldest chunk sent and not yet received, if it is ready (without waiting). */
  poll(): ChunkResult | undefined;
  /** The same, waiting for it. */
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
  capture(into: Uint8Array[] | undefined): void;
}

/** Chunks with the worker at once: one sized, one waiting. */
export const AHEAD = 2;
/** This thread's chunks whose output may wait for the worker's (it sizes ahead while the worker is slower: starting, or on a busy machine). */
const OWN_AHEAD = 4;

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
 * Size every line of `source`, chunks shared between this thread (`sizer`) and `split.worker`,
 * writing each chunk's output lines to `emit` in the input's order. The worker is kept `AHEAD`
 * chunks ahead; meanwhile this thread sizes the next chunks itself, its output kept while the
 * worker's chunks before it are not done (at most `OWN_AHEAD` of them). A chunk in which no newline
 * is found (a line longer than a chunk) ends the split: this thread sizes the rest alone, as
 * `sourceLines` does.
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
  /** No chunk left to read. */
  let done = false;
  /** The number of the next chunk's first line. */
  let line = 1;
  /** Chunks sent to the worker (the next goes to slot `sent % AHEAD`) and not yet written. */
  let sent = 0;
  let pending = 0;
  /** The chunks sized or being sized and not yet written, in order: the worker's (null), or this thread's output. */
  const order: (Uint8Array[] | null)[] = [];
  let own = 0;
  /** Cut the next chunk from the input: its length (in `block`), first line and whether it is the last; undefined when none is left. */
  const next = (): { cut: number; first: number; last: boolean } | undefined => {
    if (done) return undefined;
    while (!eof && held < chunkBytes) {
      const n = source.read(block, held, block.length - held);
      if (n === 0) eof = true;
      else held += n;
    }
    // (Every chunk so far ended with a newline: when nothing is held at the end, nothing is left.)
    const cut = eof ? held : block.lastIndexOf(NEWLINE, held - 1) + 1;
    if (cut === 0) {
      alone = !eof;
      done = true;
      return undefined;
    }
    const first = line;
    line += newlines(block, cut);
    const last = eof;
    if (last) done = true;
    return { cut, first, last };
  };
  const consumed = (cut: number) => {
    block.copyWithin(0, cut, held);
    held -= cut;
  };
  const written = (r: ChunkResult) => {
    pending--;
    for (const b of r.bytes) emit(b);
    theirs.lines += r.counts.lines;
    theirs.sized += r.counts.sized;
    theirs.invalid += r.counts.invalid;
    theirs.infeasible += r.counts.infeasible;
    progress?.();
  };
  /** Size a chunk here: `block[0, c.cut)`, its output written straight out, or kept in `kept`. */
  const size = (c: { cut: number; first: number; last: boolean }, kept: Uint8Array[] | undefined) => {
    sizer.capture(kept);
    lines.room(c.cut).set(block.subarray(0, c.cut), lines.held);
    consumed(c.cut);
    sizer.at(c.first);
    lines.added(c.cut);
    if (c.last) lines.end();
    sizer.writer.out.flush(true);
    sizer.capture(undefined);
  };
  try {
    // The first chunk is this thread's (a BOM can only be there), but the worker is sent its first
    // chunks before this one is sized.
    let first = next();
    if (first !== undefined) {
      lines.room(first.cut).set(block.subarray(0, first.cut), lines.held);
      consumed(first.cut);
    }
    for (;;) {
      // The worker's chunks first: it sizes them while this thread sizes its own.
      while (pending < AHEAD) {
        const c = next();
        if (c === undefined) break;
        const slot = sent++ % AHEAD;
        block.copy(worker.slots[slot]!, 0, 0, c.cut);
        worker.send(slot, c.cut, c.first, c.last);
        consumed(c.cut);
        pending++;
        order.push(null);
      }
      if (first !== undefined) {
        // (Its bytes are in the line buffer already, after those held.)
        sizer.at(first.first);
        lines.added(first.cut);
        if (first.last) lines.end();
        sizer.writer.out.flush(true);
        first = undefined;
        continue;
      }
      // Write what is done, in order.
      while (order.length > 0) {
        const head = order[0]!;
        if (head === null) {
          const r = worker.poll();
          if (r === undefined) break;
          written(r);
        } else {
          for (const b of head) emit(b);
          own--;
        }
        order.shift();
      }
      if (own < OWN_AHEAD) {
        const c = next();
        if (c !== undefined) {
          // Output straight out when nothing is before it, else kept.
          const kept: Uint8Array[] | undefined = order.length === 0 ? undefined : [];
          size(c, kept);
          if (kept !== undefined) {
            order.push(kept);
            own++;
          }
          continue;
        }
      }
      if (order.length === 0) break;
      // This thread has nothing else to do: wait for the worker's oldest chunk.
      if (order[0] === null) {
        written(await worker.receive());
        order.shift();
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
 * with `workerData`). Chunks are put in shared memory and announced on a channel of their own, whose
 * answers this thread reads without waiting (`receiveMessageOnPort`); their output is moved back (no
 * copy). An error thrown there rejects the next `receive`.
 */
export function threadWorker(script: string, chunkBytes: number, data: object): ChunkWorker {
  const shared = Array.from({ length: AHEAD }, () => new SharedArrayBuffer(chunkBytes));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { ...data, slots: shared, results: port2 }, transferList: [port2] });
  const slots = shared.map((b) => Buffer.from(b));
  let failure: unknown;
  let closed = false;
  worker.on('error', (e) => (failure ??= e));
  worker.on('exit', (code) => {
    if (!closed) failure ??= new Error(`llm-sizing batch: its second thread stopped (exit code ${code})`);
  });
  const poll = (): ChunkResult | undefined => receiveMessageOnPort(port1)?.message as ChunkResult | undefined;
  return {
    slots,
    send(slot, length, firstLine, last) {
      port1.postMessage({ slot, length, firstLine, last });
    },
    poll,
    async receive() {
      for (;;) {
        const r = poll();
        if (r !== undefined) return r;
        if (failure !== undefined) throw failure;
        // (A turn of the event loop: the worker's error or exit is heard there.)
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    close() {
      if (closed) return;
      closed = true;
      port1.close();
      void worker.terminate();
    },
  };
}

/**
 * A worker on this thread (tests): each chunk is sized by `size` when it is sent, and `poll` finds it
 * ready only after `lag` polls (a slow worker: this thread sizes ahead meanwhile).
 */
export function inThreadWorker(chunkBytes: number, size: (chunk: Buffer, firstLine: number, last: boolean) => ChunkResult, lag = 0): ChunkWorker {
  const slots = Array.from({ length: AHEAD }, () => Buffer.alloc(chunkBytes));
  const done: ChunkResult[] = [];
  let polls = 0;
  return {
    slots,
    send: (slot, length, firstLine, last) => void done.push(size(slots[slot]!.subarray(0, length), firstLine, last)),
    poll: () => {
      if (done.length === 0 || polls++ < lag) return undefined;
      polls = 0;
      return done.shift();
    },
    receive() {
      const r = done.shift();
      return r === undefined ? Promise.reject(new Error('inThreadWorker: nothing sent')) : Promise.resolve(r);
    },
    close: () => undefined,
  };
}
