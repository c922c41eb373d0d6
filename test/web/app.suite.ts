/**
 * The BUILT web app (dist/web, served by `llm-sizing serve --port 0`) in Chromium (CHROMIUM_PATH, the system's, or the packaged one: scripts/chromium.mjs): the cards
 * show the core's numbers, update as inputs change, size a pasted config.json, round-trip through the
 * URL, switch language and put the CLI's field message next to an invalid field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { fmt } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { validateRequest } from '../../src/schema/request.ts';
import { ENGINE_SETTINGS, fieldAppliesTo, SETTING_FIELDS, type SettingRow } from '../../src/engines/settings.ts';
import { SEVERITIES, type Severity } from '../../src/core/alerts.ts';
import { nodeMemoryUse } from '../../src/core/node-memory.ts';
import { fill, pageTexts } from '../../web/src/i18n.ts';
import { screenshot } from '../helpers/browser.ts';
import { ROOT } from '../helpers/cli.ts';
import type { StartedServer } from '../helpers/serve.ts';
import { cardNodes, expectedNodes, href, load, PHONE, pageUrl, paste, sized, textsOf, useServedPage } from '../helpers/web-page.ts';

const REPORT_EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
/** The page's address for a request (every field in the query string, as the page writes it). */
const urlOf = (body: Record<string, unknown>, lang = 'en') => pageUrl(server.url, body, lang);
/** Infeasible, with an alert of every severity: error (no session fits), critical (long context), warning (fp16), info (60 % headroom). */
const EVERY_SEVERITY = { ...REPORT_EXAMPLE, server: 'dgx200', runtime_overhead_gib: 1045, peak_headroom_ratio: 0.6 };

let server: StartedServer;
let page: Page;

// The page records every Content-Security-Policy violation, for the last test.
useServedPage((s) => ({ server, page } = s));

/** The report example as the page's own address gives it: where most tests start. */
const loadReportExample = () => load(page, urlOf(REPORT_EXAMPLE));

/** The report example typed into the form of the page as it opens (the tests of the filling itself). */
async function fillReportExample(): Promise<void> {
  await page.selectOption('#f-model', REPORT_EXAMPLE.model);
  await page.selectOption('#f-server', REPORT_EXAMPLE.server);
  await page.selectOption('#f-storage', REPORT_EXAMPLE.storage);
  await page.fill('#f-concurrency', String(REPORT_EXAMPLE.concurrency));
  await page.fill('#f-effective_context', String(REPORT_EXAMPLE.effective_context));
  await page.selectOption('#f-kv_precision', REPORT_EXAMPLE.kv_precision);
}

