/**
 * Batch makes each kind of mistake's error text once and writes later lines of it from that text's
 * bytes, their line, id and source put in (BatchWriter.writeError). These tests hold every error
 * line of a run to the text made whole for that line alone (a writer that has kept nothing yet), on
 * repeated invalid lines of every kind, with ids, in both locales, under sources that can be kept
 * and sources that cannot.
 */
import { describe, expect, it } from 'vitest';
import { batchLineTexts } from '../../bench/lines.mjs';
import { compileFields } from '../../src/app/fields.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { type BatchCounts, batchLine, type BatchOptions, batchStream, BatchWriter, type ByteSource } from '../../src/cli/batch.ts';
import { JsonBytes } from '../../src/cli/json-bytes.ts';
import { renderContext } from '../../src/report/context.ts';
import type { Locale } from '../../src/report/format.ts';
import { sameText } from '../helpers/check.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
const compiled = (names: string[]) => {
  const c = compileFields(names);
  if (!c.ok) throw new Error('fields');
  return c.value;
};

/** Each line through batchLine with a writer of its own: nothing kept from another line. */
function lineByLine(lines: readonly string[], source: string, locale: Locale, options: BatchOptions): string {
  const out: string[] = [];
  lines.forEach((l, i) => {
    const chunks: Buffer[] = [];
    // A small first buffer: the default (a megabyte and a quarter, for a whole run) made anew for each of
    // thousands of one-line runs cost more than the checks. It grows for a longer line.
    const writer = new BatchWriter(new JsonBytes((b) => chunks.push(Buffer.from(b)), 4096), renderContext({ locale }));
    const counts: BatchCounts = { lines: 0, sized: 0, invalid: 0, infeasible: 0 };
    batchLine(l, i + 1, source, catalog, writer, counts, options);
    writer.out.flush(true);
    out.push(Buffer.concat(chunks).toString('utf8'));
  });
  return out.join('');
}

/** The whole input through one run (a byte source, as `batch FILE` reads). */
async function oneRun(lines: readonly string[], source: string, locale: Locale, options: BatchOptions): Promise<string> {
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  let pos = 0;
  const input: ByteSource = {
    read(into, offset, most) {
      const n = Math.min(most, bytes.length - pos);
      bytes.copy(into, offset, pos, pos + n);
      pos += n;
      return n;
    },
  };
  const chunks: Buffer[] = [];
  await batchStream(input, source, catalog, renderContext({ locale }), (b) => chunks.push(Buffer.from(b)), undefined, options);
  return Buffer.concat(chunks).toString('utf8');
}

/** Invalid lines of every kind, each repeated with other ids and traffic, between valid ones. */
function invalidLines(): string[] {
  const base = batchLineTexts(400, { seed: 7, configurations: 30 });
  const out: string[] = [];
  base.forEach((t, i) => {
    out.push(t);
    if (!t.startsWith('{') || t.endsWith(' ')) return;
    const o = JSON.parse(t) as Record<string, unknown>;
    const id = [undefined, i, `r-${i}`, 'é-ü', i + 0.5, { n: i }, [i]][i % 7];
    const withId = (x: Record<string, unknown>) => JSON.stringify(id === undefined ? x : { id, ...x });
    switch (i % 9) {
      case 0:
        out.push(withId({ ...o, concurrency: 'many' }));
        break;
      case 1:
        out.push(withId({ ...o, effective_context: -1 }));
        break;
      case 2:
        out.push(withId({ ...o, kv_precison: 'fp8' }));
        break;
      case 3:
        out.push(withId({ ...o, model: `${String(o.model)}-x` }));
        break;
      case 4:
        out.push('{"model": "opt-oss-120b", "server": ');
        break;
      case 5:
        out.push(withId({ ...o, tensor_parallel: 3, memory_model: 'vllm' }));
        break;
      case 6:
        out.push(withId({ ...o, concurrency: -0, ha: 'n+9', storage: 'nope\u0007' }));
        break;
      case 7:
        out.push(withId({ ...o, effective_context: '\uE000x', peak_headroom_ratio: 7 }));
        break;
      default:
        out.push('[1, 2]');
        out.push('{"model": "m\u2028", "concurrency": null}');
    }
  });
  return out;
}

describe('batch: error lines written from kept texts equal the text made for that line alone', () => {
  const lines = invalidLines();
  const cases: [Locale, string, BatchOptions][] = [
    ['en', 'lines.jsonl', { fields: compiled(['nodes']) }],
    ['pt-BR', 'dir/lines.jsonl', { fields: compiled(['nodes', 'feasible']) }],
    ['en', 'dir/é.jsonl', { fields: compiled(['nodes']) }],
    ['en', 'a"b\\c.jsonl', {}],
    ['pt-BR', '/tmp/x.jsonl', {}],
  ];
  for (const [locale, source, options] of cases) {
    it(`${lines.length} lines (${locale}, source ${source}, ${options.fields ? options.fields.names.join(',') : 'whole results'})`, async () => {
      const expected = lineByLine(lines, source, locale, options);
      expect(expected.split('"error"').length).toBeGreaterThan(300);
      sameText(await oneRun(lines, source, locale, options), expected, 'one run');
    });
  }
});
