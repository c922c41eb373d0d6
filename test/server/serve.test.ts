/**
 * `llm-sizing serve` for real: the BUILT CLI started on 127.0.0.1 with --port 0, its URL read from
 * standard output, real HTTP requests, then SIGINT / SIGTERM and a clean exit (two processes: one
 * signal each). Loopback only.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/app.ts';
import type { Io } from '../../src/cli/main.ts';
import { DIST, ROOT, runCli } from '../helpers/cli.ts';
import { type StartedServer, startServeInProcess, startServer } from '../helpers/serve.ts';

const EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };

const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

async function start(args: readonly string[]): Promise<StartedServer> {
  const s = await startServer(['serve', ...args]);
  running.push(s.child);
  return s;
}

/** A GET with the path sent as written (fetch would normalise `..`). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('llm-sizing serve', () => {
  it('serves the API on the port it prints, and stops with exit 0 on SIGINT', async () => {
    const s = await start(['--port', '0']);
    expect(s.port).toBeGreaterThan(0);
    const health = await fetch(`${s.url}api/v1/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');

    const sized = await fetch(`${s.url}api/v1/sizing`, { method: 'POST', body: JSON.stringify(EXAMPLE), headers: { 'Content-Type': 'application/json' } });
    expect(sized.status).toBe(200);
    const text = await sized.text();
    const cli = await runCli(['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16', '--json-only']);
    expect(text).toBe(cli.stdout);
    const doc = JSON.parse(text) as { scenarios: Record<string, { results: { nodes_final: number } }> };
    expect(['minimum', 'recommended', 'ideal'].map((k) => doc.scenarios[k]!.results.nodes_final)).toEqual([4, 5, 7]);

    const json = { 'Content-Type': 'application/json' };
    const bad = await fetch(`${s.url}api/v1/sizing`, { method: 'POST', body: '{"model":', headers: json });
    expect(bad.status).toBe(400);
    const big = await fetch(`${s.url}api/v1/sizing`, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024), headers: json });
    expect(big.status).toBe(413);
    // fetch sends a string body as text/plain: refused, as a page on another site would send it
    expect((await fetch(`${s.url}api/v1/sizing`, { method: 'POST', body: JSON.stringify(EXAMPLE) })).status).toBe(415);
    expect((await fetch(`${s.url}api/v1/nope`)).status).toBe(404);
    expect((await fetch(`${s.url}api/v1/sizing`)).status).toBe(405);

    const page = await fetch(s.url);
    expect(page.status).toBe(200);
    // web/index.html, its script and style sheet named by their version: the digest the server tags them with.
    const tags = Object.fromEntries(await Promise.all(['app.js', 'style.css'].map(async (f) => [f, (await fetch(`${s.url}${f}`)).headers.get('etag')!.slice(1, -1)] as const)));
    const source = readFileSync(join(ROOT, 'web', 'index.html'), 'utf8');
    expect(await page.text()).toBe(source.replace('href="style.css"', `href="style.css?v=${tags['style.css']}"`).replace('src="app.js"', `src="app.js?v=${tags['app.js']}"`));
    for (const f of ['app.js', 'style.css']) expect((await fetch(`${s.url}${f}?v=${tags[f]}`)).headers.get('cache-control'), f).toBe('max-age=31536000, immutable');
    for (const path of ['/../package.json', '/../../etc/passwd', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/..%2f..%2fpackage.json', '//etc/passwd', '/catalog-data/models.json', '/cli.cjs']) {
      const r = await rawGet(s.port, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('devDependencies');
      expect(r.body, path).not.toContain('root:');
    }

    s.child.kill('SIGINT');
    const end = await s.exited;
    expect(end.signal).toBeNull();
    expect(end.code, end.stderr).toBe(0);
    expect(end.stderr).toBe('');
  });

  it('stops with exit 0 on SIGTERM, even with a keep-alive connection open', async () => {
    const s = await start(['--port', '0', '--host', '127.0.0.1']);
    const res = await fetch(`${s.url}api/v1/catalog`, { headers: { Connection: 'keep-alive' } });
    expect(res.status).toBe(200);
    await res.json();
    s.child.kill('SIGTERM');
    const end = await s.exited;
    expect(end.code, end.stderr).toBe(0);
  });

  it('refuses a port in use with the usual one-line problem and exit 2', async () => {
    const s = await startServeInProcess(['serve', '--port', '0']);
    try {
      const second = await runCli(['serve', '--port', String(s.port)]);
      expect(second.status).toBe(2);
      expect(second.stdout).toBe('');
      expect(second.stderr).toContain(`llm-sizing: --port: got ${s.port}`);
      expect(second.stderr).toContain('EADDRINUSE');
    } finally {
      expect((await s.stop()).code).toBe(0);
    }
  });

  it('run in process with Io.stop already aborted: returns 0 at once, listening on nothing', async () => {
    let out = '';
    const io: Io = { stdout: (t) => (out += t), stderr: (t) => (out += t), stdin: Readable.from([]), now: () => new Date(0), env: {}, stop: AbortSignal.abort() };
    expect(await runCommand(['serve', '--port', '0'], io)).toBe(0);
    expect(out).toBe('');
  });

  it('has a --help with examples, and the main --help mentions it', async () => {
    const help = await runCli(['serve', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('llm-sizing serve [--port N] [--host H]');
    expect(help.stdout).toContain('--port N');
    expect(help.stdout).toContain('default 8787');
    expect(help.stdout).toContain('llm-sizing serve --port 0');
    expect((await runCli(['--help'])).stdout).toContain('llm-sizing serve');
  });

  it('keeps hono out of the CLI bundle that every other command loads', () => {
    const app = readFileSync(join(DIST, 'app.cjs'), 'utf8');
    expect(app).not.toMatch(/hono/i);
    expect(app).toContain('./serve.cjs');
    expect(readFileSync(join(DIST, 'serve.cjs'), 'utf8')).toMatch(/hono/i);
  });
});