describe('the web app in Chromium', () => {
  it("shows the report example's 4 / 5 / 7 nodes on the cards", async () => {
    await load(page, server.url);
    await fillReportExample();
    expect(await cardNodes(page)).toEqual(['4', '5', '7']);
    expect(await page.locator('#charts svg[role="img"]').count()).toBe(3);
    await screenshot(page, 'report-example-laptop.png', { fullPage: true });
  });

  it('shows the rationale of each number on demand, and keeps it open across redraws', async () => {
    await loadReportExample();
    const details = '#why details[data-key="recommended"]';
    expect(await page.locator(`${details} dl dt`).count()).toBe(0);
    await page.click(`${details} summary`);
    // The rationale is written by the 'toggle' event, which the browser fires in a task of its own.
    await page.waitForSelector(`${details} dl dt`);
    expect(await page.textContent(`${details} dl`)).toContain('nodes_final = nodes_with_headroom + ha_extra_nodes');
    await page.fill('#f-concurrency', '1200');
    expect(await page.getAttribute(details, 'open')).not.toBeNull();
    await page.waitForFunction(`document.querySelector(${JSON.stringify(`${details} dl`)})?.textContent?.includes('1,200') ?? false`, undefined, { timeout: 5000 }).catch(() => undefined);
    expect(await page.textContent(`${details} dl`)).toContain('1,200');
  });

  it('exports the JSON document (as --json-only prints it) and the reports', async () => {
    await loadReportExample();
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#x-json')]);
    const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(doc.scenarios.recommended.results.nodes_final).toBe(5);
    const [markdown] = await Promise.all([page.waitForEvent('download'), page.click('#x-markdown')]);
    expect(readFileSync(await markdown.path(), 'utf8')).toContain(messagesFor('en').labels.markdownTitle);
    const [executive] = await Promise.all([page.waitForEvent('download'), page.click('#x-executive')]);
    expect(readFileSync(await executive.path(), 'utf8')).toContain(messagesFor('en').labels.execSubtitle);
  });

  it('keeps its files between loads: the next load takes app.js and style.css from the cache without a request', async () => {
    await load(page, urlOf(REPORT_EXAMPLE), undefined, { fresh: true });
    await load(page, urlOf(REPORT_EXAMPLE), undefined, { fresh: true });
    // The Resource Timing entries: a file from the cache without a request transferred 0 bytes (a 304 revalidation transfers its headers).
    const transferred = await page.evaluate<Record<string, number>>(
      "Object.fromEntries(performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.transferSize]))",
    );
    expect(transferred).toEqual({ '/app.js': 0, '/style.css': 0 });
    expect(await cardNodes(page)).toEqual(['4', '5', '7']);
  });

  it('updates the cards without a reload when the precision changes to fp8', async () => {
    await loadReportExample();
    await page.evaluate('window.marker = 42'); // gone if the page reloads
    await page.selectOption('#f-kv_precision', 'fp8');
    const expected = expectedNodes({ ...REPORT_EXAMPLE, kv_precision: 'fp8' });
    expect(expected).not.toEqual(['4', '5', '7']);
    expect(await cardNodes(page)).toEqual(expected);
    expect(await page.evaluate('window.marker')).toBe(42);
  });

  it.each([
    { what: 'a drop-down choice', edit: () => page.selectOption('#f-kv_precision', 'fp8') },
    { what: 'a typed number, then leaving the field', edit: async () => {
      await page.fill('#f-concurrency', '1200');
      await page.press('#f-concurrency', 'Tab');
    } },
  ])('redraws once per edit ($what), not again on the change event that follows the input event', async ({ edit }) => {
    await loadReportExample();
    const before = await page.evaluate<number>('window.llmSizing.stats.count');
    await edit();
    // Both events have been dispatched by the time the action resolves; a redraw is synchronous.
    expect(await page.evaluate<number>('window.llmSizing.stats.count')).toBe(before + 1);
  });

  it('writes its address only when the address changes: a redraw that leaves it as it is writes nothing', async () => {
    await loadReportExample();
    // Each history.replaceState is counted, by an own property of `history` that shadows the
    // prototype's method: deleted after the test (the next tests reopen this same document).
    onTestFinished(() => page.evaluate('delete history.replaceState'));
    await page.evaluate("window.writes = []; history.replaceState = function (...a) { window.writes.push(String(a[2])); return History.prototype.replaceState.apply(this, a); }");
    const at = await href(page);
    // The same value typed again: a redraw, the address unchanged.
    const before = await page.evaluate<number>('window.llmSizing.stats.count');
    await page.fill('#f-concurrency', String(REPORT_EXAMPLE.concurrency));
    expect(await page.evaluate<number>('window.llmSizing.stats.count')).toBe(before + 1);
    expect(await page.evaluate<string[]>('window.writes')).toEqual([]);
    expect(await href(page)).toBe(at);
    // Another value: written once, with it.
    await page.fill('#f-concurrency', '1200');
    const writes = await page.evaluate<string[]>('window.writes');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('concurrency=1200');
    expect(await href(page)).toContain('concurrency=1200');
  });

  it('takes the layout and engine settings (vLLM at TP 4, gpu_memory_utilization 0.8) and keeps them in the URL', async () => {
    await loadReportExample();
    await page.selectOption('#f-memory_model', 'vllm');
    await page.fill('#f-tensor_parallel', '4');
    await page.click('.engine-settings summary');
    await page.fill('#f-gpu_memory_utilization', '0.8');
    const expected = expectedNodes({ ...REPORT_EXAMPLE, memory_model: 'vllm', tensor_parallel: 4, gpu_memory_utilization: 0.8 });
    expect(expected).not.toEqual(expectedNodes({ ...REPORT_EXAMPLE, memory_model: 'vllm', tensor_parallel: 4 }));
    expect(await cardNodes(page)).toEqual(expected);
    expect(await href(page)).toContain('gpu_memory_utilization=0.8');

    await page.fill('#f-pipeline_parallel', '0');
    expect(await page.textContent('#e-pipeline_parallel')).toContain('--pipeline-parallel');
    expect(await page.getAttribute('#f-pipeline_parallel', 'aria-invalid')).toBe('true');
  });

  it("has a labelled field for every engine setting of the table, its default value as placeholder, in either language", async () => {
    await loadReportExample();
    const fields = await page.evaluate<{ id: string; folded: boolean; placeholder: string | null; tag: string }[]>(
      "[...document.querySelectorAll('#engine-fields [id^=\"f-\"]')].map((el) => ({ id: el.id, folded: el.closest('details') !== null, placeholder: el.getAttribute('placeholder'), tag: el.tagName }))",
    );
    const settings = fields.filter((f) => f.id !== 'f-params_b');
    expect(settings.map((f) => f.id.slice(2)).sort()).toEqual([...SETTING_FIELDS].sort());
    for (const f of settings) {
      const row: SettingRow = ENGINE_SETTINGS[f.id.slice(2) as (typeof SETTING_FIELDS)[number]];
      expect(f.folded, f.id).toBe(row.web === 'folded');
      expect(f.tag, f.id).toBe(row.type === 'enum' ? 'SELECT' : 'INPUT');
      expect(f.placeholder, f.id).toBe('value' in row.default && row.type !== 'enum' ? String(row.default.value) : null);
    }
    for (const locale of ['pt-BR', 'en'] as const) {
      await page.selectOption('#lang', locale);
      expect(await textsOf(page, SETTING_FIELDS.map((field) => `label[for="f-${field}"]`))).toEqual(SETTING_FIELDS.map((field) => messagesFor(locale).settings[field].label));
    }
  });

  it('sizes a pasted real config.json', async () => {
    await loadReportExample();
    const text = readFileSync(join(ROOT, 'test/fixtures/hf-configs/meta-llama__Meta-Llama-3.1-70B.json'), 'utf8');
    await paste(page, '#f-hf_config', text);
    expect(await page.inputValue('#f-hf_config')).toBe(text);
    const { model: _model, ...rest } = REPORT_EXAMPLE;
    const expected = expectedNodes({ ...rest, hf_config: JSON.parse(text) });
    expect(await cardNodes(page)).toEqual(expected);
    expect(await page.getAttribute('#f-hf_config', 'aria-invalid')).toBeNull();

    await page.fill('#f-hf_config', '{"model_type": "llama"}');
    expect(await page.textContent('#e-hf_config')).toContain('hf_config.num_hidden_layers');
    expect(await page.getAttribute('#f-hf_config', 'aria-invalid')).toBe('true');
  });

  it('reproduces a sizing from its URL in a new page, pasted config included', async () => {
    await loadReportExample();
    await page.fill('#f-concurrency', '2500');
    await page.fill('#f-peak_headroom_ratio', '0.35');
    const url = await href(page);
    const before = await cardNodes(page);
    expect(before).toEqual(expectedNodes({ ...REPORT_EXAMPLE, concurrency: 2500, peak_headroom_ratio: 0.35 }));
    // A new document from the address alone (the page keeps no state but its address: no storage, no cookie).
    await page.goto('about:blank');
    await page.goto(url);
    expect(await cardNodes(page)).toEqual(before);
    expect(await page.inputValue('#f-concurrency')).toBe('2500');
    expect(await page.inputValue('#f-kv_precision')).toBe('fp16');

    const config = readFileSync(join(ROOT, 'test/fixtures/hf-configs/Qwen__Qwen3-8B.json'), 'utf8');
    await paste(page, '#f-hf_config', config);
    const withConfig = await cardNodes(page);
    const { model: _model, ...rest } = REPORT_EXAMPLE;
    expect(withConfig).toEqual(expectedNodes({ ...rest, concurrency: 2500, peak_headroom_ratio: 0.35, hf_config: JSON.parse(config) }));
    const withConfigUrl = await href(page);
    expect(new URL(withConfigUrl).hash).not.toBe('');
    await load(page, withConfigUrl, undefined, { fresh: true });
    expect(await cardNodes(page)).toEqual(withConfig);
    expect(await page.inputValue('#f-hf_config')).toBe(config.trim());
  });

  it('switches every text between English and Brazilian Portuguese', async () => {
    await loadReportExample();
    const en = { title: await page.textContent('h1'), label: await page.textContent('label[for="f-concurrency"]') };
    expect(en.title).toBe(pageTexts('en').title);
    await page.selectOption('#lang', 'pt-BR');
    const pt = messagesFor('pt-BR');
    expect(await page.textContent('h1')).toBe(pageTexts('pt-BR').title);
    expect(await page.textContent('label[for="f-concurrency"]')).toBe(pageTexts('pt-BR').concurrency);
    expect(await page.textContent('label[for="f-kv_precision"]')).toBe(pt.labels.kvPrecision);
    expect(await page.textContent('[data-scenario="recommended"] h3')).toBe(pt.scenario.recommended);
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
    expect(await page.evaluate<string>('location.search')).toContain('lang=pt-BR');
    await screenshot(page, 'pt-BR-laptop.png', { fullPage: true });
    await page.selectOption('#lang', 'en');
    expect(await page.textContent('h1')).toBe(en.title);
  });

  it("shows the CLI's message next to an invalid field (concurrency -5)", async () => {
    await loadReportExample();
    await page.fill('#f-concurrency', '-5');
    const problem = validateRequest({ ...REPORT_EXAMPLE, concurrency: -5 });
    if (problem.ok) throw new Error('expected a problem');
    const message = messagesFor('en').problem(problem.problems[0]!, '--concurrency', fmt('en'));
    expect(await page.textContent('#e-concurrency')).toBe(message);
    expect(await page.getAttribute('#f-concurrency', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-concurrency', 'aria-describedby')).toBe('e-concurrency');
    await page.fill('#f-concurrency', '1000');
    expect(await page.textContent('#e-concurrency')).toBe('');
    expect(await cardNodes(page)).toEqual(['4', '5', '7']);
  });

  it('labels every control for screen readers', async () => {
    await load(page, server.url);
    const unlabelled = await page.evaluate<string[]>(
      "[...document.querySelectorAll('input, select, textarea, button')].filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !(el.textContent ?? '').trim()).map((el) => el.id || el.outerHTML.slice(0, 60))",
    );
    expect(unlabelled).toEqual([]);
  });

  it('can be used by keyboard alone: Tab moves through the inputs in reading order, typing redraws', async () => {
    await loadReportExample();
    await page.focus('#f-concurrency');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('f-effective_context');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2000');
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...REPORT_EXAMPLE, concurrency: 2000 }));
    await page.focus('#f-kv_precision');
    await page.keyboard.press('ArrowDown'); // fp16 → the next precision in the list
    const next = await page.inputValue('#f-kv_precision');
    expect(next).not.toBe('fp16');
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...REPORT_EXAMPLE, concurrency: 2000, kv_precision: next }));
  });

  it('fits a phone screen', async () => {
    await load(page, urlOf(REPORT_EXAMPLE), PHONE);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'report-example-phone.png', { fullPage: true });
  });

  it('works under its strict Content-Security-Policy: charts, exports and URL state without one violation', async () => {
    const res = await load(page, server.url, undefined, { fresh: true });
    expect(res?.headers()['content-security-policy']).toContain("style-src 'self'");
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await fillReportExample();
    expect(await cardNodes(page)).toEqual(['4', '5', '7']);
    expect(await page.locator('#charts svg[role="img"]').count()).toBe(3);
    // The legends' colours come through (SVG attributes, not the inline styles the policy blocks).
    const swatches = await page.evaluate<string[]>("[...document.querySelectorAll('.legend svg rect')].map((r) => getComputedStyle(r).fill)");
    expect(swatches.length).toBeGreaterThan(0);
    expect(swatches.every((f) => /^rgb\(/.test(f) && f !== 'rgb(0, 0, 0)')).toBe(true);
    await page.click('#why details[data-key="ideal"] summary');
    await page.waitForSelector('#why details[data-key="ideal"] dl dt');
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#x-json')]);
    expect(JSON.parse(readFileSync(await json.path(), 'utf8')).scenarios.recommended.results.nodes_final).toBe(5);
    await page.fill('#f-concurrency', '3000');
    await page.goto(await href(page));
    expect(await page.inputValue('#f-concurrency')).toBe('3000');
    expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);

    // The policy is really enforced: an inline style is refused, and reported.
    const color = await page.evaluate<string>(
      "(() => { const p = document.createElement('p'); p.innerHTML = '<span id=\"inline\" style=\"color: rgb(255, 0, 0)\">x</span>'; document.body.append(p); return getComputedStyle(document.getElementById('inline')).color; })()",
    );
    expect(color).not.toBe('rgb(255, 0, 0)');
    await page.waitForFunction('window.cspViolations.length > 0', undefined, { timeout: 5000 });
    expect((await page.evaluate<string[]>('window.cspViolations'))[0]).toMatch(/^style-src/);
  });
});

