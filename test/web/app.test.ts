/**
 * The BUILT web app (dist/web, served by `llm-sizing serve --port 0`) in Debian's Chromium: the cards
 * show the core's numbers, update as inputs change, size a pasted config.json, round-trip through the
 * URL, switch language and put the CLI's field message next to an invalid field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import type { SizingResult } from '../../src/core/sizing.ts';
import { fmt } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { validateRequest } from '../../src/schema/request.ts';
import { ENGINE_SETTINGS, SETTING_FIELDS, type SettingRow } from '../../src/engines/settings.ts';
import { sizeBody } from '../../src/server/sizing.ts';
import { pageTexts } from '../../web/src/i18n.ts';
import { launchChromium, SCREENSHOT_DIR } from '../helpers/browser.ts';
import { ROOT } from '../helpers/cli.ts';
import { type StartedServer, startServer } from '../helpers/serve.ts';

const REPORT_EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
const catalog = new CatalogIndex(BUILTIN_CATALOG);

function expectedNodes(body: Record<string, unknown>): string[] {
  const r = sizeBody(body, catalog);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const result: SizingResult = r.value;
  return SCENARIO_KEYS.map((k) => fmt('en').int(result.scenarios[k].results.nodes_final ?? Number.NaN));
}

/** The address as the page sees it (page.url() can lag behind history.replaceState). */
const href = (p: Page) => p.evaluate<string>('location.href');
const cardNodes = (page: Page) => Promise.all(SCENARIO_KEYS.map((k) => page.textContent(`[data-testid="nodes-${k}"]`)));

let server: StartedServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer(['serve', '--port', '0']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  // Every Content-Security-Policy violation of the page, for the last test.
  await page.addInitScript(
    "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));",
  );
}, 30_000);

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
});

async function fillReportExample(): Promise<void> {
  await page.goto(server.url);
  await page.selectOption('#f-model', REPORT_EXAMPLE.model);
  await page.selectOption('#f-server', REPORT_EXAMPLE.server);
  await page.selectOption('#f-storage', REPORT_EXAMPLE.storage);
  await page.fill('#f-concurrency', String(REPORT_EXAMPLE.concurrency));
  await page.fill('#f-effective_context', String(REPORT_EXAMPLE.effective_context));
  await page.selectOption('#f-kv_precision', REPORT_EXAMPLE.kv_precision);
}

