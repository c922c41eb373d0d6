/**
 * `batch FILE` on two threads (src/cli/batch-split.ts): chunks of whole lines, every other one sized
 * by a second thread, their output written in order. Here the second thread is this one
 * (`inThreadWorker`, with a `chunkSizer` of its own, as the worker thread has), so the chunking,
 * the line numbers, the order and the counts are what is tested, in process; test/cli/shipped.test.ts
 * runs the built CLI's real worker thread once. The output and counts must be the one thread's, byte
 * for byte, for any input and any chunk size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchLineTexts } from '../../bench/lines.mjs';
import { compileFields } from '../../src/app/fields.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { type BatchCounts, batchStream, type ByteSource, chunkSizer } from '../../src/cli/batch.ts';
import { inThreadWorker } from '../../src/cli/batch-split.ts';
import { renderContext } from '../../src/report/context.ts';
import type { Locale } from '../../src/report/format.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);

/** A regular file's reads of `bytes`, each at most `most` bytes. */
function source(bytes: Buffer, most: number): ByteSource {
  let pos = 0;
  return {
    read(into, at, room) {
      const n = Math.min(room, most, bytes.length - pos);
      bytes.copy(into, at, pos, pos + n);
      pos += n;
      return n;
    },
  };
}

interface Run {
  readonly out: Buffer;
  readonly counts: BatchCounts;
  /** The output's pieces, as `emit` got them. */
  readonly pieces: number;
}

/** `batch` over `bytes`, on one thread or (`chunkBytes`) split, with `fields` (undefined: whole results). */
async function run(bytes: Buffer, locale: Locale, fields: readonly string[] | undefined, chunkBytes?: number, maxLine?: number, lag = 0): Promise<Run> {
  const compiled = fields === undefined ? undefined : compileFields(fields);
  if (compiled !== undefined && !compiled.ok) throw new Error('fields');
  const options = { fields: compiled?.value };
  const ctx = renderContext({ locale });
  const chunks: Buffer[] = [];
  const split = chunkBytes === undefined ? undefined : { worker: inThreadWorker(chunkBytes, chunkSizer('in.jsonl', catalog, renderContext({ locale }), options, maxLine), lag), chunkBytes };
  const counts = await batchStream(source(bytes, 7919), 'in.jsonl', catalog, ctx, (b) => chunks.push(Buffer.from(b)), undefined, { ...options, split }, maxLine);
  return { out: Buffer.concat(chunks), counts, pieces: chunks.length };
}

async function same(bytes: Buffer, locale: Locale, fields: readonly string[] | undefined, chunkBytes: number, maxLine?: number, lag = 0): Promise<void> {
  const one = await run(bytes, locale, fields, undefined, maxLine);
  const two = await run(bytes, locale, fields, chunkBytes, maxLine, lag);
  expect(two.counts).toEqual(one.counts);
  if (!two.out.equals(one.out)) {
    const a = one.out.toString('utf8').split('\n');
    const b = two.out.toString('utf8').split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    expect(b[i], `line ${i + 1} of the output (chunks of ${chunkBytes} bytes)`).toBe(a[i]);
  }
}

const texts = batchLineTexts(300, { seed: 77, configurations: 40 });

describe('batch split over two threads writes what one thread writes', () => {
  it.each([
    ['--fields nodes, chunks of 2 kB', 'en', ['nodes'], 2048, 300, 0],
    ['--fields nodes, chunks of 2 kB, a slow worker (this thread sizes ahead, its output kept)', 'en', ['nodes'], 2048, 300, 3],
    ['--fields nodes in pt-BR, chunks of 700 bytes (lines longer than a chunk end the split)', 'pt-BR', ['nodes'], 700, 300, 1],
    ['--fields nodes,alerts,inputs.concurrency (sized whole), chunks of 3 kB', 'en', ['nodes', 'alerts', 'inputs.concurrency'], 3000, 80, 2],
    ['whole results, chunks of 8 kB', 'en', undefined, 8192, 80, 0],
  ] as const)('%s', async (_name, locale, fields, chunkBytes, count, lag) => {
    const bytes = Buffer.from(`${texts.slice(0, count).join('\n')}\n`, 'utf8');
    await same(bytes, locale, fields, chunkBytes, undefined, lag);
    // The split was taken: more than one chunk's output.
    expect((await run(bytes, locale, fields, chunkBytes)).pieces).toBeGreaterThan(2);
  });

  it('a BOM, CRLF, blank lines, invalid UTF-8 in and across lines, a long line and no newline at the end', async () => {
    const lines = texts.slice(0, 60).map((t, i) => (i % 7 === 3 ? `${t}\r` : i % 11 === 5 ? '' : i % 13 === 2 ? t.replace('"', '"\xff') : t));
    const parts = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.slice(0, 30).join('\n'), 'latin1'), Buffer.from([0x0a, 0xc3, 0x0a, 0xe2, 0x82]), Buffer.from(`\n{"id":"${'é'.repeat(900)}"}\n`, 'utf8'), Buffer.from(lines.slice(30).join('\n'), 'latin1')];
    const bytes = Buffer.concat(parts);
    for (const chunkBytes of [512, 1024, 3000]) await same(bytes, 'en', ['nodes'], chunkBytes, undefined, chunkBytes % 5);
    await same(bytes, 'en', undefined, 2048);
    // A line over the line limit, in the middle of the split.
    await same(bytes, 'en', ['nodes'], 4096, 1000);
  });

  it('for any cut of varied lines into chunks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 280 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 300, max: 5000 }), fc.boolean(), fc.integer({ min: 0, max: 6 }), async (from, count, chunkBytes, newlineAtEnd, lag) => {
        const bytes = Buffer.from(texts.slice(from, from + count).join('\n') + (newlineAtEnd ? '\n' : ''), 'utf8');
        await same(bytes, 'en', ['nodes'], chunkBytes, undefined, lag);
      }),
      { numRuns: 40, seed: 8 },
    );
  });
});
