/**
 * Issue 12 on the BUILT page (dist/web, served by `llm-sizing serve --port 0`) in real Chromium: the
 * storage fields, the "Storage and recovery" block (the report's own rows) and the recovery timeline
 * chart (sessions held over time after losing 1 and 2 nodes, against the peak demand), each checked
 * against the library's result for the same request; the CLI's message under an invalid field; the
 * URL; pt-BR without English; a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ScenarioKey } from '../../src/core/scenarios.ts';
import type { SizingResult } from '../../src/core/sizing.ts';
import { renderContext } from '../../src/report/context.ts';
import { fmt, type Locale } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { STORAGE_EN } from '../../src/report/i18n/storage-en.ts';
import { storageSection } from '../../src/report/storage-section.ts';
import { validateRequest } from '../../src/schema/request.ts';
import { sizeBody } from '../../src/server/sizing.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { pageTexts } from '../../web/src/i18n.ts';
import { RECOVERY_EN, RECOVERY_PT_BR } from '../../web/src/recovery-i18n.ts';
import { screenshot } from '../helpers/browser.ts';
import { load, PHONE, useServedPage } from '../helpers/web-page.ts';
import type { StartedServer } from '../helpers/serve.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
/** 6 nodes recommended; shared storage (network SSD): 2 nodes come back in two waves, the demand above what 2 nodes down hold. */
const BASE = { model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', storage: 'profile_network_ssd', concurrency: 1000, effective_context: 8192 };
const WITH_TARGET = { ...BASE, target_load_time_s: 60 };

function sized(body: Record<string, unknown>): SizingResult {
  const r = sizeBody(body, catalog);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const urlOf = (body: Record<string, unknown>, lang: Locale = 'en') => `${server.url}?${new URLSearchParams({ lang, ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])) })}`;

/** The block's rows as the page shows them: [label, value] of the node's figures, then of each scenario. */
async function shownRows(p: Page) {
  return p.evaluate<{ facts: string[][]; scenarios: Record<string, string[][]> }>(`(() => {
    const rows = (el) => [...el.querySelectorAll('.row')].map((r) => [r.querySelector('dt').textContent, r.querySelector('dd').textContent]);
    const scenarios = {};
    for (const a of document.querySelectorAll('#storage .storage-scenario')) scenarios[a.dataset.scenario] = rows(a);
    return { facts: rows(document.querySelector('[data-testid="storage-facts"]')), scenarios };
  })()`);
}

/** The library's rows for the same request: the report's "Storage and recovery" section. */
function expectedRows(body: Record<string, unknown>, locale: Locale = 'en') {
  const section = storageSection(sized(body), renderContext({ locale }))!;
  return {
    facts: section.facts.map((x) => [x.label, x.value]),
    scenarios: Object.fromEntries(section.scenarios.map((s) => [s.key, s.facts.map((x) => [x.label, x.value])])),
  };
}

/** The chart's steps, `at_s:sessions` per point, as the library's timeline of each case (k = 1, 2). */
async function shownSteps(p: Page): Promise<Record<string, string>> {
  return p.evaluate(`Object.fromEntries([...document.querySelectorAll('#storage figure.recovery path.step')].map((el) => [el.dataset.k, el.dataset.steps]))`);
}
function expectedSteps(r: SizingResult, key: ScenarioKey): Record<string, string> {
  const s = r.storage!.scenarios[key]!;
  return Object.fromEntries(s.failures.map((c) => [String(c.nodes_down), c.timeline.map((t) => `${t.at_s}:${t.sessions_capacity}`).join(' ')]));
}

let server: StartedServer;
let page: Page;

useServedPage((s) => ({ server, page } = s));

describe('issue 12 on the page: storage fields, the storage and recovery block, the recovery chart', () => {
  it('without a storage field: no block, a line says how to get it; the fields show their defaults', async () => {
    await load(page, urlOf(BASE));
    expect(sized(BASE).storage).toBeUndefined();
    expect(await page.textContent('[data-testid="storage-note"]')).toBe(pageTexts('en').storageNote);
    expect(await page.locator('#storage figure.recovery').count()).toBe(0);
    expect(await page.textContent('#storage-fields legend')).toBe(RECOVERY_EN.storageFields);
    expect(await page.getAttribute('#f-target_load_time_s', 'placeholder')).toBe('60');
    expect(await page.getAttribute('#f-engine_startup_s', 'placeholder')).toBe('120');
    expect(await page.getAttribute('#f-warmup_concurrency', 'placeholder')).toBe('1');
    expect(await page.getAttribute('#f-artifact_gib', 'placeholder')).toBe(RECOVERY_EN.artifactDefault);
  });

  it('a target load time typed: the block shows the report’s figures and the chart the k = 1 and k = 2 steps with the demand', async () => {
    await load(page, urlOf(BASE));
    await page.fill('#f-target_load_time_s', '60');
    const r = sized(WITH_TARGET);
    expect(await shownRows(page)).toEqual(expectedRows(WITH_TARGET));
    // The key figures: load time and its bound, cold start, the throughput needed and whether the profile meets the target.
    const facts = (await shownRows(page)).facts.map(([label]) => label);
    for (const label of [STORAGE_EN.label.readRate, STORAGE_EN.label.loadTime, STORAGE_EN.label.requiredRead, STORAGE_EN.label.coldStart]) expect(facts).toContain(label);
    expect(await page.getAttribute('[data-testid="storage"]', 'data-meets-target')).toBe('true');
    // Per scenario: 1 and 2 nodes down.
    const rows = (await shownRows(page)).scenarios.recommended!.map(([label]) => label);
    expect(rows).toContain(STORAGE_EN.nodesDownLabel(1));
    expect(rows).toContain(STORAGE_EN.nodesDownLabel(2));
    // The chart: the recommended scenario, both cases' steps as the library's timeline, the demand line.
    const fig = page.locator('#storage figure.recovery');
    expect(await fig.getAttribute('data-scenario')).toBe('recommended');
    const steps = await shownSteps(page);
    expect(steps).toEqual(expectedSteps(r, 'recommended'));
    // Two nodes down on shared storage, one loading at a time: two waves, three steps.
    expect(steps['2']!.split(' ')).toHaveLength(3);
    const demand = r.storage!.scenarios.recommended!.demand_sessions;
    expect(Number(await page.getAttribute('#storage figure.recovery line.demand', 'data-value'))).toBe(demand);
    const svg = fig.locator('svg[role="img"]');
    const label = (await svg.getAttribute('aria-label'))!;
    expect(label).toContain(`${STORAGE_EN.nodesDownLabel(1)}: ${fmt('en').int(r.storage!.scenarios.recommended!.failures[0]!.sessions_capacity)} sessions`);
    expect(label).toContain(`demand ${fmt('en').num(demand, 0)} sessions`);
    // Labelled axes with their units, the legend's three lines.
    const text = (await svg.textContent())!;
    expect(text).toContain(RECOVERY_EN.axisTimeS);
    expect(text).toContain(RECOVERY_EN.axisSessionsHeld);
    expect(await fig.locator('.legend').textContent()).toBe(`${STORAGE_EN.nodesDownLabel(1)}${STORAGE_EN.nodesDownLabel(2)}${RECOVERY_EN.demandPeak} ${fmt('en').num(demand, 0)}`);
    expect(await page.evaluate<string>('location.search')).toContain('target_load_time_s=60');
    expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);
    await screenshot(page, 'storage-recovery-laptop.png', { fullPage: true });
    await screenshot(page.locator('#storage'), 'storage-recovery-block.png');
  });

  it('the fields change the block and the chart: engine start-up, warm-up concurrency, placement, target, domain, profile', async () => {
    await load(page, urlOf(WITH_TARGET));
    const before = await shownSteps(page);
    const changes: [string, string, Record<string, unknown>][] = [
      ['#f-engine_startup_s', '300', { engine_startup_s: 300 }],
      ['#f-warmup_concurrency', '2', { warmup_concurrency: 2 }],
      ['#f-artifact_gib', '400', { artifact_gib: 400 }],
      ['#f-nodes_per_domain', '3', { nodes_per_domain: 3 }],
    ];
    let body: Record<string, unknown> = { ...WITH_TARGET };
    let previous = before;
    for (const [selector, value, extra] of changes) {
      await page.fill(selector, value);
      body = { ...body, ...extra };
      expect(await shownRows(page)).toEqual(expectedRows(body));
      const steps = await shownSteps(page);
      expect(steps).toEqual(expectedSteps(sized(body), 'recommended'));
      if (selector !== '#f-nodes_per_domain') expect(steps).not.toEqual(previous);
      previous = steps;
    }
    // The domain row appears with nodes per domain.
    expect((await shownRows(page)).scenarios.recommended!.map(([l]) => l)).toContain(STORAGE_EN.label.domain);
    // Local placement: both nodes read their own drives at once, one step each.
    await page.selectOption('#f-storage_placement', 'local');
    body = { ...body, storage_placement: 'local' };
    expect(await shownRows(page)).toEqual(expectedRows(body));
    expect((await shownSteps(page))['2']!.split(' ')).toHaveLength(2);
    // A target the profile cannot meet.
    await page.fill('#f-target_load_time_s', '1');
    body = { ...body, target_load_time_s: 1 };
    expect(sized(body).storage!.load.meets_target).toBe(false);
    expect(await page.getAttribute('[data-testid="storage"]', 'data-meets-target')).toBe('false');
    expect(await shownRows(page)).toEqual(expectedRows(body));
    // Another profile.
    await page.selectOption('#f-storage', 'profile_cloud_premium');
    body = { ...body, storage: 'profile_cloud_premium' };
    expect(await shownRows(page)).toEqual(expectedRows(body));
    expect(await shownSteps(page)).toEqual(expectedSteps(sized(body), 'recommended'));
    // The URL reproduces it all in a new page.
    const url = await page.evaluate<string>('location.href');
    for (const k of ['engine_startup_s=300', 'warmup_concurrency=2', 'artifact_gib=400', 'nodes_per_domain=3', 'storage_placement=local', 'target_load_time_s=1']) expect(url).toContain(k);
    // In a new document (the page keeps no state but its address).
    await page.goto('about:blank');
    await page.goto(url);
    expect(await shownRows(page)).toEqual(expectedRows(body));
    expect(await page.inputValue('#f-storage_placement')).toBe('local');
  });

  it('the chart’s scenario can be chosen; the figures stay', async () => {
    await load(page, urlOf(WITH_TARGET));
    const r = sized(WITH_TARGET);
    for (const key of ['ideal', 'minimum', 'recommended'] as const) {
      await page.selectOption('#recovery-scenario', key);
      expect(await page.getAttribute('#storage figure.recovery', 'data-scenario')).toBe(key);
      expect(await shownSteps(page)).toEqual(expectedSteps(r, key));
      expect(await page.textContent('#storage figure.recovery figcaption')).toBe(`${RECOVERY_EN.chartRecovery}: ${messagesFor('en').scenario[key]}`);
    }
    // The choice survives a redraw by another field.
    await page.selectOption('#recovery-scenario', 'ideal');
    await page.fill('#f-engine_startup_s', '200');
    expect(await page.getAttribute('#storage figure.recovery', 'data-scenario')).toBe('ideal');
    expect(await shownSteps(page)).toEqual(expectedSteps(sized({ ...WITH_TARGET, engine_startup_s: 200 }), 'ideal'));
  });

  it("an invalid storage field gets the CLI's message under it; an unknown artifact size gets the report's sentence", async () => {
    await load(page, urlOf(WITH_TARGET));
    for (const [name, value] of [['warmup_concurrency', 0], ['target_load_time_s', -3], ['nodes_per_domain', 1.5]] as const) {
      await page.fill(`#f-${name}`, String(value));
      const problem = validateRequest({ ...WITH_TARGET, [name]: value });
      if (problem.ok) throw new Error(`expected a problem for ${name}`);
      const message = messagesFor('en').problem(problem.problems[0]!, `--${name.replace(/_/g, '-')}`, fmt('en'));
      expect(await page.textContent(`#e-${name}`)).toBe(message);
      expect(await page.getAttribute(`#f-${name}`, 'aria-invalid')).toBe('true');
      expect(await page.locator('#storage figure.recovery').count()).toBe(0);
      await page.fill(`#f-${name}`, '');
      expect(await page.textContent(`#e-${name}`)).toBe('');
    }
    // opt-oss-120b has no parameter count: the artifacts' size is unknown until given.
    const unknown = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, target_load_time_s: 60 };
    expect(sized(unknown).storage).toBeNull();
    await load(page, urlOf(unknown));
    expect(await page.textContent('[data-testid="storage-unknown"]')).toBe(storageSection(sized(unknown), renderContext({ locale: 'en' }))!.unknown);
    await page.fill('#f-artifact_gib', '120');
    expect(await shownRows(page)).toEqual(expectedRows({ ...unknown, artifact_gib: 120 }));
    expect(await page.locator('#storage figure.recovery path.step').count()).toBe(2);
  });

  it('pt-BR: the fields, the block and the chart with no English', async () => {
    await load(page, urlOf({ ...WITH_TARGET, nodes_per_domain: 3, warmup_concurrency: 2 }, 'pt-BR'));
    expect(await shownRows(page)).toEqual(expectedRows({ ...WITH_TARGET, nodes_per_domain: 3, warmup_concurrency: 2 }, 'pt-BR'));
    expect(await page.textContent('#storage-fields legend')).toBe(RECOVERY_PT_BR.storageFields);
    expect(await page.textContent('label[for="f-warmup_concurrency"]')).toBe(RECOVERY_PT_BR.warmupConcurrency);
    const shown = await page.evaluate<string>(
      `[...document.querySelectorAll('#storage-fields, #storage')].map((el) => el.innerText + ' ' + [...el.querySelectorAll('input')].map((i) => i.placeholder).join(' ') + ' ' + [...el.querySelectorAll('option')].map((o) => o.textContent).join(' ') + ' ' + [...el.querySelectorAll('svg')].map((s) => (s.getAttribute('aria-label') ?? '') + ' ' + s.textContent).join(' ')).join('\\n')`,
    );
    const english = [
      ...Object.entries(RECOVERY_EN).filter(([k, v]) => v !== RECOVERY_PT_BR[k as keyof typeof RECOVERY_PT_BR]).map(([, v]) => v.replace(/\{\w+\}.*$/s, '').trim()).filter((v) => v.length > 3),
      ...Object.values(STORAGE_EN.label),
      ...Object.values(STORAGE_EN.placement),
      ...Object.values(STORAGE_EN.bound),
      STORAGE_EN.title,
      STORAGE_EN.nodesDownLabel(1),
      STORAGE_EN.nodesDownLabel(2),
    ];
    // Whole words: "demand" is not in "demanda".
    for (const phrase of english) expect(shown, phrase).not.toMatch(new RegExp(`(^|\\W)${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|\\W)`));
    expect(shown).not.toMatch(/\b(sessions?|nodes?|demand|time|after|failure|down|back|shared|load(ing)?|start-up|target|met|the|per|of|at)\b/i);
    expect(await page.locator('#storage figure.recovery path.step').count()).toBe(2);
    await screenshot(page, 'storage-recovery-pt-BR.png', { fullPage: true });
  });

  it('fits a phone screen with the block and the chart', async () => {
    await load(page, urlOf({ ...WITH_TARGET, nodes_per_domain: 3, warmup_concurrency: 2 }), PHONE);
    expect(await page.locator('#storage figure.recovery').count()).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await screenshot(page, 'storage-recovery-phone.png', { fullPage: true });
  });

});
