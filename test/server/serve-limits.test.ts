/**
 * The probes of "bad input that hurts" against real sockets: `llm-sizing serve --port 0` run in
 * process (the command's own server, app, limits and log lines; test/helpers/serve.ts), for the Host
 * check, the early 413 to `Expect: 100-continue`, the connection cap, aborted clients and the hostile
 * bodies; and the same Node server with small limits for the timeouts (the real ones are seconds
 * long). The built command's process, its signals and exit, is test/server/serve.test.ts's. Loopback
 * only; every wait is bounded.
 */
import { request } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, SERVE_LIMITS, type ServeLimits } from '../../src/server/limits.ts';
import { createNodeServer } from '../../src/server/listen.ts';
import { type InProcessServer, startServeInProcess } from '../helpers/serve.ts';

const EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
const EXAMPLE_TEXT = JSON.stringify(EXAMPLE);

const running: InProcessServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0)) f();
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** A started server (stopped after the test if the test has not). */
async function start(): Promise<InProcessServer> {
  const s = await startServeInProcess(['serve', '--port', '0']);
  running.push(s);
  return s;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it holds or `ms` have passed; returns whether it held. */
async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (check()) return true;
  return check();
}

/** A raw TCP connection that records what it receives and when it closes. */
interface Raw {
  readonly socket: Socket;
  readonly received: () => string;
  readonly closed: () => boolean;
  /** Milliseconds from connect to close (NaN while open). */
  readonly closedAfter: () => number;
  readonly connected: Promise<void>;
}
function raw(port: number, cleanup: (() => void)[] = cleanups): Raw {
  const socket = connect(port, '127.0.0.1');
  cleanup.push(() => socket.destroy());
  let data = '';
  let closedAt = Number.NaN;
  const start = Date.now();
  socket.on('data', (b: Buffer) => (data += b.toString('latin1')));
  socket.on('error', () => undefined); // a refused or reset connection is what some tests expect
  socket.on('close', () => (closedAt = Date.now() - start));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => data, closed: () => !Number.isNaN(closedAt), closedAfter: () => closedAt, connected };
}

