/**
 * report-example.md (real output of version 2.0) re-created: same inputs (with --kv-precision fp16)
 * give the same numbers, and our pt-BR Markdown holds every line of it but for the differences we
 * chose: locale number formatting, four more NFR lines, the table rule, our footer, and without the
 * original's doubled "Erro comum: Erro comum:".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { size } from '../helpers/size.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderText } from '../../src/report/text.ts';
import { REPORT_EXAMPLE } from '../helpers/catalog.ts';

const result = size(REPORT_EXAMPLE.entries, REPORT_EXAMPLE.request);
const ORIGINAL = readFileSync(fileURLToPath(new URL('../fixtures/report-example.md', import.meta.url)), 'utf8');

describe('report-example.md re-created', () => {
  it('gives 4.50 GiB per session, a 1418.0 GiB budget, 314 / 314 / 292 sessions and 4 / 5 / 7 nodes', () => {
    const s = result.scenarios;
    expect(result.kv.gib.toFixed(2)).toBe('4.50');
    expect(s.minimum.results.kv_budget_gib.toFixed(1)).toBe('1418.0');
    expect(s.ideal.results.kv_budget_gib.toFixed(1)).toBe('1316.7');
    expect([s.minimum, s.recommended, s.ideal].map((x) => x.results.sessions_per_node)).toEqual([314, 314, 292]);
    expect([s.minimum, s.recommended, s.ideal].map((x) => x.results.nodes_final)).toEqual([4, 5, 7]);
    expect([s.minimum, s.recommended, s.ideal].map((x) => x.results.nodes_with_headroom)).toEqual([4, 4, 5]);
    expect(s.minimum.results.kv_total_tib.toFixed(2)).toBe('4.40');
  });

  it('our pt-BR Markdown has every line of the original, up to number formatting and the chosen differences', () => {
    const ours = renderMarkdown(result, { locale: 'pt-BR', generatedAt: '2026-02-08 01:02:55' });
    // 131.072 / 2.145,8 (pt-BR) and 131,072 / 2145.8 (the original, Python's default) compare equal.
    const normalize = (line: string) => line.replace(/(\d)[.,](?=\d)/g, '$1').replace('**Erro comum:** Erro comum: ', '**Erro comum:** ').trimEnd();
    const oursLines = new Set(ours.split('\n').map(normalize));
    const missing = ORIGINAL.split('\n').map(normalize).filter((line) => !oursLines.has(line));
    expect(missing).toEqual([
      '|---------|--------|-------------|-------|', // our table rule has four equal dashes runs
      '- Este relatório foi gerado automaticamente pelo sistema de sizing v20', // ours names llm-sizing
      '*Gerado por: Sistema de Sizing de Infraestrutura IA*',
    ]);
  });

  it('the English text report shows the same figures', () => {
    const text = renderText(result, { locale: 'en' });
    for (const s of ['4.50 GiB', '1,418.0 GiB', '1,316.7 GiB', '2,145.8 GiB', '4.40 TiB']) expect(text).toContain(s);
    expect(text).toMatch(/Final Nodes\s+4\s+5\s+7/);
    expect(text).toMatch(/Sessions\/Node\s+314\s+314\s+292/);
  });
});
