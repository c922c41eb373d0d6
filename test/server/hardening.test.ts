/**
 * What the API does with hostile or broken requests, in process (`app.request`): bodies that are not
 * `application/json` (415), Host headers that name another server (421), JSON nested too deep and
 * configs declaring absurd layer counts (400, quickly), and the security headers of every answer.
 * The same probes against the real server (sockets, 100-continue, connection caps, timeouts,
 * aborted clients) are in serve-limits.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { API_ERRORS, createApp, isJsonContentType } from '../../src/server/app.ts';
import { API_CSP, PAGE_CSP } from '../../src/server/headers.ts';
import { type Bound, hostAllowed } from '../../src/server/host-check.ts';
import { jsonDepth } from '../../src/schema/json-depth.ts';
import { MAX_BODY_BYTES, MAX_CONFIG_LAYERS, MAX_JSON_DEPTH } from '../../src/server/limits.ts';
import { ROOT } from '../helpers/cli.ts';

const EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
const SIZING = { server: 'dgx300', storage: 'profile_default', concurrency: 200, effective_context: 32768 };
const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' }, webRoot: join(ROOT, 'web') });
const BASE = 'http://localhost';

interface ErrorBody {
  error: { status: number; code: string; message: string; problems?: { field: string; value: unknown; accepted: Record<string, unknown>; message: string }[] };
}
const post = (path: string, body: string, headers: Record<string, string>, on = app) => Promise.resolve(on.request(`${BASE}${path}`, { method: 'POST', body, headers }));
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  post(path, typeof body === 'string' ? body : JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });

describe('415: only application/json bodies are read', () => {
  it.each([
    ['text/plain', 'the type a page on another site may post without asking'],
    ['text/plain;charset=UTF-8', 'what fetch sends for a string body'],
    ['application/x-www-form-urlencoded', 'an HTML form (and curl -d)'],
    ['multipart/form-data; boundary=x', 'an HTML form with files'],
    ['text/json', 'not the registered type'],
    ['application/jsonx', 'a longer name'],
    ['application/json; charset=iso-8859-1', 'JSON is UTF-8 (RFC 8259)'],
    ['application/json; charset=utf-16', 'JSON is UTF-8 (RFC 8259)'],
    ['application/json; boundary=x', 'a parameter JSON does not have'],
  ])('refuses %s (%s) on both POST routes, naming the type to send', async (type) => {
    for (const path of ['/api/v1/sizing', '/api/v1/report?format=text']) {
      const res = await post(path, JSON.stringify(EXAMPLE), { 'Content-Type': type });
      expect(res.status, path).toBe(415);
      expect(res.headers.get('connection')).toBe('close');
      const err = ((await res.json()) as ErrorBody).error;
      expect(err).toEqual({ status: 415, code: 'unsupported_media_type', message: 'The request body must be JSON, sent with Content-Type: application/json.' });
    }
  });

  it('refuses a body without a Content-Type', async () => {
    const res = await Promise.resolve(app.request(`${BASE}/api/v1/sizing`, { method: 'POST', body: new TextEncoder().encode(JSON.stringify(EXAMPLE)) }));
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.status).toBe(415);
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset="UTF-8"', 'application/json ; charset = utf-8'])('accepts %s', async (type) => {
    const res = await post('/api/v1/sizing', JSON.stringify(EXAMPLE), { 'Content-Type': type });
    expect(res.status).toBe(200);
  });

  it('says so before reading the body: an oversized text/plain body gets 415, not 413', async () => {
    const res = await post('/api/v1/sizing', 'x'.repeat(MAX_BODY_BYTES + 1), { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('writes the message in Portuguese with ?lang=pt-BR', async () => {
    const res = await post('/api/v1/sizing?lang=pt-BR', '{}', { 'Content-Type': 'text/plain' });
    expect(((await res.json()) as ErrorBody).error.message).toBe('O corpo da requisição deve ser JSON, enviado com Content-Type: application/json.');
  });

  it.each([
    [undefined, false],
    ['', false],
    ['application/json', true],
    ['APPLICATION/JSON', true],
    ['application/json;', true],
    ['application/json; charset=utf-8; charset=utf-8', true],
    ['application/json, text/plain', false],
    ['application/problem+json', false],
  ])('isJsonContentType(%s) is %s', (type, expected) => {
    expect(isJsonContentType(type)).toBe(expected);
  });
});

describe('421: a Host header that names another server (DNS rebinding)', () => {
  const bound = createApp({ bound: () => ({ host: '127.0.0.1', port: 8787 }) });
  const get = (host: string) => Promise.resolve(bound.request('http://127.0.0.1:8787/api/v1/health', { headers: { Host: host } }));

  it.each(['127.0.0.1:8787', 'localhost:8787', 'LOCALHOST:8787', '[::1]:8787'])('answers %s', async (host) => {
    expect((await get(host)).status).toBe(200);
  });

  it.each(['evil.example:8787', 'localhost.evil.example:8787', '127.0.0.1.nip.io:8787', 'localhost:8788', '127.0.0.1', 'localhost', '10.0.0.1:8787', '[::2]:8787', 'localhost:8787:8787'])(
    'refuses %s with 421, saying which names it answers, and closes the connection',
    async (host) => {
      const res = await get(host);
      expect(res.status).toBe(421);
      expect(res.headers.get('connection')).toBe('close');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const err = ((await res.json()) as ErrorBody).error;
      expect(err.code).toBe('misdirected_request');
      expect(err.message).toContain('localhost, 127.0.0.1, [::1]');
    },
  );

  it('checks every route, the page and the POST routes included (before the body is read)', async () => {
    const evil = { Host: 'evil.example:8787' };
    expect((await Promise.resolve(bound.request('http://127.0.0.1:8787/', { headers: evil }))).status).toBe(421);
    const res = await Promise.resolve(bound.request('http://127.0.0.1:8787/api/v1/sizing', { method: 'POST', body: JSON.stringify(EXAMPLE), headers: { ...evil, 'Content-Type': 'application/json' } }));
    expect(res.status).toBe(421);
  });

  it('in process without a bound address: loopback names on any port, nothing else', async () => {
    expect((await Promise.resolve(app.request('http://localhost:1234/api/v1/health'))).status).toBe(200);
    expect((await Promise.resolve(app.request('http://evil.example/api/v1/health'))).status).toBe(421);
  });

  const cases: [string, Bound, boolean][] = [
    ['127.0.0.1:8787', { host: '127.0.0.1', port: 8787 }, true],
    ['localhost:80', { host: '127.0.0.1', port: 80 }, true],
    ['localhost', { host: '127.0.0.1', port: 80 }, true],
    ['localhost', { host: '127.0.0.1', port: 8787 }, false],
    ['[::1]:9000', { host: '::1', port: 9000 }, true],
    ['[0:0:0:0:0:0:0:1]:9000', { host: '::1', port: 9000 }, false],
    ['myhost:9000', { host: 'myhost', port: 9000 }, true],
    ['MyHost:9000', { host: 'myhost', port: 9000 }, true],
    ['otherhost:9000', { host: 'myhost', port: 9000 }, false],
    ['192.168.1.5:9000', { host: '0.0.0.0', port: 9000 }, true],
    ['[fe80::1]:9000', { host: '::', port: 9000 }, true],
    ['fe80::1', { host: '::', port: 80 }, false],
    ['mybox.lan:9000', { host: '0.0.0.0', port: 9000 }, false],
    ['192.168.1.5:9000', { host: '127.0.0.1', port: 9000 }, false],
    ['192.168.1.5:9000', { host: '192.168.1.5', port: 9000 }, true],
    ['localhost:5', { host: 'localhost' }, true],
    ['', { host: '127.0.0.1', port: 8787 }, false],
  ];
  it.each(cases)('hostAllowed(%j, %j) is %s', (host, b, expected) => {
    expect(hostAllowed(host, b)).toBe(expected);
  });
});

describe('security headers', () => {
  const expectApiHeaders = (res: Response, what: string) => {
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('cache-control'), what).toBe('no-store');
    expect(res.headers.get('content-security-policy'), what).toBe(API_CSP);
    expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  };

  it('every API answer, success or error, carries nosniff, no-store and a CSP that allows nothing', async () => {
    const answers: [string, Response, number][] = [
      ['sizing', await postJson('/api/v1/sizing', EXAMPLE), 200],
      ['report', await postJson('/api/v1/report?format=markdown', EXAMPLE), 200],
      ['catalog', await Promise.resolve(app.request(`${BASE}/api/v1/catalog`)), 200],
      ['health', await Promise.resolve(app.request(`${BASE}/api/v1/health`)), 200],
      ['openapi', await Promise.resolve(app.request(`${BASE}/api/v1/openapi.json`)), 200],
      ['400', await postJson('/api/v1/sizing', { ...EXAMPLE, concurrency: 0 }), 400],
      ['404', await Promise.resolve(app.request(`${BASE}/api/v1/nope`)), 404],
      ['404 file', await Promise.resolve(app.request(`${BASE}/nope.html`)), 404],
      ['405', await Promise.resolve(app.request(`${BASE}/api/v1/sizing`)), 405],
      ['413', await postJson('/api/v1/sizing', 'x'.repeat(MAX_BODY_BYTES + 1)), 413],
      ['415', await post('/api/v1/sizing', '{}', { 'Content-Type': 'text/plain' }), 415],
      ['421', await Promise.resolve(app.request('http://evil.example/api/v1/health')), 421],
    ];
    for (const [what, res, status] of answers) {
      expect(res.status, what).toBe(status);
      expectApiHeaders(res, what);
    }
  });

  it('a 500 carries them too', async () => {
    let armed = false;
    const models = BUILTIN_CATALOG.models;
    const catalog = {
      ...BUILTIN_CATALOG,
      get models() {
        if (armed) throw new Error('boom');
        return models;
      },
    };
    const failing = createApp({ catalog, logError: () => undefined });
    armed = true;
    const res = await Promise.resolve(failing.request(`${BASE}/api/v1/catalog`));
    expect(res.status).toBe(500);
    expectApiHeaders(res, '500');
  });

  it("the page carries a strict CSP (its own files only, no inline script or style, no framing), no-referrer and nosniff", async () => {
    const res = await Promise.resolve(app.request(`${BASE}/`));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(PAGE_CSP);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives).toMatchObject({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
    expect(csp).not.toMatch(/unsafe|\*|http:|https:|blob:/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/style.css', '/index.html']) {
      const file = await Promise.resolve(app.request(`${BASE}${path}`));
      expect(file.status, path).toBe(200);
      expect(file.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(file.headers.get('content-security-policy'), path).toBe(PAGE_CSP);
    }
  });

  it('the page needs no inline script or style: none in index.html, none written by its scripts', () => {
    const html = readFileSync(join(ROOT, 'web', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=|javascript:/i);
    for (const m of html.matchAll(/<script\b[^>]*>/gi)) expect(m[0]).toMatch(/\ssrc="[^"]+"/);
    for (const file of ['main.ts', 'charts.ts', 'i18n.ts']) expect(readFileSync(join(ROOT, 'web', 'src', file), 'utf8'), file).not.toMatch(/\sstyle=|\.style\.cssText|setAttribute\('style'/);
  });
});

describe('400, not 500: JSON nested too deep', () => {
  const nested = (levels: number, open = '[', close = ']', inner = '1') => open.repeat(levels) + inner + close.repeat(levels);

  it.each([
    ['5,000 levels of arrays in a field', `{"model": ${nested(5000)}}`, 5001],
    ['5,000 levels of objects inside hf_config', `{"hf_config": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, 5001],
    ['one level past the limit', `{"model": ${nested(MAX_JSON_DEPTH)}}`, MAX_JSON_DEPTH + 1],
    ['5,000 levels, unbalanced (not JSON either)', nested(5000).slice(0, 5000), 5000],
  ])('refuses %s, naming the limit', async (_what, body, depth) => {
    const res = await postJson('/api/v1/sizing', body);
    expect(res.status).toBe(400);
    const err = ((await res.json()) as ErrorBody).error;
    expect(err.problems).toHaveLength(1);
    expect(err.problems?.[0]).toMatchObject({ field: '(body)', value: depth, accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } } });
    expect(err.problems?.[0]?.message).toBe(`(body): got ${depth}; expected JSON whose arrays and objects nest at most ${MAX_JSON_DEPTH} levels deep.`);
  });

  it('refuses it on /report too, in Portuguese when asked', async () => {
    const res = await postJson('/api/v1/report?lang=pt-BR', `{"model": ${nested(5000)}}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.problems?.[0]?.message).toContain(`no máximo ${MAX_JSON_DEPTH} níveis`);
  });

  it('takes the limit itself, and brackets inside strings do not count', async () => {
    const atLimit = await postJson('/api/v1/sizing', `{"model": ${nested(MAX_JSON_DEPTH - 1)}}`);
    expect(atLimit.status).toBe(400);
    expect(((await atLimit.json()) as ErrorBody).error.problems?.map((p) => p.field)).not.toContain('(body)');
    const inString = await postJson('/api/v1/sizing', { ...EXAMPLE, model: `[{${'['.repeat(5000)}` });
    expect(inString.status).toBe(400);
    expect(((await inString.json()) as ErrorBody).error.problems?.map((p) => p.field)).toEqual(['model']);
    // and the app keeps answering
    expect((await postJson('/api/v1/sizing', EXAMPLE)).status).toBe(200);
  });

  it.each([
    ['', 0],
    ['1', 0],
    ['[]', 1],
    ['{"a": [1, {"b": "[[["}]}', 3],
    ['"{\\"[["', 0],
    ['["\\\\", [["x"]]]', 3],
    ['[[]][[[]]]', 3],
  ])('jsonDepth(%j) is %i', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('jsonDepth of any JSON text is the depth of the value it encodes', () => {
    const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        expect(jsonDepth(JSON.stringify(v))).toBe(depthOf(v));
        expect(jsonDepth(JSON.stringify(v, null, 2))).toBe(depthOf(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('400, quickly: a config that declares absurd layer counts', () => {
  const llama = { model_type: 'llama', hidden_size: 4096, num_attention_heads: 32, num_key_value_heads: 8, max_position_embeddings: 8192 };

  it.each([
    ['num_hidden_layers', { ...llama, num_hidden_layers: 1_000_000_000 }, 'hf_config.num_hidden_layers'],
    ['n_layer', { ...llama, n_layer: 1e9 }, 'hf_config.n_layer'],
    ['num_layers, 1e308', { ...llama, num_layers: 1e308 }, 'hf_config.num_layers'],
    ['text_config.num_hidden_layers', { model_type: 'llava', text_config: { model_type: 'llama', num_hidden_layers: 1e9 } }, 'hf_config.text_config.num_hidden_layers'],
  ])('a 256-byte body saying %s gets 400 naming the field, the value and the limit, within a second', async (_what, config, field) => {
    const body = JSON.stringify({ hf_config: config, ...SIZING });
    expect(body.length).toBeLessThanOrEqual(256);
    const start = performance.now();
    const res = await postJson('/api/v1/sizing', body);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(res.status).toBe(400);
    const problem = ((await res.json()) as ErrorBody).error.problems?.[0];
    expect(problem).toMatchObject({ field, accepted: { kind: 'integer', min: 1, max: MAX_CONFIG_LAYERS } });
    expect(problem?.message).toContain(`expected a whole number from 1 to ${MAX_CONFIG_LAYERS.toLocaleString('en')}`);
  });

  it('sizes a config at the limit as before (the guard only refuses what is above it)', async () => {
    const res = await postJson('/api/v1/sizing', { hf_config: { ...llama, num_hidden_layers: MAX_CONFIG_LAYERS }, ...SIZING });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { inputs: { model: { num_layers: number } } }).inputs.model.num_layers).toBe(MAX_CONFIG_LAYERS);
  });
});

describe('the OpenAPI document says so', () => {
  it('lists 415 on the POST routes, 421 on every route, and every error code', async () => {
    const doc = (await (await Promise.resolve(app.request(`${BASE}/api/v1/openapi.json`))).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } } };
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('421');
        if (method === 'post') expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '413', '415']));
      }
    }
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(API_ERRORS));
  });
});