describe('the web app in Chromium', () => {
  it("shows the report example's 4 / 5 / 7 nodes on the cards", async () => {
    await fillReportExample();
    expect(await cardNodes(page)).toEqual(['4', '5', '7']);
    expect(await page.locator('#charts svg[role="img"]').count()).toBe(3);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-example-laptop.png'), fullPage: true });
  });

  it('shows the rationale of each number on demand, and keeps it open across redraws', async () => {
    await fillReportExample();
    const details = '[data-scenario="recommended"] details';
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
    await fillReportExample();
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#x-json')]);
    const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(doc.scenarios.recommended.results.nodes_final).toBe(5);
    const [markdown] = await Promise.all([page.waitForEvent('download'), page.click('#x-markdown')]);
    expect(readFileSync(await markdown.path(), 'utf8')).toContain(messagesFor('en').labels.markdownTitle);
    const [executive] = await Promise.all([page.waitForEvent('download'), page.click('#x-executive')]);
    expect(readFileSync(await executive.path(), 'utf8')).toContain(messagesFor('en').labels.execSubtitle);
  });

  it('updates the cards without a reload when the precision changes to fp8', async () => {
    await fillReportExample();
    await page.evaluate('window.marker = 42'); // gone if the page reloads
    await page.selectOption('#f-kv_precision', 'fp8');
    const expected = expectedNodes({ ...REPORT_EXAMPLE, kv_precision: 'fp8' });
    expect(expected).not.toEqual(['4', '5', '7']);
    expect(await cardNodes(page)).toEqual(expected);
    expect(await page.evaluate('window.marker')).toBe(42);
  });

  it('takes the layout and engine settings (vLLM at TP 4, gpu_memory_utilization 0.8) and keeps them in the URL', async () => {
    await fillReportExample();
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
    await fillReportExample();
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
      for (const field of SETTING_FIELDS) expect(await page.textContent(`label[for="f-${field}"]`)).toBe(messagesFor(locale).settings[field].label);
    }
  });

  it('sizes a pasted real config.json', async () => {
    await fillReportExample();
    const text = readFileSync(join(ROOT, 'test/fixtures/hf-configs/meta-llama__Meta-Llama-3.1-70B.json'), 'utf8');
    await page.fill('#f-hf_config', text);
    const { model: _model, ...rest } = REPORT_EXAMPLE;
    const expected = expectedNodes({ ...rest, hf_config: JSON.parse(text) });
    expect(await cardNodes(page)).toEqual(expected);
    expect(await page.getAttribute('#f-hf_config', 'aria-invalid')).toBeNull();

    await page.fill('#f-hf_config', '{"model_type": "llama"}');
    expect(await page.textContent('#e-hf_config')).toContain('hf_config.num_hidden_layers');
    expect(await page.getAttribute('#f-hf_config', 'aria-invalid')).toBe('true');
  });

  it('reproduces a sizing from its URL in a new page, pasted config included', async () => {
    await fillReportExample();
    await page.fill('#f-concurrency', '2500');
    await page.fill('#f-peak_headroom_ratio', '0.35');
    const url = await href(page);
    const before = await cardNodes(page);
    expect(before).toEqual(expectedNodes({ ...REPORT_EXAMPLE, concurrency: 2500, peak_headroom_ratio: 0.35 }));
    const fresh = await browser.newPage();
    await fresh.goto(url);
    expect(await cardNodes(fresh)).toEqual(before);
    expect(await fresh.inputValue('#f-concurrency')).toBe('2500');
    expect(await fresh.inputValue('#f-kv_precision')).toBe('fp16');

    const config = readFileSync(join(ROOT, 'test/fixtures/hf-configs/Qwen__Qwen3-8B.json'), 'utf8');
    await page.fill('#f-hf_config', config);
    const withConfig = await cardNodes(page);
    await fresh.goto('about:blank');
    await fresh.goto(await href(page));
    expect(await cardNodes(fresh)).toEqual(withConfig);
    await fresh.close();
  });

  it('switches every text between English and Brazilian Portuguese', async () => {
    await fillReportExample();
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
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'pt-BR-laptop.png'), fullPage: true });
    await page.selectOption('#lang', 'en');
    expect(await page.textContent('h1')).toBe(en.title);
  });

  it("shows the CLI's message next to an invalid field (concurrency -5)", async () => {
    await fillReportExample();
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
    await page.goto(server.url);
    const unlabelled = await page.evaluate<string[]>(
      "[...document.querySelectorAll('input, select, textarea, button')].filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !(el.textContent ?? '').trim()).map((el) => el.id || el.outerHTML.slice(0, 60))",
    );
    expect(unlabelled).toEqual([]);
  });

  it('can be used by keyboard alone: Tab moves through the inputs in reading order, typing redraws', async () => {
    await fillReportExample();
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

  it('fits a phone screen (screenshot)', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(await href(page));
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SCREENSHOT_DIR, 'report-example-phone.png'), fullPage: true });
    await phone.close();
  });

  it('works under its strict Content-Security-Policy: charts, exports and URL state without one violation', async () => {
    const res = await page.goto(server.url);
    expect(res?.headers()['content-security-policy']).toContain("style-src 'self'");
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await fillReportExample();
    expect(await cardNodes(page)).toEqual(['4', '5', '7']);
    expect(await page.locator('#charts svg[role="img"]').count()).toBe(3);
    // The legends' colours come through (SVG attributes, not the inline styles the policy blocks).
    const swatches = await page.evaluate<string[]>("[...document.querySelectorAll('.legend svg rect')].map((r) => getComputedStyle(r).fill)");
    expect(swatches.length).toBeGreaterThan(0);
    expect(swatches.every((f) => /^rgb\(/.test(f) && f !== 'rgb(0, 0, 0)')).toBe(true);
    await page.click('[data-scenario="ideal"] details summary');
    await page.waitForSelector('[data-scenario="ideal"] details dl dt');
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
