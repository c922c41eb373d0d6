/**
 * Issue 10 on the BUILT page (dist/web, served by `llm-sizing serve --port 0`) in real Chromium: the
 * traffic and latency-target fields, the binding limit and latency figures on the cards, the
 * latency-vs-load charts (TPOT and TTFT p99 against sessions per replica, with the targets and the
 * memory limit), an unreachable target's reason beside its field, and pt-BR without English.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/app/plan.ts';
import { withoutWorkload } from '../../src/core/plan.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import type { SizingResult } from '../../src/core/sizing.ts';
import { performanceOf, prepareDeployment } from '../../src/engines/perf/index.ts';
import { fmt, type Locale } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { validateRequest } from '../../src/schema/request.ts';
import { sizeBody } from '../../src/server/sizing.ts';
import { fill, pageTexts } from '../../web/src/i18n.ts';
import { screenshot } from '../helpers/browser.ts';
import type { StartedServer } from '../helpers/serve.ts';
import { cardNodes, catalog, expectedNodes, href, load, PHONE, pageUrl, sized, textsOf, useServedPage } from '../helpers/web-page.ts';

/** A deployment the catalog has performance figures for (H200 data sheet, the hopper-vllm calibration). */
const DEPLOYMENT = { model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', storage: 'profile_default', effective_context: 8192 };
const WITH_TPOT = { ...DEPLOYMENT, concurrency: 1000, tpot_p99_ms: 40 };

const urlOf = (body: Record<string, unknown>, lang: Locale = 'en') => pageUrl(server.url, body, lang);
/** A latency as the page (and the report) writes it. */
const ms = (x: number, locale: Locale = 'en') => `${fmt(locale).num(x, x < 10 ? 2 : x < 100 ? 1 : 0)} ms`;

/** The model's curve as the sizing hands the deployment to it: the request planned without its workload fields. */
function modelAt(body: Record<string, unknown>, r: SizingResult, sessions: number) {
  const planned = plan(body, catalog);
  if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
  const w = r.workload!;
  const tokens = { input_tokens: w.input_tokens, output_tokens: w.output_tokens };
  return performanceOf(prepareDeployment(withoutWorkload(planned.value), tokens), { ...tokens, concurrency: sessions }, 1);
}

let server: StartedServer;
let page: Page;

// The page records every Content-Security-Policy violation (the charts' colours must be SVG attributes, not inline styles).
useServedPage((s) => ({ server, page } = s));

describe('issue 10 on the page: traffic, latency targets and latency against load', () => {
  it('without any traffic field sizes memory only, as before, and says how to get the latency charts', async () => {
    await load(page, urlOf({ ...DEPLOYMENT, concurrency: 1000 }));
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...DEPLOYMENT, concurrency: 1000 }));
    expect(await page.locator('#cards [data-testid="bound"]').count()).toBe(0);
    expect(await page.locator('#charts figure.latency').count()).toBe(0);
    expect(await page.textContent('[data-testid="latency-note"]')).toBe(pageTexts('en').latencyNeedsWorkload);
  });

  it('a TPOT target sizes the cards (the binding limit, TTFT / TPOT p99 and tokens/s with their 80 % intervals) as the library does', async () => {
    const r = sized(WITH_TPOT);
    expect(r.scenarios.recommended.performance?.limit).toBe('slo');
    expect(expectedNodes(WITH_TPOT)).not.toEqual(expectedNodes({ ...DEPLOYMENT, concurrency: 1000 }));
    await load(page, urlOf({ ...DEPLOYMENT, concurrency: 1000 }));
    await page.fill('#f-tpot_p99_ms', '40');
    expect(await cardNodes(page)).toEqual(expectedNodes(WITH_TPOT));
    const m = messagesFor('en');
    const f = fmt('en');
    // Every card's figures read at once: the bound (its data-bound and text), TPOT, TTFT, tokens/s, the TPOT interval, the nodes' range.
    const figures = ['bound', 'tpot', 'ttft', 'tokens', 'tpot-interval', 'range'];
    const shown = await textsOf(page, SCENARIO_KEYS.flatMap((key) => figures.map((id) => `[data-scenario="${key}"] [data-testid="${id}"]`)));
    const bounds = await page.evaluate<(string | null)[]>(`${JSON.stringify(SCENARIO_KEYS)}.map((k) => document.querySelector('[data-scenario="' + k + '"] [data-testid="bound"]')?.getAttribute('data-bound') ?? null)`);
    for (const [i, key] of SCENARIO_KEYS.entries()) {
      const p = r.scenarios[key].performance!.performance!;
      const [bound, tpot, ttft, tokens, interval, shownRange] = shown.slice(i * figures.length, (i + 1) * figures.length);
      expect(bounds[i]).toBe(p.bound);
      expect(bound).toBe(`${m.perf.label.bound}: ${m.perf.bound[p.bound]}`);
      expect(tpot).toBe(ms(p.tpot_ms.p99));
      expect(ttft).toBe(ms(p.ttft_ms.p99));
      expect(tokens).toBe(f.num(p.output_tokens_per_s, 0));
      const iv = p.interval.tpot_ms.p99;
      expect(interval).toBe(fill(pageTexts('en').interval80, { low: f.num(iv.low, iv.low < 10 ? 2 : iv.low < 100 ? 1 : 0), high: ms(iv.high) }));
      const range = r.scenarios[key].performance!.nodes_final_range!;
      expect(shownRange).toBe(fill(pageTexts('en').nodesRange, { low: f.int(range.low), high: range.high === null ? '?' : f.int(range.high) }));
    }
    expect(await href(page)).toContain('tpot_p99_ms=40');
    await screenshot(page.locator('#cards'), 'latency-targets-laptop.png');
  });

  it('draws TPOT and TTFT p99 against sessions per replica from the performance model, with the targets and the memory limit', async () => {
    await load(page, urlOf(WITH_TPOT));
    const r = sized(WITH_TPOT);
    const t = pageTexts('en');
    const memory = r.scenarios.recommended.performance!.memory_sessions_per_replica;
    const tpot = page.locator('#charts figure.latency[data-metric="tpot"]');
    const ttft = page.locator('#charts figure.latency[data-metric="ttft"]');
    expect(await tpot.locator('figcaption').textContent()).toBe(t.chartTpot);
    expect(await ttft.locator('figcaption').textContent()).toBe(t.chartTtft);
    // The curve's ends are the model's (1 session, and the memory limit), the memory limit is marked.
    const first = modelAt(WITH_TPOT, r, 1);
    const last = modelAt(WITH_TPOT, r, memory);
    const label = (await tpot.locator('svg[role="img"]').getAttribute('aria-label'))!;
    expect(label).toContain(`${t.tpotP99} from ${ms(first.tpot_ms.p99)} at 1 session to ${ms(last.tpot_ms.p99)} at ${fmt('en').int(memory)} sessions per replica`);
    expect(label).toContain(`target ${ms(40)}`);
    for (const chart of [tpot, ttft]) {
      expect(await chart.locator('line.limit').getAttribute('data-x')).toBe(String(memory));
      expect(await chart.locator('path.curve').count()).toBe(1);
      expect(await chart.locator('path.band').count()).toBe(1);
      const texts = await chart.locator('svg text').allTextContents();
      expect(texts).toContain(t.axisSessions);
      expect(texts).toContain(`${t.memoryLimit} ${fmt('en').int(memory)}`);
      expect(texts.some((x) => x === `${t.tpotP99}, ms` || x === `${t.ttftP99}, ms` || x === `${t.ttftP99}, s`)).toBe(true);
    }
    // The target's line in the TPOT chart only; a TTFT target adds the other.
    expect(await tpot.locator('line.target').getAttribute('data-value')).toBe('40');
    expect(await ttft.locator('line.target').count()).toBe(0);
    await page.fill('#f-ttft_p99_ms', '2000');
    expect(await ttft.locator('line.target').count()).toBe(1);
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...WITH_TPOT, ttft_p99_ms: 2000 }));
    await screenshot(page.locator('#charts'), 'latency-charts.png');
    // The recommended scenario's design load marked, the band tinted, the legend coloured, under the page's CSP.
    const design = sized({ ...WITH_TPOT, ttft_p99_ms: 2000 }).scenarios.recommended.performance!.performance!.sessions_per_replica;
    expect(Number(await tpot.locator('line.mark').getAttribute('data-x'))).toBeCloseTo(design, 9);
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#charts figure.latency[data-metric="tpot"] path.band')).fillOpacity`)).toBe('0.15');
    expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);

    // Other tokens per request: another curve and other cards.
    const before = await tpot.locator('path.curve').getAttribute('d');
    await page.fill('#f-input_tokens', '2000');
    await page.fill('#f-output_tokens', '256');
    expect(await tpot.locator('path.curve').getAttribute('d')).not.toBe(before);
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...WITH_TPOT, ttft_p99_ms: 2000, input_tokens: 2000, output_tokens: 256 }));
    const r2 = sized({ ...WITH_TPOT, ttft_p99_ms: 2000, input_tokens: 2000, output_tokens: 256 });
    const label2 = (await tpot.locator('svg[role="img"]').getAttribute('aria-label'))!;
    expect(label2).toContain(`from ${ms(modelAt(WITH_TPOT, r2, 1).tpot_ms.p99)} at 1 session`);
  });

  it('takes a request rate instead of the concurrency: the concurrency is set aside, the nodes chart sweeps the rate, the URL reproduces it', async () => {
    const body = { ...DEPLOYMENT, request_rate: 5, ttft_p99_ms: 3000 };
    await load(page, urlOf({ ...DEPLOYMENT, concurrency: 1000 }));
    await page.fill('#f-request_rate', '5');
    await page.fill('#f-ttft_p99_ms', '3000');
    expect(await page.isDisabled('#f-concurrency')).toBe(true);
    expect(await page.textContent('#o-concurrency')).toBe(pageTexts('en').rateReplacesConcurrency);
    expect(await page.inputValue('#f-concurrency')).toBe('1000');
    expect(await cardNodes(page)).toEqual(expectedNodes(body));
    const url = await href(page);
    expect(url).toContain('request_rate=5');
    expect(url).not.toContain('concurrency=');
    expect(await page.locator('#charts figure figcaption').first().textContent()).toBe(pageTexts('en').chartRate);
    // Cleared, the concurrency gives the load again.
    await page.fill('#f-request_rate', '');
    expect(await page.isDisabled('#f-concurrency')).toBe(false);
    expect(await cardNodes(page)).toEqual(expectedNodes({ ...DEPLOYMENT, concurrency: 1000, ttft_p99_ms: 3000 }));
    // The address reproduces the rate in a new document (the page keeps no state but its address).
    await page.goto('about:blank');
    await page.goto(url);
    expect(await cardNodes(page)).toEqual(expectedNodes(body));
    expect(await page.inputValue('#f-request_rate')).toBe('5');
  });

  it("validates the new fields like the others: the CLI's message under the field", async () => {
    await load(page, urlOf({ ...DEPLOYMENT, concurrency: 1000 }));
    const m = messagesFor('en');
    for (const [field, value] of [['request_rate', '-1'], ['tpot_p99_ms', '0'], ['input_tokens', '1.5'], ['ttft_p99_ms', 'soon']] as const) {
      await page.fill(`#f-${field}`, value);
      const n = Number(value);
      const problem = validateRequest({ ...DEPLOYMENT, ...(field === 'request_rate' ? {} : { concurrency: 1000 }), [field]: Number.isFinite(n) ? n : value });
      if (problem.ok) throw new Error(`expected a problem for ${field}`);
      expect(await page.textContent(`#e-${field}`)).toBe(m.problem(problem.problems[0]!, `--${field.replace(/_/g, '-')}`, fmt('en')));
      expect(await page.getAttribute(`#f-${field}`, 'aria-invalid')).toBe('true');
      await page.fill(`#f-${field}`, '');
      expect(await page.textContent(`#e-${field}`)).toBe('');
    }
    // A deployment without the catalog figures the model needs: said under the target typed.
    await load(page, urlOf({ model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072 }));
    await page.fill('#f-tpot_p99_ms', '50');
    const refused = sizeBody({ model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, tpot_p99_ms: 50 }, catalog);
    if (refused.ok) throw new Error('expected the missing figures');
    expect(await page.textContent('#e-tpot_p99_ms')).toBe(m.problem(refused.problems[0]!, '--tpot-p99-ms', fmt('en')));
  });

  it("shows an unreachable target's reason beside that target's field, and the scenarios infeasible", async () => {
    for (const [field, other] of [['tpot_p99_ms', 'ttft_p99_ms'], ['ttft_p99_ms', 'tpot_p99_ms']] as const) {
      const body = { ...DEPLOYMENT, concurrency: 1000, [field]: 1 };
      const r = sized(body);
      const alert = r.alerts.find((a) => a.code === 'slo_unreachable');
      expect(alert?.code === 'slo_unreachable' && `${alert.params.metric}_p99_ms`).toBe(field);
      await load(page, urlOf({ ...DEPLOYMENT, concurrency: 1000 }));
      await page.fill(`#f-${field}`, '1');
      // The alert's own message (it names no field), as the alerts list also shows it.
      expect(await page.textContent(`#e-${field}`)).toBe(messagesFor('en').alert(alert!, fmt('en')));
      expect(await page.textContent(`#e-${field}`)).toContain(field === 'tpot_p99_ms' ? 'TPOT target of 1 ms' : 'TTFT target of 1 ms');
      expect(await page.getAttribute(`#f-${field}`, 'aria-invalid')).toBe('true');
      expect(await page.textContent(`#e-${other}`)).toBe('');
      expect(await page.getAttribute(`#f-${other}`, 'aria-invalid')).toBeNull();
      expect(await cardNodes(page)).toEqual(SCENARIO_KEYS.map(() => messagesFor('en').labels.infeasible));
      // The chart shows why: the whole curve above the target.
      expect(await page.locator(`#charts figure.latency[data-metric="${field.slice(0, 4)}"] line.target`).count()).toBe(1);
    }
    // A reachable target clears it.
    await page.fill('#f-ttft_p99_ms', '5000');
    expect(await page.textContent('#e-ttft_p99_ms')).toBe('');
    expect(await page.getAttribute('#f-ttft_p99_ms', 'aria-invalid')).toBeNull();
  });

  it('speaks Brazilian Portuguese throughout the new parts, with no English left', async () => {
    const body = { ...DEPLOYMENT, request_rate: 5, input_tokens: 2000, output_tokens: 500, tpot_p99_ms: 1 };
    await load(page, urlOf(body, 'pt-BR'));
    const en = pageTexts('en');
    const pt = pageTexts('pt-BR');
    const perfEn = messagesFor('en').perf;
    const perfPt = messagesFor('pt-BR').perf;
    expect(await page.textContent('#traffic-fields legend')).toBe(pt.traffic);
    expect(await page.textContent('label[for="f-tpot_p99_ms"]')).toBe(pt.tpotTarget);
    // The parts issue 10 added: the traffic fields, the cards' figures, the charts, and the reasons beside the fields.
    const shown = async () =>
      page.evaluate<string>(
        `[...document.querySelectorAll('#traffic-fields, #o-concurrency, #cards, #charts, #e-tpot_p99_ms')].map((el) => el.innerText + ' ' + [...el.querySelectorAll('input')].map((i) => i.placeholder).join(' ') + ' ' + [...el.querySelectorAll('svg')].map((s) => s.getAttribute('aria-label') + ' ' + s.textContent).join(' ')).join('\\n')`,
      );
    const check = (text: string) => {
      const english = [
        ...Object.entries(en).filter(([k, v]) => v !== pt[k as keyof typeof pt] && v.length > 3).map(([, v]) => v.replace(/\{\w+\}.*$/s, '').trim()).filter((v) => v.length > 3),
        perfEn.label.bound,
        ...Object.values(perfEn.bound).filter((v) => !Object.values(perfPt.bound).includes(v)),
        perfEn.infeasible,
      ];
      for (const phrase of english) expect(text, phrase).not.toContain(phrase);
      expect(text).not.toMatch(/\b(sessions?|targets?|memory|limit|requests?|interval|replicas?|load|per|nodes?|not used|the|from|at)\b/i);
    };
    check(await shown());
    expect(await page.textContent('#e-tpot_p99_ms')).toContain('TPOT');
    // With a reachable target: the cards' figures and the charts' target line.
    await page.fill('#f-tpot_p99_ms', '60');
    expect(await page.locator('#cards [data-testid="bound"]').count()).toBe(3);
    expect(await page.locator('#charts line.target').count()).toBe(1);
    check(await shown());
    await screenshot(page, 'latency-pt-BR.png', { fullPage: true });
  });

  it('fits a phone screen with the latency charts', async () => {
    await load(page, urlOf({ ...WITH_TPOT, ttft_p99_ms: 2000 }), PHONE);
    expect(await page.locator('#charts figure.latency').count()).toBe(2);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await screenshot(page, 'latency-phone.png', { fullPage: true });
  });
});
