/**
 * The page opened again in the same document (Back or Forward to another address, and test/helpers/web-page.ts
 * `load`, which starts most browser tests so) is the page a new load of that address gives: after a
 * test's worth of changes (fields typed, a config typed, the language switched, rationale and engine
 * settings opened, compare lists ticked, sorted and recommended, the recovery chart's scenario chosen,
 * focus, selection, scrolling, a global, a CSP violation), every element, control value, focus, scroll
 * offset, global and redraw count is as a new document of that address shows it. And Back restores the
 * sizing of the earlier address, while the summary's anchor only scrolls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import type { StartedServer } from '../helpers/serve.ts';
import { cardNodes, expectedNodes, href, LAPTOP, load, PHONE, pageUrl, paste, useServedPage } from '../helpers/web-page.ts';

let server: StartedServer;
let page: Page;
useServedPage((s) => ({ server, page } = s));

const REPORT_EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
const RECOVERY = { model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', storage: 'profile_network_ssd', concurrency: 1000, effective_context: 8192, target_load_time_s: 60 };
const COMPARE = { ...RECOVERY, compare_server: 'dgx-h100,dgx-h200,dgx-b200', compare_tensor_parallel: '4,8,16', recommend: 1 };
const CONFIG = readFileSync(join(ROOT, 'test/fixtures/hf-configs/Qwen__Qwen3-8B.json'), 'utf8');
/** The report example with a pasted config (as the page writes it), the language left to its default (the changes switch it). */
const REPORT_NO_LANG = () => `${server.url}?${new URLSearchParams(Object.entries(REPORT_EXAMPLE).map(([k, v]): [string, string] => [k, String(v)]))}#config=${encodeURIComponent(CONFIG.trim())}`;

/**
 * Everything of the page's state a test can read: the document's markup (every attribute: open details,
 * aria-pressed, disabled, the compare view's run count), each control's value, checkedness, selection
 * and disabled state, the focused element, the selection, every scroll offset, the address, the
 * globals, the CSP violations, the redraw and compare counts, storage.
 */
const STATE = `(() => {
  const controls = [...document.querySelectorAll('input, select, textarea, button')].map((e) => [e.id || e.name || e.textContent, e.value, e.checked, e.selectedIndex, e.disabled]);
  const scrolled = [...document.querySelectorAll('*')].filter((e) => e.scrollTop !== 0 || e.scrollLeft !== 0).map((e) => [e.id || e.className, e.scrollTop, e.scrollLeft]);
  const a = document.activeElement;
  const s = window.llmSizing;
  return {
    html: document.documentElement.outerHTML,
    controls,
    active: a ? a.tagName + '#' + a.id : null,
    selection: [getSelection().type, String(getSelection())],
    scroll: [scrollX, scrollY, document.documentElement.scrollHeight, document.documentElement.scrollWidth],
    scrolled,
    href: location.href,
    title: document.title,
    globals: Object.keys(window).sort(),
    csp: window.cspViolations,
    redraws: s.stats.count,
    compare: [s.compare.count, s.compare.options],
    storage: [localStorage.length, sessionStorage.length],
    historyState: history.state,
  };
})()`;
const state = (p: Page) => p.evaluate<Record<string, unknown>>(STATE);

/**
 * A test's worth of changes to the page, of every kind the tests make: a field typed, a choice, a
 * config, the memory model, the rationale and the engine settings opened, the recovery chart's
 * scenario, compare lists ticked, sorted and recommended, the language, a global, a CSP violation,
 * focus, a selection and scrolling.
 */
