/**
 * The HTTP API (and the web app's files) as a hono app: a thin layer over the same path as the CLI
 * (`sizeBody` → `sizeRequest` → core `size()`) and the same renderers. No formula lives here. The
 * app is built by `createApp` and tested in process with `app.request(…)`; `serve` binds it to a port.
 *
 * Statuses: 200 (a sizing, feasible or not: infeasible is a normal result, see `feasible` and the
 * X-LLM-Sizing-Feasible header), 400 (invalid body, JSON, `lang` or `format`: field-level problems;
 * JSON nested deeper than MAX_JSON_DEPTH), 404 (no such route or file), 405 (a known route, another
 * method), 413 (body over MAX_BODY_BYTES), 415 (a body that is not `application/json`), 421 (a Host
 * header that names another server: see host-check.ts), 500 (a generic message; never a stack trace).
 *
 * Only `application/json` bodies are read: a page on another site can make a browser POST
 * `text/plain` or a form to 127.0.0.1 without asking, but not `application/json` (that needs a CORS
 * preflight, which this server never grants). Every answer carries the headers of headers.ts.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { reportDateOf } from '../app/report-date.ts';
import { BUILTIN_CATALOG } from '../catalog/builtin.ts';
import { CatalogIndex } from '../catalog/lookup.ts';
import type { SizingResult } from '../core/sizing.ts';
import type { RenderOptions } from '../report/context.ts';
import { renderExecutive } from '../report/executive.ts';
import { fmt, type Locale } from '../report/format.ts';
import { messagesFor } from '../report/i18n/index.ts';
import { renderJson } from '../report/json.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { renderText } from '../report/text.ts';
import type { Catalog } from '../schema/catalog.ts';
import { closest, type Problem } from '../schema/problems.ts';
import { VERSION } from '../version.ts';
import { API_ERRORS, type ApiErrorCode } from './api-errors.ts';
import { API_HEADERS, PAGE_HEADERS, VERSIONED_CACHE_CONTROL, withDefaults } from './headers.ts';
import { type Bound, hostAllowed } from './host-check.ts';
import { jsonDepth } from '../schema/json-depth.ts';
import { withNumberLiterals } from '../schema/number-text.ts';
import { API_PREFIX, MAX_BODY_BYTES, MAX_JSON_DEPTH } from './limits.ts';
import { requestLocale } from './locale.ts';
import { openApiDocument } from './openapi.ts';
import { sizeBody } from './sizing.ts';
import { perfRequest } from '../app/perf.ts';
import { renderPerfJson } from '../report/perf.ts';
import { lookupStatic, noneMatchHits, staticFiles } from './static.ts';
import { compareRequest } from '../app/compare.ts';
import { renderCompareJson } from '../report/compare.ts';
import { validateCompareBody } from '../schema/compare-request.ts';

export interface AppOptions {
  /** The catalog to size with and to list; default the built-in one. */
  readonly catalog?: Catalog;
  /** The folder of the web app's files (dist/web); none: no static files. */
  readonly webRoot?: string | undefined;
  /** For the report date (SOURCE_DATE_EPOCH pins it, as in the CLI). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
  /** Called with unexpected errors (the response says only "internal error"). */
  readonly logError?: (e: unknown) => void;
  /** Called with one line when a client closes its connection before its request was read. */
  readonly logAborted?: (line: string) => void;
  /**
   * Where the server listens, for the Host check (read per request: the port is known only once
   * bound). Default: loopback names on any port, for an app used in process.
   */
  readonly bound?: () => Bound;
}

export const REPORT_FORMATS = ['markdown', 'text', 'executive'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  markdown: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  executive: 'text/markdown; charset=utf-8',
};

export { API_ERRORS, type ApiErrorCode } from './api-errors.ts';

/** The locale a response is written in; an invalid `?lang=` falls back to en for the error itself. */
function localeOf(c: Context): { locale: Locale; problem?: Problem } {
  const r = requestLocale(c.req.query('lang'), c.req.header('accept-language'));
  return r.ok ? { locale: r.locale } : { locale: 'en', problem: r.problem };
}

function errorBody(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return { error: { status: API_ERRORS[code], code, message, ...extra } };
}

function genericError(c: Context, code: Exclude<ApiErrorCode, 'invalid_input'>, headers: Record<string, string> = {}): Response {
  const { locale } = localeOf(c);
  const m = messagesFor(locale);
  const message = code === 'body_too_large' ? m.apiBodyTooLarge(MAX_BODY_BYTES, fmt(locale)) : m.apiError[code];
  return c.json(errorBody(code, message), API_ERRORS[code], headers);
}