describe('issue 9: the page fixes', () => {
  it('"Why these numbers" is readable: full width under the cards, labels aligned in one column, the text column ≥ 400 px at 1280 px', async () => {
    await loadReportExample();
    const details = '#why details[data-key="recommended"]';
    await page.click(`${details} summary`);
    await page.waitForSelector(`${details} dl dt`);
    const box = await page.evaluate<{ cards: number[]; why: number; dt: number[]; dd: number[]; text: number[] }>(
      `(() => {
        const d = document.querySelector(${JSON.stringify(details)});
        const rect = (el) => el.getBoundingClientRect();
        return {
          cards: [...document.querySelectorAll('#cards .card')].map((c) => rect(c).height),
          why: rect(d).height,
          dt: [...d.querySelectorAll('dt')].map((e) => rect(e).left),
          dd: [...d.querySelectorAll('dd')].map((e) => rect(e).left),
          text: [...d.querySelectorAll('dd.explanation')].map((e) => rect(e).width),
        };
      })()`,
    );
    expect(box.text.length).toBe(8);
    expect(Math.min(...box.text)).toBeGreaterThanOrEqual(400);
    // Labels in one column, formulas and explanations in the next.
    expect(new Set(box.dt.map(Math.round)).size).toBe(1);
    expect(new Set(box.dd.map(Math.round)).size).toBe(1);
    expect(Math.min(...box.dd)).toBeGreaterThan(box.dt[0]! + 100);
    // The cards stay cards (they were 3,271 px tall with the rationale inside), the open rationale a screen or so.
    expect(Math.max(...box.cards)).toBeLessThan(350);
    expect(box.why).toBeLessThan(1200);
    await screenshot(page.locator('#why'), 'rationale-laptop.png');
  });

  it('styles every severity, error and critical the most prominent, then warning, then info', async () => {
    await load(page, urlOf(EVERY_SEVERITY));
    const shown = await page.evaluate<{ severity: string; className: string; width: number; color: string; background: string; badge: string }[]>(
      `[...document.querySelectorAll('#alerts li.alert')].map((li) => {
        const s = getComputedStyle(li);
        return { severity: li.dataset.severity, className: li.className, width: parseFloat(s.borderLeftWidth), color: s.borderLeftColor, background: s.backgroundColor, badge: getComputedStyle(li.querySelector('.badge')).backgroundColor };
      })`,
    );
    expect([...new Set(shown.map((a) => a.severity))].sort()).toEqual([...SEVERITIES].sort());
    for (const a of shown) expect(a.className).toBe(`alert sev-${a.severity}`);
    const style = Object.fromEntries(SEVERITIES.map((sev) => [sev, shown.find((a) => a.severity === sev)!])) as Record<Severity, (typeof shown)[number]>;
    // Four distinct colours, for the border and the label alike.
    expect(new Set(SEVERITIES.map((sev) => style[sev].color)).size).toBe(4);
    expect(new Set(SEVERITIES.map((sev) => style[sev].badge)).size).toBe(4);
    // Prominence follows src/core/alerts.ts's order: critical's border is the widest there is (with error's), wider than warning's, wider than info's.
    expect(style.critical.width).toBe(Math.max(...shown.map((a) => a.width)));
    expect(style.error.width).toBe(style.critical.width);
    expect(style.critical.width).toBeGreaterThan(style.warning.width);
    expect(style.warning.width).toBeGreaterThan(style.info.width);
    // error and critical on a tinted background, not the plain white of info.
    for (const sev of ['error', 'critical'] as const) expect(style[sev].background).not.toBe(style.info.background);
    // Listed most severe first.
    const rank = (sev: string) => SEVERITIES.indexOf(sev as Severity);
    expect(shown.map((a) => rank(a.severity))).toEqual([...shown.map((a) => rank(a.severity))].sort((a, b) => b - a));
    await screenshot(page.locator('#alerts'), 'alert-severities.png');
  });

  it('puts a config.json it cannot read beside the config box only, not also "model is missing" under the catalog model', async () => {
    await loadReportExample();
    await page.fill('#f-hf_config', '{"model_type": "llama", "num_attention_heads": 32,');
    expect(await page.textContent('#e-hf_config')).not.toBe('');
    expect(await page.getAttribute('#f-hf_config', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#e-model')).toBe('');
    expect(await page.getAttribute('#f-model', 'aria-invalid')).toBeNull();
    expect(await page.textContent('#e-other')).toBe('');
    // A config that parses but lacks what the import needs: the same.
    await page.fill('#f-hf_config', '{"model_type": "llama"}');
    expect(await page.textContent('#e-hf_config')).toContain('hf_config.num_hidden_layers');
    expect(await page.textContent('#e-model')).toBe('');
    // A number beyond a double in it: shown as the config wrote it, as the CLI shows it, not as Infinity.
    await page.fill('#f-hf_config', '{"model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 1e400, "hidden_size": 4096}');
    expect(await page.textContent('#e-hf_config')).toContain('hf_config.num_hidden_layers: got 1e400;');
  });

  it("charts one node's memory as weights, runtime, reserve, KV in use and free, with values written out and an axis", async () => {
    const body = { model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', storage: 'profile_default', concurrency: 2000, effective_context: 32768 };
    const r = sized(body);
    expect(r.weights_gib).not.toBeNull();
    await load(page, urlOf(body));
    const t = pageTexts('en');
    const figure = page.locator('#charts figure.bars');
    expect(await figure.locator('figcaption').textContent()).toBe(t.chartMemory);
    const table = await page.evaluate<{ head: string[]; rows: string[][] }>(
      `(() => { const f = document.querySelector('#charts figure.bars'); return {
        head: [...f.querySelectorAll('table.values tr:first-child th')].map((th) => th.textContent),
        rows: [...f.querySelectorAll('table.values tr')].slice(1).map((tr) => [...tr.children].map((c) => c.textContent)),
      }; })()`,
    );
    expect(table.head.slice(1)).toEqual(SCENARIO_KEYS.map((k) => messagesFor('en').scenario[k]));
    expect(table.rows.map((row) => row[0])).toEqual([t.weights, t.runtime, t.reserved, t.kvInUse, t.kvFree]);
    const short = (v: number) => fmt('en').num(v, v >= 100 ? 0 : 1);
    SCENARIO_KEYS.forEach((key, i) => {
      const u = nodeMemoryUse(r, key);
      expect(table.rows.map((row) => row[i + 1])).toEqual([u.weights_gib!, u.runtime_gib, u.reserved_gib, u.kv_in_use_gib, u.free_gib].map(short));
    });
    // The weights (15 GiB), not the 120 GiB overhead.
    expect(table.rows[0]![1]).toBe(short(r.weights_gib!));
    expect(table.rows[0]![1]).not.toBe('120');
    // Values on the bars themselves, an axis with ticks and its unit, the node's memory marked.
    expect(await figure.locator('svg text.value').count()).toBeGreaterThanOrEqual(6);
    const texts = await figure.locator('svg text').allTextContents();
    expect(texts).toContain('0');
    expect(texts).toContain('GiB');
    expect(texts.some((x) => x.startsWith(t.nodeMemory))).toBe(true);
    expect((await figure.locator('table.values').boundingBox())!.height).toBeGreaterThan(50);

    // Under vLLM: the engine's weights of both TP-4 replicas, its activations and non-torch memory as runtime.
    const vllm = { ...body, model: 'Meta-Llama-3.1-70B', memory_model: 'vllm', tensor_parallel: 4 };
    const rv = sized(vllm);
    await load(page, urlOf(vllm));
    const engine = rv.scenarios.recommended.engine!.per_node;
    const col = await page.evaluate<string[]>("[...document.querySelectorAll('#charts table.values tr')].slice(1).map((tr) => tr.children[2].textContent)");
    expect(col.slice(0, 2)).toEqual([short(engine.weights_gib), short(engine.activation_gib + engine.non_torch_gib)]);
    await screenshot(page.locator('#charts figure.bars'), 'memory-chart-vllm.png');
  });

  it('on a 390 × 844 phone, shows the three node counts in the first screen, and keeps them at the top while the form scrolls', async () => {
    // On a laptop the cards sit beside the form: no summary.
    await loadReportExample();
    expect(await page.locator('#summary').isVisible()).toBe(false);
    const phone = page;
    await load(phone, urlOf(REPORT_EXAMPLE), PHONE);
    const counts = () =>
      phone.evaluate<{ text: string; top: number; bottom: number }[]>(
        `['minimum', 'recommended', 'ideal'].map((k) => { const el = document.querySelector('[data-testid="summary-' + k + '"]'); const r = el.getBoundingClientRect(); return { text: el.textContent, top: r.top, bottom: r.bottom }; })`,
      );
    const first = await counts();
    expect(first.map((c) => c.text)).toEqual(['4', '5', '7']);
    for (const c of first) {
      expect(c.top).toBeGreaterThanOrEqual(0);
      expect(c.bottom).toBeLessThanOrEqual(844);
    }
    await screenshot(phone, 'phone-first-screen.png');
    // Scrolled down to the layout fields, the counts are still on screen, and follow the inputs.
    await phone.locator('#f-tensor_parallel').scrollIntoViewIfNeeded();
    await phone.fill('#f-concurrency', '2500');
    await phone.locator('#f-peak_headroom_ratio').scrollIntoViewIfNeeded();
    const scrolled = await counts();
    expect(await phone.evaluate<number>('window.scrollY')).toBeGreaterThan(300);
    expect(scrolled.map((c) => c.text)).toEqual(expectedNodes({ ...REPORT_EXAMPLE, concurrency: 2500 }));
    for (const c of scrolled) {
      expect(c.top).toBeGreaterThanOrEqual(0);
      expect(c.bottom).toBeLessThanOrEqual(120);
    }
    await screenshot(phone, 'phone-scrolled.png');
  });

  it('disables the fields the selected memory model does not read, saying why, and leaves them out of the sizing and the URL', async () => {
    await loadReportExample();
    await page.fill('#f-kv_budget_ratio', '0.5');
    await page.click('.engine-settings summary');
    const state = () =>
      page.evaluate<Record<string, { disabled: boolean; reason: string; visible: boolean }>>(
        `Object.fromEntries([...document.querySelectorAll('#form [id^="f-"]')].filter((el) => document.getElementById('o-' + el.id.slice(2))).map((el) => { const o = document.getElementById('o-' + el.id.slice(2)); return [el.id.slice(2), { disabled: el.disabled, reason: o.textContent, visible: !o.hidden && o.getBoundingClientRect().height > 0 }]; }))`,
      );
    for (const [model, locale] of [['seed', 'en'], ['vllm', 'en'], ['sglang', 'pt-BR'], ['trtllm', 'en']] as const) {
      await page.selectOption('#lang', locale);
      await page.selectOption('#f-memory_model', model === 'seed' ? '' : model);
      const fields = await state();
      for (const field of [...SETTING_FIELDS, 'kv_budget_ratio', 'runtime_overhead_gib', 'concurrency', 'peak_headroom_ratio']) {
        const models = fieldAppliesTo(field);
        const ignored = !models.includes(model);
        expect(fields[field]?.disabled, `${field} under ${model}`).toBe(ignored);
        expect(fields[field]?.visible, `${field} under ${model}`).toBe(ignored);
        expect(fields[field]?.reason, `${field} under ${model}`).toBe(ignored ? fill(pageTexts(locale).ignoredBy, { model, models: models.join(', ') }) : '');
      }
      if (model !== 'seed') {
        expect(fields.kv_budget_ratio!.disabled).toBe(true);
        expect(fields.runtime_overhead_gib!.disabled).toBe(true);
      }
    }
    // vLLM: the 0.5 typed before is kept in its (disabled) field but neither sized nor refused, nor in the URL.
    await page.selectOption('#lang', 'en');
    await page.selectOption('#f-memory_model', 'vllm');
    expect(await page.inputValue('#f-kv_budget_ratio')).toBe('0.5');
    expect(await page.getAttribute('#f-kv_budget_ratio', 'aria-describedby')).toBe('o-kv_budget_ratio');
    expect(await page.textContent('#e-kv_budget_ratio')).toBe('');
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...REPORT_EXAMPLE, memory_model: 'vllm' }));
    expect(await href(page)).not.toContain('kv_budget_ratio');
    // Back to the seed accounting, the value counts again.
    await page.selectOption('#f-memory_model', 'seed');
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...REPORT_EXAMPLE, memory_model: 'seed', kv_budget_ratio: 0.5 }));
    await screenshot(page.locator('#form'), 'disabled-fields.png');
  });

  it('names form fields in alerts by their labels, in either language, never a CLI flag', async () => {
    for (const locale of ['en', 'pt-BR'] as const) {
      await load(page, urlOf(EVERY_SEVERITY, locale));
      const texts = await page.locator('#alerts li.alert').allTextContents();
      expect(texts.length).toBeGreaterThanOrEqual(4);
      for (const text of texts) {
        expect(text).not.toMatch(/--[a-z]/);
        for (const field of ['runtime_overhead_gib', 'kv_budget_ratio', 'effective_context', 'kv_precision', 'peak_headroom_ratio']) expect(text).not.toContain(field);
      }
      const label = async (field: string) => (await page.textContent(`label[for="f-${field}"]`))!.trim();
      const all = texts.join('\n');
      expect(all).toContain(`\u201c${await label('runtime_overhead_gib')}\u201d`);
      expect(all).toContain(`\u201c${await label('kv_precision')}\u201d = fp16`);
      expect(all).toContain(`\u201c${await label('peak_headroom_ratio')}\u201d = ${fmt(locale).num(0.6)}`);
    }
  });
});