async function changeEverything(p: Page): Promise<void> {
  await p.fill('#f-artifact_gib', '300');
  await p.fill('#f-target_load_time_s', '60');
  await p.selectOption('#recovery-scenario', 'ideal');
  await p.fill('#f-concurrency', '2500');
  await p.click('#why details[data-key="recommended"] summary');
  await p.waitForSelector('#why details[data-key="recommended"] dl dt');
  await p.selectOption('#f-memory_model', 'vllm');
  await p.click('.engine-settings summary');
  await p.check('input[name="compare_server"][value="dgx-h100"]');
  await p.selectOption('#compare-sort', 'nodes');
  await p.click('#compare-recommend');
  await p.selectOption('#lang', 'pt-BR');
  // A config the import refuses: its message beside the box, the cards asking to fix the inputs.
  await p.fill('#f-hf_config', '{"model_type": "llama"}');
  await p.evaluate(
    "window.marker = 42; const q = document.createElement('p'); q.innerHTML = '<span style=\"color: red\">x</span>'; document.body.append(q); window.scrollTo(0, document.documentElement.scrollHeight)",
  );
  await p.waitForFunction('window.cspViolations.length > 0', undefined, { timeout: 5000, polling: 20 });
  // Typed into and still focused: leaving it fires its change event, as the page is opened again.
  await p.focus('#f-effective_context');
  await p.keyboard.press('ControlOrMeta+A');
  await p.keyboard.type('65536');
}

describe('the page opened again in its document', () => {
  it.each([
    { what: 'the report example with a pasted config in its #hash and no language named, opened again at its own address', url: REPORT_NO_LANG, from: REPORT_NO_LANG, viewport: LAPTOP },
    { what: 'a compare link in pt-BR with Recommend pressed and the storage block, on a phone', url: () => pageUrl(server.url, COMPARE, 'pt-BR'), from: () => pageUrl(server.url, REPORT_EXAMPLE), viewport: PHONE },
  ])('$what: as a new load of the address shows it', async ({ url, from, viewport }) => {
    await load(page, url(), viewport, { fresh: true });
    const fresh = await state(page);
    await load(page, from(), LAPTOP);
    await changeEverything(page);
    expect(await state(page)).not.toEqual(fresh);
    // Opened again in the same document (no response: no navigation), then compared with the new load.
    expect(await load(page, url(), viewport)).toBeNull();
    expect(await state(page)).toEqual(fresh);
  });

  it('loads a new document when a global a test made cannot be deleted', async () => {
    await load(page, pageUrl(server.url, REPORT_EXAMPLE));
    await page.evaluate("Object.defineProperty(window, 'kept', { value: 1, enumerable: true })"); // not configurable: not deletable
    expect(await load(page, pageUrl(server.url, REPORT_EXAMPLE))).not.toBeNull();
    expect(await page.evaluate('typeof kept')).toBe('undefined');
  });

  it('Back shows the sizing of the earlier address; the summary\'s anchor only scrolls', async () => {
    await load(page, pageUrl(server.url, REPORT_EXAMPLE), PHONE);
    await paste(page, '#f-hf_config', CONFIG);
    const withConfig = await cardNodes(page);
    // The summary's link to the results: a jump within the page, the pasted config kept.
    await page.click('#summary a[href="#out"]');
    expect(await page.inputValue('#f-hf_config')).toBe(CONFIG);
    expect(await cardNodes(page)).toEqual(withConfig);
    // Another sizing on the entry the anchor made, then Back: the earlier address's sizing.
    await page.fill('#f-hf_config', '');
    await page.fill('#f-concurrency', '2500');
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...REPORT_EXAMPLE, concurrency: 2500 }));
    const later = await href(page);
    await page.goBack();
    expect(await href(page)).not.toBe(later);
    expect(await page.inputValue('#f-concurrency')).toBe('1000');
    expect(await page.inputValue('#f-hf_config')).toBe(CONFIG.trim());
    expect(await cardNodes(page)).toEqual(withConfig);
    // Forward: the later one again.
    await page.goForward();
    expect(await page.inputValue('#f-concurrency')).toBe('2500');
    expect(await page.inputValue('#f-hf_config')).toBe('');
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...REPORT_EXAMPLE, concurrency: 2500 }));
  });
});
