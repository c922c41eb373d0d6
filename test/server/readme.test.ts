/**
 * The README's "Web app and HTTP API" section: each documented `llm-sizing serve …` command starts
 * the BUILT command for real (on any free port instead of the one shown) and stops with exit 0 on
 * SIGINT; each `curl` line is sent to the same application in process (`app.request`, the handler the
 * server listens with; files read from the repository) and must answer the status its comment gives.
 * The curl lines are read, not run by a shell: -s, -X, -H, -d and --data-binary @FILE are understood,
 * anything else fails the test, so the README cannot show an option that is not checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { shellCommands, splitWords } from '../docs/cli.ts';
import { ROOT } from '../helpers/cli.ts';
import { startServer } from '../helpers/serve.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Web app and HTTP API'), README.indexOf('\n## ', README.indexOf('## Web app and HTTP API') + 5));
const commands = shellCommands(section);
const serveCommands = commands.filter((c) => /^llm-sizing serve\b/.test(c.text));
const curls = commands.filter((c) => c.text.startsWith('curl '));

/** A documented curl line as a fetch. */
function curlRequest(text: string, base: string): { url: string; init: RequestInit } {
  const words = splitWords(text).slice(1);
  let url: string | undefined;
  let method: string | undefined;
  let body: string | undefined;
  const headers: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-s') continue;
    if (w === '-X') method = words[++i];
    else if (w === '-H') {
      const [name, ...value] = (words[++i] ?? '').split(':');
      headers[name!.trim()] = value.join(':').trim();
    } else if (w === '-d') body = words[++i];
    else if (w === '--data-binary') {
      const arg = words[++i] ?? '';
      body = arg.startsWith('@') ? readFileSync(join(ROOT, arg.slice(1)), 'utf8') : arg;
    } else if (w.startsWith('http://127.0.0.1:8787/')) url = base + w.slice('http://127.0.0.1:8787'.length);
    else throw new Error(`curl option not understood by this test: ${w}`);
  }
  if (url === undefined) throw new Error(`no http://127.0.0.1:8787/ URL in: ${text}`);
  return { url, init: { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) } };
}

describe('README: llm-sizing serve commands', () => {
  it('shows at least the default and --port 0', () => {
    expect(serveCommands.map((c) => c.text)).toEqual(['llm-sizing serve', 'llm-sizing serve --port 0']);
  });
  it.each(serveCommands.map((c) => [c.text, c] as const))('%s starts, and stops with exit 0 on SIGINT', async (_t, c) => {
    const words = splitWords(c.text).slice(1);
    const i = words.indexOf('--port');
    const args = i >= 0 ? words.map((w, j) => (j === i + 1 ? '0' : w)) : [...words, '--port', '0'];
    const s = await startServer(args);
    expect((await fetch(`${s.url}api/v1/health`)).status).toBe(200);
    s.child.kill('SIGINT');
    expect((await s.exited).code).toBe(0);
  });
});

describe('README: curl examples', () => {
  // As `llm-sizing serve` builds it, with the tests' pinned report date.
  const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' }, webRoot: join(ROOT, 'web') });

  it('shows them', () => {
    expect(curls.length).toBeGreaterThanOrEqual(6);
  });

  it.each(curls.map((c) => [`line ${c.line}: ${c.text.slice(0, 80)}`, c] as const))('%s', async (_n, c) => {
    const status = /^HTTP (\d{3})\b/.exec(c.comment ?? '');
    expect(status, `line ${c.line}: the comment above must start with "HTTP <status>"`).not.toBeNull();
    const { url, init } = curlRequest(c.text, 'http://127.0.0.1:8787');
    const res = await app.request(url, init);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(Number(status![1]));
    const nodes = /(\d+) \/ (\d+) \/ (\d+) nodes/.exec(c.comment ?? '');
    if (nodes) {
      const doc = JSON.parse(text) as { scenarios: Record<string, { results: { nodes_final: number } }> };
      expect(['minimum', 'recommended', 'ideal'].map((k) => doc.scenarios[k]!.results.nodes_final)).toEqual(nodes.slice(1, 4).map(Number));
    }
  });
});
