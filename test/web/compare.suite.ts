/**
 * Issue 11's compare view on the BUILT page (dist/web, served by `llm-sizing serve --port 0`) in real
 * Chromium: lists of options ticked on top of the form's request, compared in the page by the
 * library's `compare()` (the expected figures come from the same call here); the ranked table with the
 * dominated options marked and the infeasible ones with their reason; the cost-versus-nodes scatter
 * (and cost-versus-TPOT with a workload) with the Pareto front; a click on a point loads that option
 * into the form; the Recommend button highlights the recommended option with its explanation; the
 * state in the URL; the page's cap on options; pt-BR without English.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { compare, type CompareLists, type CompareOutput, type CompareRowOutput, paretoFront } from '../../src/index.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { fmt, type Locale } from '../../src/report/format.ts';
import { messagesFor, PHRASES } from '../../src/report/i18n/index.ts';
import { sizeBody } from '../../src/server/sizing.ts';
import { compareTexts } from '../../web/src/compare-i18n.ts';
import { PAGE_MAX_OPTIONS } from '../../web/src/compare-limits.ts';
import { fill } from '../../web/src/i18n.ts';
import { screenshot } from '../helpers/browser.ts';
import { allTextsOf, load, PHONE, useServedPage } from '../helpers/web-page.ts';
import type { StartedServer } from '../helpers/serve.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
/** docs/compare.md's first example: 9 options, 6 feasible, #5 (dgx-h200, TP 8) recommended. */
const FORM = { model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', storage: 'profile_default', concurrency: 1000, effective_context: 8192, memory_model: 'vllm' };
const LISTS = { server: ['dgx-h100', 'dgx-h200', 'dgx-b200'], tensor_parallel: [4, 8, 16] } as const;
/** The same with a workload and a TPOT target: the cost-versus-TPOT scatter. */
const WORKLOAD = { input_tokens: 2048, output_tokens: 512, tpot_p99_ms: 50 };

/** What the page must show: the library's compare() of the form's request, the listed fields left out of it. */
function expected(form: Record<string, unknown>, lists: CompareLists, lang: Locale = 'en'): CompareOutput {
  const request = Object.fromEntries(Object.entries(form).filter(([k]) => !(k in lists)));
  return compare(request, lists, { lang, catalog });
}

const urlOf = (form: Record<string, unknown>, lists: CompareLists, extra: Record<string, string> = {}, lang: Locale = 'en') =>
  `${server.url}?${new URLSearchParams({
    lang,
    ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)])),
    ...Object.fromEntries(Object.entries(lists).map(([k, v]) => [`compare_${k}`, (v as readonly unknown[]).join(',')])),
    ...extra,
  })}`;
const href = (p: Page) => p.evaluate<string>('location.href');
/** Wait until the view has compared (its run counter moved past `after`). */
async function compared(p: Page, after = 0): Promise<void> {
  // A function, not a string: the page's CSP forbids evaluating strings. The root tsconfig has no DOM types.
  type Doc = { getElementById(id: string): { dataset: Record<string, string | undefined> } | null };
  // Polled every 20 ms rather than on every animation frame (playwright's default), which made
  // Chromium draw frames all through the 250 ms debounce.
  await p.waitForFunction((n) => Number((globalThis as unknown as { document: Doc }).document.getElementById('compare')?.dataset.runs ?? 0) > n, after, { polling: 20 });
}
const runs = (p: Page) => p.evaluate<number>("Number(document.getElementById('compare').dataset.runs)");
const onFront = (rows: readonly CompareRowOutput[], x: (r: CompareRowOutput) => number | null) => {
  const plotted = rows.filter((r) => r.eligible && r.usd_per_month !== null && x(r) !== null);
  const front = paretoFront(plotted.map((r) => ({ x: x(r)!, y: r.usd_per_month! })));
  return plotted.filter((_, i) => front[i]).map((r) => r.id).sort((a, b) => a - b);
};
const ids = async (p: Page, selector: string, attribute: string) => (await p.locator(selector).evaluateAll((els, a) => els.map((e) => Number(e.getAttribute(a as string))), attribute)).sort((a, b) => a - b);

let server: StartedServer;
let page: Page;

useServedPage((s) => ({ server, page } = s));

describe('the compare view', () => {
  it('without a ticked value compares nothing and says how to start', async () => {
    await load(page, urlOf(FORM, {}));
    await compared(page);
    expect(await page.textContent('[data-testid="compare-out"]')).toBe(compareTexts('en').none);
    expect(await page.locator('[data-testid="compare-table"]').count()).toBe(0);
  });

  it('ranks the options as the library does: dominated ones marked, infeasible ones with their reason', async () => {
    const doc = expected(FORM, LISTS);
    expect(doc.counts).toMatchObject({ options: 9, feasible: 6, infeasible: 3 });
    await load(page, urlOf(FORM, LISTS));
    await compared(page);
    const m = messagesFor('en').compare;
    const f = fmt('en');
    const feasible = doc.rows.filter((r) => r.feasible);
    // The table: the feasible rows in the library's order, with its figures.
    expect(await page.locator('[data-testid="compare-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))))).toEqual(feasible.map((r) => r.id));
    const rowCells = await allTextsOf(page, feasible.map((r) => `[data-testid="compare-table"] tr[data-id="${r.id}"] td`));
    for (const [i, r] of feasible.entries()) {
      const cells = rowCells[i]!;
      expect(cells[0]).toBe(String(r.id));
      expect(cells.slice(1, 3)).toEqual([String(r.option.server), String(r.option.tensor_parallel)]);
      expect(cells[3]).toBe([r.nodes.minimum, r.nodes.recommended, r.nodes.ideal].map((x) => f.int(x!)).join(' / '));
      expect(cells).toContain(PHRASES.en.cost.money(r.usd_per_month!, f));
      const note = cells[cells.length - 2]!;
      expect(note.includes(m.dominated({ id: String(r.dominated_by) }))).toBe(r.dominated_by !== null);
      // Not highlighted before the button is pressed.
      expect(note).not.toContain(m.recommendedMark);
    }
    expect(feasible.some((r) => r.dominated_by !== null)).toBe(true);
    expect(await ids(page, '[data-testid="compare-table"] tr.dominated', 'data-id')).toEqual(feasible.filter((r) => r.dominated_by !== null).map((r) => r.id).sort((a, b) => a - b));
    expect(await page.locator('tr.recommended').count()).toBe(0);
    // The infeasible ones, each with the library's reason.
    const infeasible = doc.rows.filter((r) => !r.feasible);
    const items = page.locator('[data-testid="compare-infeasible"]');
    expect(await items.count()).toBe(infeasible.length);
    const reasons = await allTextsOf(page, infeasible.map((r) => `[data-testid="compare-infeasible"][data-id="${r.id}"]`));
    for (const [i, r] of infeasible.entries()) {
      expect(reasons[i]!.length).toBeGreaterThan(0);
      for (const reason of r.reasons) expect(reasons[i]![0]).toContain(reason.message);
    }
    expect(await page.textContent('[data-testid="compare-title"]')).toContain(m.title({ model: FORM.model, options: '9', feasible: '6', eligible: '6', targets: false }));
  });

  it('plots cost against nodes with the Pareto front; without a workload there is no TPOT plot', async () => {
    const doc = expected(FORM, LISTS);
    await load(page, urlOf(FORM, LISTS));
    await compared(page);
    const chart = '[data-testid="compare-chart-nodes"]';
    const priced = doc.rows.filter((r) => r.feasible && r.usd_per_month !== null);
    expect(await page.locator(`${chart} [data-testid="compare-point"]`).count()).toBe(priced.length);
    expect(await ids(page, `${chart} g.pt.front`, 'data-load')).toEqual(onFront(doc.rows, (r) => r.nodes.recommended));
    expect(await page.locator(`${chart} path.front`).count()).toBe(1);
    expect(await page.locator('[data-testid="compare-chart-tpot"]').count()).toBe(0);
    // Every point is named: the option, its nodes and its cost.
    const r5 = doc.rows.find((r) => r.id === 5)!;
    expect(await page.getAttribute(`${chart} [data-load="5"]`, 'aria-label')).toContain(`#5 ${messagesFor('en').compare.field.server} dgx-h200, TP 8: ${r5.nodes.recommended} nodes, ${PHRASES.en.cost.money(r5.usd_per_month!, fmt('en'))}/month`);
    expect(await page.evaluate('window.cspViolations')).toEqual([]);
    await screenshot(page.locator('#compare'), 'compare-laptop.png');
  });

  it('a click on a point loads that option into the form, and the cards size it', async () => {
    await load(page, urlOf(FORM, LISTS));
    await compared(page);
    const before = await runs(page);
    await page.click('[data-testid="compare-chart-nodes"] [data-load="8"]');
    expect(await page.inputValue('#f-server')).toBe('dgx-b200');
    expect(await page.inputValue('#f-tensor_parallel')).toBe('8');
    const r = sizeBody({ ...FORM, server: 'dgx-b200', tensor_parallel: 8 }, catalog);
    if (!r.ok) throw new Error('the option must size');
    expect(await Promise.all(SCENARIO_KEYS.map((k) => page.textContent(`[data-testid="nodes-${k}"]`)))).toEqual(SCENARIO_KEYS.map((k) => fmt('en').int(r.value.scenarios[k].results.nodes_final!)));
    expect(await href(page)).toContain('server=dgx-b200');
    expect(await href(page)).toContain('tensor_parallel=8');
    expect(await page.textContent('#compare-loaded')).toBe(fill(compareTexts('en').loaded, { id: '8' }));
    // The lists replace their fields: the same comparison after the load.
    await compared(page, before);
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBe(6);
    // From the keyboard: focus a point and press Enter.
    await page.focus('[data-testid="compare-chart-nodes"] [data-load="4"]');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#f-server')).toBe('dgx-h200');
    expect(await page.inputValue('#f-tensor_parallel')).toBe('4');
  });

  it('Recommend highlights the recommended option with its explanation; the state is in the URL', async () => {
    const doc = expected(FORM, LISTS);
    const rec = doc.recommendation!;
    expect(rec.id).toBe(5);
    await load(page, urlOf(FORM, LISTS));
    await compared(page);
    expect(await page.locator('[data-testid="compare-recommendation"]').count()).toBe(0);
    await page.click('#compare-recommend');
    expect(await page.getAttribute('#compare-recommend', 'aria-pressed')).toBe('true');
    expect(await page.locator('[data-testid="compare-recommendation"] p').allTextContents()).toEqual(rec.text);
    expect(await ids(page, 'tr.recommended', 'data-id')).toEqual([rec.id]);
    expect(await page.textContent(`tr[data-id="${rec.id}"]`)).toContain(messagesFor('en').compare.recommendedMark);
    expect(await ids(page, '[data-testid="compare-chart-nodes"] g.pt.recommended', 'data-load')).toEqual([rec.id]);
    expect(await page.locator('[data-testid="compare-chart-nodes"] g.pt.recommended circle.ring').count()).toBe(1);
    const url = await href(page);
    expect(url).toContain('recommend=1');
    expect(url).toContain(`compare_server=${encodeURIComponent('dgx-h100,dgx-h200,dgx-b200')}`);
    expect(url).toContain(`compare_tensor_parallel=${encodeURIComponent('4,8,16')}`);
    // Its button loads it.
    await page.click('[data-testid="compare-recommendation"] button[data-load]');
    expect(await page.inputValue('#f-server')).toBe('dgx-h200');
    expect(await page.inputValue('#f-tensor_parallel')).toBe('8');
    // The link reproduces the view in a new document (the page keeps no state but its address).
    await page.goto('about:blank');
    await page.goto(url);
    await compared(page);
    expect(await page.locator('[data-testid="compare-recommendation"] p').allTextContents()).toEqual(rec.text);
    expect(await page.isChecked('input[name="compare_server"][value="dgx-b200"]')).toBe(true);
    expect(await page.isChecked('input[name="compare_tensor_parallel"][value="2"]')).toBe(false);
  });

  it('ticking and unticking values compares again, and the order follows the sort', async () => {
    await load(page, urlOf(FORM, LISTS));
    await compared(page);
    let before = await runs(page);
    await page.uncheck('input[name="compare_tensor_parallel"][value="16"]');
    await compared(page, before);
    const doc = expected(FORM, { server: LISTS.server, tensor_parallel: [4, 8] });
    expect(doc.counts.infeasible).toBe(0);
    expect(await page.locator('[data-testid="compare-infeasible"]').count()).toBe(0);
    expect(await page.textContent('#compare-count')).toBe(fill(compareTexts('en').count, { count: '6' }));
    before = await runs(page);
    await page.selectOption('#compare-sort', 'nodes');
    await compared(page, before);
    const byNodes = compare(Object.fromEntries(Object.entries(FORM).filter(([k]) => k !== 'server')), { server: LISTS.server, tensor_parallel: [4, 8] }, { catalog, sort: 'nodes' });
    expect(await page.locator('[data-testid="compare-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))))).toEqual(byNodes.rows.map((r) => r.id));
    expect(await href(page)).toContain('compare_sort=nodes');
  });

  it('with a workload and a TPOT target also plots cost against TPOT p99, with its front', async () => {
    const form = { ...FORM, concurrency: 500, ...WORKLOAD };
    const lists = { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [4, 8], kv_precision: ['fp8', 'bf16'] };
    const doc = expected(form, lists);
    await load(page, urlOf(form, lists));
    await compared(page);
    const chart = '[data-testid="compare-chart-tpot"]';
    expect(await page.locator(chart).count()).toBe(1);
    expect(await page.locator(`${chart} [data-testid="compare-point"]`).count()).toBe(doc.rows.filter((r) => r.feasible && r.usd_per_month !== null && r.tpot_p99_ms !== null).length);
    expect(await ids(page, `${chart} g.pt.front`, 'data-load')).toEqual(onFront(doc.rows, (r) => r.tpot_p99_ms));
    expect(await ids(page, `${chart} g.pt.misses`, 'data-load')).toEqual(doc.rows.filter((r) => r.feasible && !r.eligible && r.usd_per_month !== null).map((r) => r.id).sort((a, b) => a - b));
    const heads = await page.locator('[data-testid="compare-table"] th').allTextContents();
    expect(heads).toContain(messagesFor('en').compare.column.tpot);
  });

  it('refuses a cross above the page cap before sizing anything, saying how many options the lists multiply to', async () => {
    const all = catalog.names('servers');
    const lists = { server: all, memory_model: ['seed', 'vllm', 'sglang', 'trtllm'], tensor_parallel: [1, 2, 4, 8, 16], replicas_per_node: [1, 2, 4, 8] };
    const count = all.length * 4 * 5 * 4;
    expect(count).toBeGreaterThan(PAGE_MAX_OPTIONS);
    await load(page, urlOf(FORM, lists));
    await compared(page);
    const text = await page.textContent('[data-testid="compare-too-many"]');
    expect(text).toContain(fmt('en').int(count));
    expect(text).toContain(fmt('en').int(PAGE_MAX_OPTIONS));
    expect(await page.locator('[data-testid="compare-table"]').count()).toBe(0);
  });

  it('compares an opened link at once, with the first drawing of the page: the debounce is for typing only', async () => {
    await load(page, urlOf(FORM, LISTS), undefined, { fresh: true });
    // page.goto resolves at the load event, after the page's script ran: no waiting here.
    expect(await runs(page)).toBe(1);
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBe(expected(FORM, LISTS).counts.feasible);
  });

  it('stays responsive: the form redraws without waiting for the comparison', async () => {
    const lists = { server: ['dgx-h100', 'dgx-h200', 'dgx-b200', 'dgx-b300'], tensor_parallel: [1, 2, 4, 8], kv_precision: ['fp8', 'bf16'], replicas_per_node: [1, 2] };
    await load(page, urlOf(FORM, lists));
    await compared(page);
    const stats = await page.evaluate<{ lastMs: number; options: number }>('window.llmSizing.compare');
    expect(stats.options).toBe(64);
    const before = await runs(page);
    await page.fill('#f-concurrency', '2000');
    // The cards are redrawn at once; the comparison follows after the debounce.
    expect(await runs(page)).toBe(before);
    await compared(page, before);
    console.log(`compare view: ${stats.options} options in ${stats.lastMs.toFixed(0)} ms (compare() and drawing)`);
  });

  it('in pt-BR: the view, the table, the plots and the recommendation have no English', async () => {
    const doc = expected(FORM, LISTS, 'pt-BR');
    await load(page, urlOf(FORM, LISTS, { recommend: '1' }, 'pt-BR'));
    await compared(page);
    const text = (await page.textContent('#compare'))!;
    const labels = await page.locator('#compare [aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).join(' '));
    const t = compareTexts('pt-BR');
    expect(text).toContain(t.heading);
    expect(text).toContain(t.intro);
    expect(await page.locator('[data-testid="compare-recommendation"] p').allTextContents()).toEqual(doc.recommendation!.text);
    expect(text).toContain(messagesFor('pt-BR').compare.dominanceNote);
    // None of the English texts of the view, nor the library's English compare phrases.
    const en = compareTexts('en');
    const enCompare = PHRASES.en.compare;
    const english = [
      ...Object.values(en).map((s) => s.split('{')[0]!.trim()).filter((s) => s.length > 3),
      enCompare.dominanceNote, enCompare.recommendation.heading, enCompare.recommendedMark, enCompare.column.nodes, enCompare.column.sessions, enCompare.limit.memory,
      'month', 'nodes', 'Recommend', 'Option', 'option', 'cheapest', 'runner-up', 'Load', 'feasible', 'dominated',
    ];
    for (const word of english) {
      expect(text, word).not.toContain(word);
      expect(labels, word).not.toContain(word);
    }
    await screenshot(page.locator('#compare'), 'compare-pt-BR.png');
  });

  it('on a phone: no horizontal scrolling of the page (the table scrolls in its box)', async () => {
    // The report example (whose page fits a phone without the view) with a wide table: 3 servers × 2 KV precisions.
    const example = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072 };
    await load(page, urlOf(example, { server: ['dgx300', 'dgx-b300', 'dgx-h200'], kv_precision: ['fp8', 'bf16'] }, { recommend: '1' }), PHONE);
    await compared(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'compare-phone.png', { fullPage: true });
  });
});
