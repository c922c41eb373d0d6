/**
 * The BUILT page in Chromium for the test/web files: `llm-sizing serve --port 0`, one browser and one
 * page that fails the test on any page error and records every Content-Security-Policy violation in
 * `window.cspViolations` (directive, blocked URI, sample); and what the cards should show, from the
 * core through the same request handling as the API.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import type { SizingResult } from '../../src/core/sizing.ts';
import { fmt, type Locale } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { sizeBody } from '../../src/server/sizing.ts';
import { launchChromium } from './browser.ts';
import { type StartedServer, startServer } from './serve.ts';

export const catalog = new CatalogIndex(BUILTIN_CATALOG);

export interface ServedPage {
  readonly server: StartedServer;
  readonly browser: Browser;
  readonly page: Page;
}

/** The two screens the tests look at the page on: a laptop's (the page's size unless told) and a phone's. */
export const LAPTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Start the server and Chromium (at once: each waits on a process of its own), open a 1280 × 900 page. */
export async function openServedPage(): Promise<ServedPage> {
  const [started, launched] = await Promise.allSettled([startServer(['serve', '--port', '0']), launchChromium({ handleSIGTERM: false })]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    // Whichever did start is stopped, not left running after the failed start.
    await closeServedPage({ server: started.status === 'fulfilled' ? started.value : undefined, browser: launched.status === 'fulfilled' ? launched.value : undefined });
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const server = started.value;
  const browser = launched.value;
  return { server, browser, page: await newPage(browser) };
}

/** A 1280 × 900 page that fails the test on any page error and records CSP violations. */
async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: LAPTOP });
  page.on('pageerror', (e) => {
    throw e;
  });
  // The globals a new document has (not enumerable itself): `load` deletes any other a test set before it reopens the page.
  await page.addInitScript(
    "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''))); Object.defineProperty(window, 'newDocumentGlobals', { value: Object.keys(window) });",
  );
  return page;
}

/** Close the browser and stop the server (either may be missing when the start failed). */
export async function closeServedPage(s: { readonly server?: StartedServer | undefined; readonly browser?: Browser | undefined }): Promise<void> {
  await s.browser?.close();
  s.server?.child.kill('SIGTERM');
  await s.server?.exited;
}

/**
 * The worker's one server, Chromium and page, started by the first test file that asks. vitest runs
 * many files in one worker process (isolate: false) and keeps this module loaded between them: the
 * next file reuses them instead of starting Chromium (~0.7 s of CPU) and a server again. They are
 * stopped when the worker ends: vitest stops it with SIGTERM, and on that signal (and on any exit)
 * the browser is closed and the server stopped.
 */
let shared: Promise<ServedPage> | undefined;

function sharedServedPage(): Promise<ServedPage> {
  shared ??= openServedPage().then(
    (s) => {
      stopWithWorker(s);
      return s;
    },
    (e: unknown) => {
      shared = undefined;
      throw e;
    },
  );
  return shared;
}

function stopWithWorker(s: ServedPage): void {
  // A synchronous last resort (process.exit, an uncaught error): the server gets its signal;
  // playwright kills the browser it launched itself on exit.
  process.once('exit', () => s.server.child.kill('SIGTERM'));
  process.once('SIGTERM', () => {
    // The server's signal first, at once: vitest follows its SIGTERM with a SIGKILL 500 ms later,
    // which no handler outlives, and a server not yet told then ran on, orphaned (seen: 5 left
    // running after 20 runs, at load 5–10, while closing the browser took longer).
    s.server.child.kill('SIGTERM');
    const deadline = new Promise((resolve) => setTimeout(resolve, 5000).unref());
    void Promise.race([closeServedPage(s).catch(() => undefined), deadline]).then(() => process.exit(0));
  });
}

/**
 * The served page for a test file (`assign` receives it before its tests): the worker's shared one
 * (a new page when the last file's was closed). Each test opens its own address (`load`); after the
 * file the page keeps its document, its focused field (if any) left, so that the next file's first
 * `load` opens it again there instead of navigating: a blinking caret kept Chromium drawing (~38 ms of
 * CPU a second), the page idle without one measured ~0 in its renderer, as about:blank does.
 */
export function useServedPage(assign: (s: ServedPage) => void): void {
  let opened: ServedPage | undefined;
  beforeAll(async () => {
    const s = await sharedServedPage();
    opened = s.page.isClosed() ? { ...s, page: await newPage(s.browser) } : s;
    shared = Promise.resolve(opened);
    assign(opened);
  }, 30_000);
  afterAll(async () => {
    // A page that cannot do it (it crashed) is closed: the next file gets a new one.
    if (opened && !opened.page.isClosed()) await opened.page.evaluate('document.activeElement?.blur()').catch(() => opened?.page.close());
  });
}

