/**
 * The README and the pages of docs/ against the server: each documented `llm-sizing serve …` command
 * (a shell-block line of any of them; the same command shown twice is started once) is run in process
 * (on any free port instead of the one shown), answers, and stops with exit 0 (the built command's
 * process and its signals are test/server/serve.test.ts's); each
 * `curl` line is sent in process (`app.request`) to the application `serve` listens with, bound as the
 * documented 127.0.0.1:8787 (files read from the repository), and must answer the status its comment
 * gives.
 * The curl lines are read, not run by a shell: -s, -X, -H, -d and --data-binary @FILE are understood,
 * anything else fails the test, so the documents cannot show an option that is not checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { API_CSP } from '../../src/server/headers.ts';
import { MAX_BODY_BYTES, MAX_CONFIG_LAYERS, MAX_JSON_DEPTH, SERVE_LIMITS } from '../../src/server/limits.ts';
import { type ShellCommand, shellCommands, splitWords } from '../docs/cli.ts';
import { DOC_FILES } from '../docs/files.ts';
import { ROOT } from '../helpers/cli.ts';
import { startServeInProcess } from '../helpers/serve.ts';

/** Every shell-block command of every document, with the document it is in. */
const commands: (ShellCommand & { file: string })[] = DOC_FILES.flatMap((file) =>
  shellCommands(readFileSync(join(ROOT, file), 'utf8')).map((c) => ({ ...c, file })),
);
const serveCommands = commands.filter((c) => /^(npx\s+)?llm-sizing serve\b/.test(c.text));
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
  // As curl does: -d and --data-binary send a form's type unless -H names one.
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { url, init: { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) } };
}

describe('documented llm-sizing serve commands', () => {
  it('shows at least the default and --port 0', () => {
    expect(serveCommands.map((c) => c.text)).toEqual(expect.arrayContaining(['llm-sizing serve', 'llm-sizing serve --port 0']));
    expect(serveCommands.map((c) => c.file)).toContain('README.md');
  });
  const distinct = [...new Set(serveCommands.map((c) => c.text))];
  const where = (text: string) => serveCommands.filter((c) => c.text === text).map((c) => `${c.file}:${c.line}`).join(', ');
  it.each(distinct.map((text) => [`${text} (${where(text)})`, text] as const))('%s starts, answers, and stops with exit 0', async (_t, text) => {
    const words = splitWords(text.replace(/^npx\s+/, '')).slice(1);
    const i = words.indexOf('--port');
    const args = i >= 0 ? words.map((w, j) => (j === i + 1 ? '0' : w)) : [...words, '--port', '0'];
    const s = await startServeInProcess(args);
    expect((await fetch(`${s.url}api/v1/health`)).status).toBe(200);
    expect((await s.stop()).code).toBe(0);
  });
});

describe('docs/api.md: the headers and limits it states', () => {
  it('are the numbers of src/server/limits.ts', () => {
    const section = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
    const fmt = (n: number) => n.toLocaleString('en');
    expect(section).toContain(`at most **${SERVE_LIMITS.maxConnections}** connections at once`);
    expect(section).toContain(`within **${SERVE_LIMITS.headersTimeoutMs / 1000} s** of connecting`);
    expect(section).toContain(`a whole request within **${SERVE_LIMITS.requestTimeoutMs / 1000} s**`);
    expect(section).toContain(`after **${SERVE_LIMITS.keepAliveTimeoutMs / 1000} s** without a request`);
    expect(section).toContain(`after **${SERVE_LIMITS.idleTimeoutMs / 1000} s** without`);
    expect(section).toContain(`more than **${MAX_JSON_DEPTH}** levels deep`);
    expect(section).toContain(`more than **${fmt(MAX_CONFIG_LAYERS)}** layers`);
    expect(section).toContain(`over **1 MiB** (${fmt(MAX_BODY_BYTES)} bytes)`);
    expect(section).toContain(`Content-Security-Policy: ${API_CSP}`);
  });
});

describe('documented curl examples', () => {
  // As `llm-sizing serve` builds it, bound where the documents say, with the tests' pinned report date.
  const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' }, webRoot: join(ROOT, 'web'), bound: () => ({ host: '127.0.0.1', port: 8787 }) });

  it('shows them', () => {
    expect(curls.length).toBeGreaterThanOrEqual(6);
  });

  it.each(curls.map((c) => [`${c.file}:${c.line}: ${c.text.slice(0, 80)}`, c] as const))('%s', async (_n, c) => {
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