/** Whether a Content-Type names JSON: `application/json`, with at most a charset, which must be UTF-8 (RFC 8259). */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const [type, ...params] = value.split(';').map((p) => p.trim().toLowerCase());
  return type === 'application/json' && params.every((p) => p === '' || /^charset\s*=\s*"?utf-8"?$/.test(p));
}

/** Whether an error says the client went away mid-request (Node's "aborted" / ECONNRESET on the body stream). */
export function isClientAbort(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || e.message === 'aborted' || e.name === 'AbortError';
}

/** 400 with one entry per problem: the field, the value given, what is accepted, and the CLI's sentence. */
export function problemsResponse(c: Context, problems: readonly Problem[], locale: Locale, bodyText?: string): Response {
  const m = messagesFor(locale);
  const f = fmt(locale);
  // A number the body's text wrote beyond a double is shown as written, not as Infinity.
  const items = (bodyText === undefined ? problems : withNumberLiterals(problems, bodyText)).map((p) => ({ field: p.field, value: p.value ?? null, accepted: p.accepted, message: m.problem(p, p.field, f) }));
  return c.json(errorBody('invalid_input', items.map((i) => i.message).join(' '), { problems: items }), 400);
}

export function createApp(options: AppOptions = {}): Hono {
  const catalog = new CatalogIndex(options.catalog ?? BUILTIN_CATALOG);
  const env = options.env ?? {};
  const now = options.now ?? (() => new Date());
  const files = staticFiles(options.webRoot);
  let openApi: string | undefined;
  const app = new Hono();

  const bound = options.bound ?? (() => ({ host: 'localhost' }));

  app.onError((e, c) => {
    if (isClientAbort(e)) {
      // Nobody is left to read the answer: one line, no stack.
      options.logAborted?.(`a client closed its connection before its request was read (${c.req.method} ${c.req.path})`);
    } else options.logError?.(e);
    return genericError(c, 'internal_error');
  });
  app.notFound((c) => genericError(c, 'not_found'));

  // First, for every request: the Host check; last, the security headers of every answer.
  app.use('*', async (c, next) => {
    // In process (app.request) there may be no Host header: the URL's authority stands for it.
    if (!hostAllowed(c.req.header('host') ?? new URL(c.req.url).host, bound())) {
      const res = genericError(c, 'misdirected_request', { Connection: 'close' });
      withDefaults(res.headers, API_HEADERS);
      return res;
    }
    await next();
    withDefaults(c.res.headers, API_HEADERS);
  });

  /** The locale and the parsed body; or the 400 response. */
  const parsed = async (c: Context): Promise<{ ok: true; body: unknown; text: string; locale: Locale } | { ok: false; response: Response }> => {
    const { locale, problem } = localeOf(c);
    if (problem) return { ok: false, response: problemsResponse(c, [problem], locale) };
    const text = await c.req.text();
    const depth = jsonDepth(text);
    if (depth > MAX_JSON_DEPTH) {
      return { ok: false, response: problemsResponse(c, [{ field: '(body)', value: depth, accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } } }], locale) };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      const detail = (e as Error).message.replace(/\s+/g, ' ');
      return { ok: false, response: problemsResponse(c, [{ field: '(body)', value: undefined, accepted: { kind: 'json', detail } }], locale) };
    }
    return { ok: true, body, text, locale };
  };
  /** The locale, the parsed body and the sizing; or the 400 response. */
  const sized = async (c: Context): Promise<{ ok: true; result: SizingResult; options: RenderOptions } | { ok: false; response: Response }> => {
    const read = await parsed(c);
    if (!read.ok) return read;
    const { body, locale } = read;
    const result = sizeBody(body, catalog);
    if (!result.ok) return { ok: false, response: problemsResponse(c, result.problems, locale, read.text) };
    return { ok: true, result: result.value, options: { locale, generatedAt: reportDateOf(env, now) } };
  };
  // The unread rest of an oversized body is left behind: close the connection rather than reuse it.
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => genericError(c, 'body_too_large', { Connection: 'close' }) });
  // Checked before the body is read (and before its size): the body is left unread, so the connection closes too.
  const json = createMiddleware(async (c, next) => (isJsonContentType(c.req.header('content-type')) ? next() : genericError(c, 'unsupported_media_type', { Connection: 'close' })));
  const feasibleHeader = (r: SizingResult) => ({ 'X-LLM-Sizing-Feasible': String(r.feasible) });

  app.post(`${API_PREFIX}/sizing`, json, limit, async (c) => {
    const s = await sized(c);
    if (!s.ok) return s.response;
    // Byte for byte what `llm-sizing --json-only` prints.
    return c.body(renderJson(s.result, s.options), 200, { 'Content-Type': 'application/json; charset=utf-8', ...feasibleHeader(s.result) });
  });

  app.post(`${API_PREFIX}/report`, json, limit, async (c) => {
    const format = c.req.query('format') ?? 'markdown';
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      const { locale } = localeOf(c);
      return problemsResponse(c, [{ field: 'format', value: format, accepted: { kind: 'one_of', values: REPORT_FORMATS, suggestion: closest(format, REPORT_FORMATS) } }], locale);
    }
    const s = await sized(c);
    if (!s.ok) return s.response;
    const render = format === 'text' ? renderText : format === 'executive' ? renderExecutive : renderMarkdown;
    return c.body(render(s.result, s.options), 200, { 'Content-Type': REPORT_CONTENT_TYPES[format as ReportFormat], ...feasibleHeader(s.result) });
  });

  // One deployment at one load (the performance model): byte for byte what `llm-sizing perf --json-only` prints.
  app.post(`${API_PREFIX}/perf`, json, limit, async (c) => {
    const read = await parsed(c);
    if (!read.ok) return read.response;
    const evaluated = perfRequest(read.body, catalog);
    if (!evaluated.ok) return problemsResponse(c, evaluated.problems, read.locale, read.text);
    return c.body(renderPerfJson(evaluated.value), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  // One request crossed with lists of options: byte for byte what `llm-sizing compare --json-only` prints (problems name the body's fields).
  app.post(`${API_PREFIX}/compare`, json, limit, async (c) => {
    const read = await parsed(c);
    if (!read.ok) return read.response;
    const body = validateCompareBody(read.body);
    if (!body.ok) return problemsResponse(c, body.problems, read.locale, read.text);
    const compared = compareRequest(body.value.request, body.value.options, catalog, { sort: body.value.sort });
    if (!compared.ok) return problemsResponse(c, compared.problems, read.locale, read.text);
    const names = { locale: read.locale, top: body.value.top };
    return c.body(renderCompareJson(compared.value, names), 200, { 'Content-Type': 'application/json; charset=utf-8', 'X-LLM-Sizing-Feasible': String(compared.value.recommendation !== null) });
  });

  app.get(`${API_PREFIX}/catalog`, (c) => c.json({ models: catalog.catalog.models, servers: catalog.catalog.servers, storage: catalog.catalog.storage }));
  app.get(`${API_PREFIX}/health`, (c) => c.json({ status: 'ok', version: VERSION }));
  app.get(`${API_PREFIX}/openapi.json`, (c) => {
    openApi ??= JSON.stringify(openApiDocument());
    return c.body(openApi, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  // A known route with another method: 405 and the methods it takes.
  const ROUTES: Readonly<Record<string, string>> = { sizing: 'POST', report: 'POST', perf: 'POST', compare: 'POST', catalog: 'GET, HEAD', health: 'GET, HEAD', 'openapi.json': 'GET, HEAD' };
  for (const [route, allow] of Object.entries(ROUTES)) app.all(`${API_PREFIX}/${route}`, (c) => genericError(c, 'method_not_allowed', { Allow: allow }));
  app.all(`${API_PREFIX}/*`, (c) => genericError(c, 'not_found'));

  // The web app's files; nothing else. A browser that holds the file as it is gets a 304; one that
  // asks for it by its version (?v=DIGEST) may keep it for good (headers.ts).
  app.get('*', (c) => {
    const file = lookupStatic(files, c.req.path);
    if (!file) return genericError(c, 'not_found');
    const headers = { ETag: file.etag, ...PAGE_HEADERS, ...(c.req.query('v') === file.etag.slice(1, -1) ? { 'Cache-Control': VERSIONED_CACHE_CONTROL } : {}) };
    if (noneMatchHits(c.req.header('If-None-Match'), file.etag)) return c.body(null, 304, headers);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.contentType, ...headers });
  });
  app.all('*', (c) => (lookupStatic(files, c.req.path) ? genericError(c, 'method_not_allowed', { Allow: 'GET, HEAD' }) : genericError(c, 'not_found')));
  return app;
}