/**
 * Open `url` in `page` on a `viewport` screen as a new load of it shows it: each test starts so, on the
 * file's one page, and depends on nothing an earlier test left in it. (A page of its own per check, for
 * a phone or a "new page", cost 3 to 4 times a load: a page is a renderer process to start.)
 *
 * When the page shows the app already (same origin and path), it is opened again in the same document
 * (`reopen`): the address is pushed and the app, on the popstate event as for Back and Forward, builds
 * its body again from the document as parsed and its state from the address (web/src/main.ts). The
 * helper first deletes the globals a test added and empties `window.cspViolations`. The state that
 * leaves is the one a new load gives: test/web/reopen.suite.ts compares them, after tests' worth of
 * changes, element by element. It costs Chromium a redraw instead of a navigation (the navigation and
 * playwright's first selector in the new document: ~250 ms of CPU). `fresh` loads a new document
 * anyway: for the tests of loading itself (the response, the cache, the first drawing of a link).
 *
 * A new document from an address with a #hash that differs from the current document's by its hash
 * alone goes through about:blank first, or the load would be a scroll within the same document.
 */
export async function load(page: Page, url: string, viewport: { width: number; height: number } = LAPTOP, { fresh = false }: { fresh?: boolean } = {}) {
  const size = page.viewportSize();
  if (size?.width !== viewport.width || size.height !== viewport.height) await page.setViewportSize(viewport);
  const here = fresh ? await href(page) : await page.evaluate(reopen, url);
  if (here === true) return null;
  if (new URL(url).hash !== '' && withoutHash(here) === withoutHash(url)) await page.goto('about:blank');
  return page.goto(url);
}

/**
 * In the page: open `url` again in this document when it is the app's (true), else the current address.
 * Only the app's own globals are left (a global that cannot be deleted: a new load instead).
 */
function reopen(url: string): true | string {
  // The page's window, its own globals, as the root tsconfig sees them (it has no DOM types).
  type Win = Record<string, unknown> & { newDocumentGlobals?: string[]; llmSizing?: unknown; location: { href: string }; history: { pushState(s: null, t: string, u: string): void }; document: { readyState: string }; dispatchEvent(e: unknown): boolean; PopStateEvent: new (type: string) => unknown };
  const w = globalThis as unknown as Win;
  const here = new URL(w.location.href);
  const there = new URL(url);
  if (here.origin !== there.origin || here.pathname !== there.pathname || w.llmSizing === undefined || w.newDocumentGlobals === undefined || w.document.readyState !== 'complete') return w.location.href;
  const keep = new Set(w.newDocumentGlobals);
  for (const key of Object.keys(w)) if (!keep.has(key) && key !== 'llmSizing' && !delete w[key]) return w.location.href;
  w.cspViolations = [];
  w.history.pushState(null, '', url);
  w.dispatchEvent(new w.PopStateEvent('popstate'));
  return true;
}

const withoutHash = (url: string) => url.replace(/#.*$/s, '');

/**
 * Paste `text` into a field as a user does: through the clipboard and Ctrl+V, replacing what the field
 * held, one input event (insertFromPaste). page.fill inserts a text of many lines as one insertion per
 * line and per line break, each an input event that redraws the page: 67 redraws, 0.4 to 1 s, for a
 * config.json of 34 lines.
 */
export async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await page.focus(selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** The text of the first element each selector matches (null when none does), read in one round trip. */
export const textsOf = (p: Page, selectors: readonly string[]) =>
  p.evaluate<(string | null)[]>(`${JSON.stringify(selectors)}.map((s) => document.querySelector(s)?.textContent ?? null)`);

/** The text of every element each selector matches, as locator(selector).allTextContents() reads it, in one round trip. */
export const allTextsOf = (p: Page, selectors: readonly string[]) =>
  p.evaluate<string[][]>(`${JSON.stringify(selectors)}.map((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''))`);

/** The page's address for a request (every field in the query string, as the page writes it). */
export const pageUrl = (base: string, body: Record<string, unknown>, lang = 'en') =>
  `${base}?${new URLSearchParams({ lang, ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])) })}`;
/** The address as the page sees it (page.url() can lag behind history.replaceState). */
export const href = (p: Page) => p.evaluate<string>('location.href');
/** The final node count on each scenario's card. */
export const cardNodes = (p: Page) => textsOf(p, SCENARIO_KEYS.map((k) => `[data-testid="nodes-${k}"]`));

/** The sizing of a request body as the API does it; a refused body is the test's mistake (throws). */
export function sized(body: Record<string, unknown>): SizingResult {
  const r = sizeBody(body, catalog);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** What each card's node count should read: the count in the locale's digits, or its "infeasible" label. */
export function expectedNodes(body: Record<string, unknown>, locale: Locale = 'en'): string[] {
  const r = sized(body);
  return SCENARIO_KEYS.map((k) => {
    const n = r.scenarios[k].results.nodes_final;
    return n === null ? messagesFor(locale).labels.infeasible : fmt(locale).int(n);
  });
}