/** A GET with a Host header of our choosing (fetch does not let one set it). */
function getWithHost(port: number, host: string, path = '/api/v1/health'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const postHead = (port: number, length: number, extra = '') =>
  `POST /api/v1/sizing HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('llm-sizing serve against hostile clients', () => {
  it('answers 421 to a Host header naming another server (DNS rebinding), and its own names', async () => {
    const s = await start();
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `[::1]:${s.port}`]) expect((await getWithHost(s.port, host)).status, host).toBe(200);
    for (const host of [`evil.example:${s.port}`, `localhost:${s.port + 1}`, 'localhost', `127.0.0.1.nip.io:${s.port}`]) {
      const res = await getWithHost(s.port, host, '/');
      expect(res.status, host).toBe(421);
      expect(JSON.parse(res.body).error.code).toBe('misdirected_request');
    }
  });

  it('answers 413 to an oversized Expect: 100-continue request before the body is sent, and closes', async () => {
    const s = await start();
    const big = raw(s.port);
    await big.connected;
    big.socket.write(postHead(s.port, MAX_BODY_BYTES + 1, 'Expect: 100-continue\r\n'));
    expect(await waitFor(big.closed, 5000)).toBe(true);
    expect(big.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(big.received()).not.toContain('100 Continue');
    expect(big.received()).toMatch(/connection: close/i);
    expect(big.received()).toContain('"code":"body_too_large"');

    // Within the limit: told to go on, then answered.
    const small = raw(s.port);
    await small.connected;
    small.socket.write(postHead(s.port, Buffer.byteLength(EXAMPLE_TEXT), 'Expect: 100-continue\r\nConnection: close\r\n'));
    expect(await waitFor(() => small.received().includes('\r\n\r\n'), 5000)).toBe(true);
    expect(small.received()).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    small.socket.write(EXAMPLE_TEXT);
    expect(await waitFor(small.closed, 5000)).toBe(true);
    expect(small.received()).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it(`holds at most ${SERVE_LIMITS.maxConnections} connections: 20 more are closed at once, and it answers again once they go`, async () => {
    const s = await start();
    const held: Raw[] = [];
    for (let i = 0; i < SERVE_LIMITS.maxConnections + 20; i++) held.push(raw(s.port));
    await Promise.all(held.map((h) => Promise.race([h.connected, sleep(5000)])));
    const closedCount = () => held.filter((h) => h.closed()).length;
    expect(await waitFor(() => closedCount() >= 20, 5000)).toBe(true);
    await sleep(200);
    expect(closedCount()).toBe(20);
    expect(held.every((h) => h.received() === '')).toBe(true);
    // Full: a new client is turned away too …
    await expect(getWithHost(s.port, `127.0.0.1:${s.port}`)).rejects.toThrow();
    // … until the idle ones leave.
    for (const h of held) h.socket.destroy();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      await sleep(50);
      status = await getWithHost(s.port, `127.0.0.1:${s.port}`).then((r) => r.status, () => 0);
    }
    expect(status).toBe(200);
  });

  it('logs a client that leaves mid-request on one line, without a stack, and stays up', async () => {
    const s = await start();
    const mid = raw(s.port);
    await mid.connected;
    mid.socket.write(`${postHead(s.port, 1000)}{"model":`);
    await sleep(150);
    mid.socket.destroy();
    expect(await waitFor(() => s.stderr().includes('\n'), 5000)).toBe(true);
    // Leaving mid-answer is not worth a line.
    const reader = raw(s.port);
    await reader.connected;
    reader.socket.write(`GET /api/v1/catalog HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`);
    await waitFor(() => reader.received().length > 0, 5000);
    reader.socket.destroy();
    expect((await fetch(`${s.url}api/v1/health`)).status).toBe(200);
    const end = await s.stop();
    expect(end.code).toBe(0);
    expect(end.stderr).toBe('llm-sizing serve: a client closed its connection before its request was read (POST /api/v1/sizing)\n');
  });

  it('answers the hostile bodies with 400 at once and stays up: 5,000 levels of JSON, a billion layers', async () => {
    const s = await start();
    const post = (body: string) => fetch(`${s.url}api/v1/sizing`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    const deep = await post(`{"model":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { error: { message: string } }).error.message).toContain(`at most ${MAX_JSON_DEPTH} levels`);
    const layers = JSON.stringify({ hf_config: { model_type: 'llama', num_hidden_layers: 1_000_000_000, hidden_size: 4096, num_attention_heads: 32 }, server: 'dgx300', storage: 'profile_default', concurrency: 1, effective_context: 4096 });
    expect(layers.length).toBeLessThanOrEqual(256);
    const started = Date.now();
    const res = await post(layers);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(400);
    expect((await fetch(`${s.url}api/v1/sizing`, { method: 'POST', body: EXAMPLE_TEXT, headers: { 'Content-Type': 'application/json' } })).status).toBe(200);
    const end = await s.stop();
    expect(end.code).toBe(0);
    expect(end.stderr).toBe('');
  });
});

// The timeouts are waited out side by side (the longest, keep-alive's, ~1.2 s, instead of their sum):
// each test cleans up after itself alone (onTestFinished), a shared afterEach would close the sockets
// of a test still running.
describe.concurrent('the server of llm-sizing serve, in process, with short timeouts', () => {
  const SHORT: ServeLimits = { maxConnections: 8, headersTimeoutMs: 300, requestTimeoutMs: 700, keepAliveTimeoutMs: 200, idleTimeoutMs: 3000, checkIntervalMs: 100 };

  /** A list of cleanups run when the calling test ends. */
  function own(onTestFinished: (fn: () => void) => void): (() => void)[] {
    const list: (() => void)[] = [];
    onTestFinished(() => {
      for (const f of list.splice(0)) f();
    });
    return list;
  }

  async function listen(limits: ServeLimits, cleanup: (() => void)[]): Promise<number> {
    const server = createNodeServer(createApp().fetch, limits);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => {
      server.closeAllConnections();
      server.close();
    });
    return (server.address() as AddressInfo).port;
  }

  it('takes its numbers from SERVE_LIMITS by default', ({ expect }) => {
    const server = createNodeServer(createApp().fetch);
    expect({
      maxConnections: server.maxConnections,
      headersTimeoutMs: server.headersTimeout,
      requestTimeoutMs: server.requestTimeout,
      keepAliveTimeoutMs: server.keepAliveTimeout,
      idleTimeoutMs: server.timeout,
    }).toEqual({
      maxConnections: SERVE_LIMITS.maxConnections,
      headersTimeoutMs: SERVE_LIMITS.headersTimeoutMs,
      requestTimeoutMs: SERVE_LIMITS.requestTimeoutMs,
      keepAliveTimeoutMs: SERVE_LIMITS.keepAliveTimeoutMs,
      idleTimeoutMs: SERVE_LIMITS.idleTimeoutMs,
    });
  });

  it('closes a connection that never sends a request after the header timeout', async ({ expect, onTestFinished }) => {
    const mine = own(onTestFinished);
    // The request timeout far off: Node's header timeout, when not set, is the request timeout.
    const port = await listen({ ...SHORT, requestTimeoutMs: 5000 }, mine);
    const silent = raw(port, mine);
    await silent.connected;
    expect(await waitFor(silent.closed, 2000)).toBe(true);
    expect(silent.closedAfter()).toBeGreaterThanOrEqual(SHORT.headersTimeoutMs - 50);
    expect(silent.closedAfter()).toBeLessThan(SHORT.headersTimeoutMs + 3 * SHORT.checkIntervalMs + 300);
    expect(silent.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection without traffic after the idle time, whatever the other timeouts', async ({ expect, onTestFinished }) => {
    const mine = own(onTestFinished);
    const port = await listen({ ...SHORT, headersTimeoutMs: 5000, requestTimeoutMs: 6000, idleTimeoutMs: 300 }, mine);
    const silent = raw(port, mine);
    await silent.connected;
    expect(await waitFor(silent.closed, 2000)).toBe(true);
    expect(silent.closedAfter()).toBeGreaterThanOrEqual(250);
    expect(silent.closedAfter()).toBeLessThan(1500);
  });

  it('answers 408 to headers still coming after the header timeout (a slow-loris client)', async ({ expect, onTestFinished }) => {
    const mine = own(onTestFinished);
    // The request timeout far off: Node's header timeout, when not set, is the request timeout.
    const port = await listen({ ...SHORT, requestTimeoutMs: 5000 }, mine);
    const slow = raw(port, mine);
    await slow.connected;
    slow.socket.write('GET /api/v1/health HTTP/1.1\r\n');
    for (let i = 0; i < 30 && !slow.closed(); i++) {
      slow.socket.write(`X-Slow-${i}: 1\r\n`);
      await sleep(50);
    }
    expect(await waitFor(slow.closed, 2000)).toBe(true);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.closedAfter()).toBeLessThan(SHORT.headersTimeoutMs + 3 * SHORT.checkIntervalMs + 300);
  });

  it('answers 408 to a body still coming after the request timeout', async ({ expect, onTestFinished }) => {
    const mine = own(onTestFinished);
    const port = await listen(SHORT, mine);
    const slow = raw(port, mine);
    await slow.connected;
    slow.socket.write(postHead(port, 1000));
    for (let i = 0; i < 60 && !slow.closed(); i++) {
      slow.socket.write(' ');
      await sleep(50);
    }
    expect(await waitFor(slow.closed, 2000)).toBe(true);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.closedAfter()).toBeLessThan(SHORT.requestTimeoutMs + 3 * SHORT.checkIntervalMs + 300);
  });

  it('closes an idle keep-alive connection after the keep-alive time', async ({ expect, onTestFinished }) => {
    const mine = own(onTestFinished);
    const port = await listen(SHORT, mine);
    const c = raw(port, mine);
    await c.connected;
    c.socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(await waitFor(() => c.received().includes('"status":"ok"'), 2000)).toBe(true);
    const answered = performance.now();
    expect(c.closed()).toBe(false);
    // Node keeps it 1 s longer than asked (a margin for clients racing the close); still well before the idle time.
    expect(await waitFor(c.closed, SHORT.keepAliveTimeoutMs + 1600)).toBe(true);
    expect(performance.now() - answered).toBeGreaterThanOrEqual(SHORT.keepAliveTimeoutMs - 50);
    expect(performance.now() - answered).toBeLessThan(SHORT.idleTimeoutMs - 1000);
  });
});
