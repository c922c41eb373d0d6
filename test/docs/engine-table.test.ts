/**
 * The engine tables of docs/engines.md cannot drift from the code:
 * - "Engine logs: predicted vs reported KV memory": one row per PREDICTED entry of
 *   test/engine/log-cases.ts (reported and predicted GiB to 2 decimals, the error to 1 decimal, hit or
 *   miss and why as pinned there) and one row per CALIBRATED entry (the log's tokens and ours exactly,
 *   the gap, the range the engine-log test allows, the known gap's reason);
 * - the layouts compared in "Example: vLLM at TP 4": each row's sessions per node, weights per GPU and
 *   KV memory are those of the docs/engines.md command with the same label, run with the CLI (in process);
 * - docs/json-contract.md names every field of `scenarios.*.engine` and every deployment field of a
 *   request, with what it accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { REQUEST_FIELD_SPECS, REQUEST_FIELDS } from '../../src/schema/request.ts';
import { CALIBRATED, capacity, PREDICTED } from '../engine/log-cases.ts';
import { cliArgsOf, ROOT, runCli, shellCommands } from './cli.ts';

const DOC = readFileSync(join(ROOT, 'docs', 'engines.md'), 'utf8');

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A cell without code marks, emphasis and links (their text kept). */
function plain(cell: string): string {
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`|\*\*/g, '')
    .trim();
}

/** Every Markdown table of a text: its header and rows, cells plain. */
function tables(markdown: string): Table[] {
  const lines = markdown.split('\n');
  const cells = (line: string) => line.split('|').slice(1, -1).map(plain);
  const out: Table[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !/^\|[\s|:-]+\|$/.test(lines[i + 1]!)) continue;
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(cells(lines[j]!));
    out.push({ header: cells(lines[i]!), rows });
    i = j;
  }
  return out;
}

function table(first: string): Table {
  const found = tables(DOC).filter((t) => t.header[0] === first);
  expect(found, `docs/engines.md: one table whose header starts "| ${first} |"`).toHaveLength(1);
  return found[0]!;
}

/** An integer as the document writes it: 31,232; negative with a minus sign (−32). */
const int = (n: number) => `${n < 0 ? '−' : ''}${Math.abs(n).toLocaleString('en-US')}`;
/** A signed integer: +16, −32, 0. */
const signed = (n: number) => (n > 0 ? `+${int(n)}` : int(n));

/** The row whose first cell is `label`: exactly one. */
function rowOf(t: Table, label: string): readonly string[] {
  const rows = t.rows.filter((r) => r[0] === label);
  expect(rows, `one row "${label}"`).toHaveLength(1);
  return rows[0]!;
}

describe('docs/engines.md: engine logs, predicted vs reported KV memory', () => {
  const t = table('engine log (predicted)');

  it('has the columns it is read by', () => {
    expect(t.header).toEqual(['engine log (predicted)', 'engine', 'reported, GiB', 'predicted, GiB', 'error', 'hit or miss, and why']);
  });

  it('has one row per PREDICTED entry, and no other', () => {
    expect(t.rows.map((r) => r[0]).sort()).toEqual(PREDICTED.map((e) => e.log).sort());
  });

  it.each(PREDICTED.map((e) => [e.log, e] as const))('%s', (_log, e) => {
    const row = rowOf(t, e.log);
    // As test/engine/logs.test.ts computes it.
    const c = capacity(e.m, e.s, e.engine, 'bf16', e.context, e.request);
    const error = ((c.per_gpu.kv_cache_gib - e.logGib) / e.logGib) * 100;
    expect(row[1], 'engine').toBe(e.engine);
    expect(row[2], 'reported GiB').toBe(e.logGib.toFixed(2));
    expect(row[3], 'predicted GiB').toBe(c.per_gpu.kv_cache_gib.toFixed(2));
    expect(row[4], 'error').toBe(`${error > 0 ? '+' : error < 0 ? '−' : ''}${Math.abs(error).toFixed(1)} %`);
    expect(row[5], 'why').toBe(e.why);
    expect(row[5]?.startsWith('hit'), 'a hit is within 15 %').toBe(Math.abs(error) <= 15);
  });
});

describe('docs/engines.md: engine logs, capacity calibrated on the reported KV memory', () => {
  const t = table('engine log (calibrated)');

  it('has the columns it is read by', () => {
    expect(t.header).toEqual(['engine log (calibrated)', 'engine', 'reported, GiB', "the log's tokens", 'our tokens', 'gap, tokens', 'allowed', 'why']);
  });

  const label = (log: string) => log.split(':')[0]!.trim();

  it('has one row per CALIBRATED entry, and no other', () => {
    expect(t.rows.map((r) => r[0]).sort()).toEqual(CALIBRATED.map((e) => label(e.log)).sort());
  });

  it.each(CALIBRATED.map((e) => [label(e.log), e] as const))('%s', (name, e) => {
    const row = rowOf(t, name);
    const reported = e.request.kv_cache_memory_gib;
    if (reported === undefined) throw new Error(`${name}: no kv_cache_memory_gib`);
    // As test/engine/logs.test.ts checks it: within one block, widened by the log's printing rounding.
    const at = (gib: number) => capacity(e.m, e.s, e.engine, e.precision, e.context, { ...e.request, kv_cache_memory_gib: gib });
    const rounding = e.rounding ?? 0.005;
    const mid = at(reported);
    const lo = at(reported - rounding);
    const hi = at(reported + rounding);
    const logTokens = e.tokens ?? (e.blocks ?? Number.NaN) * mid.block_size;
    const from = lo.kv_tokens - mid.block_size;
    const to = hi.kv_tokens + mid.block_size;
    expect(row[1], 'engine').toBe(e.engine);
    expect(row[2], 'reported GiB').toBe(reported.toFixed(2));
    expect(row[3], "the log's tokens").toBe(`${int(logTokens)}${e.blocks === undefined ? '' : ` (${int(e.blocks)} blocks)`}`);
    expect(row[4], 'our tokens').toBe(`${int(mid.kv_tokens)}${mid.num_blocks === null ? '' : ` (${int(mid.num_blocks)} blocks)`}`);
    expect(row[5], 'gap').toBe(signed(mid.kv_tokens - logTokens));
    expect(row[6], 'allowed').toBe(`${int(from)}–${int(to)}`);
    const inside = logTokens >= from && logTokens <= to;
    if (e.knownGap) {
      expect(inside, 'a known gap is outside the allowed range').toBe(false);
      expect(row[7], 'why').toContain(e.knownGap.why);
    } else {
      expect(inside, `${int(logTokens)} within ${row[6]}`).toBe(true);
      expect(row[7]).not.toMatch(/known gap/);
    }
  });
});

describe('docs/engines.md: the layouts of "Example: vLLM at TP 4"', () => {
  const t = table('layout and memory model');
  const commands = new Map<string, string[]>();
  for (const c of shellCommands(DOC)) {
    const words = cliArgsOf(c.text);
    const labelled = c.comment === undefined ? null : /^(.+?):\s*\d+ \/ \d+ \/ \d+ nodes$/.exec(c.comment);
    if (words && labelled) commands.set(labelled[1]!, words);
  }

  it('has the columns it is read by', () => {
    expect(t.header).toEqual([
      'layout and memory model', 'MINIMUM', 'RECOMMENDED', 'IDEAL', 'sessions per node', 'weights per GPU, GiB', 'KV cache per GPU (per node), GiB',
    ]);
    expect(t.rows.length).toBeGreaterThanOrEqual(5);
  });

  it.each(t.rows.map((r) => [r[0]!, r] as const))('%s', async (name, row) => {
    const words = commands.get(name);
    expect(words, `a command labelled "# ${name}: … nodes" in docs/engines.md`).toBeDefined();
    if (!words) return;
    const run = await runCli([...words, '--json-only']);
    expect(run.status, run.stderr).toBe(0);
    type Scenario = { results: { sessions_per_node: number; nodes_final: number; kv_budget_gib: number }; engine: { per_gpu: { weights_gib: number; kv_cache_gib: number } } | null };
    const doc = JSON.parse(run.stdout) as { scenarios: Record<string, Scenario> };
    const scenarios = SCENARIO_KEYS.map((k) => doc.scenarios[k]!);
    expect(row.slice(1, 4), 'nodes').toEqual(scenarios.map((s) => String(s.results.nodes_final)));
    const sessions = scenarios.map((s) => int(s.results.sessions_per_node));
    expect(row[4], 'sessions per node').toBe(new Set(sessions).size === 1 ? sessions[0] : sessions.join(' / '));
    const minimum = scenarios[0]!;
    const engine = minimum.engine;
    expect(row[5], 'weights per GPU').toBe(engine ? engine.per_gpu.weights_gib.toFixed(2) : '—');
    expect(row[6], 'KV per GPU (per node)').toBe(`${engine ? engine.per_gpu.kv_cache_gib.toFixed(2) : '—'} (${minimum.results.kv_budget_gib.toFixed(2)})`);
  });
});

describe('docs/json-contract.md: the engine object and the deployment request fields', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'json-contract.md'), 'utf8');
  const rows = doc.split('\n').filter((l) => l.startsWith('| `'));

  it('describes every field of scenarios.*.engine, field by field', async () => {
    const run = await runCli([
      '--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '200',
      '--effective-context', '32768', '--kv-precision', 'fp8', '--memory-model', 'vllm', '--tensor-parallel', '4', '--json-only',
    ]);
    const engine = (JSON.parse(run.stdout) as { scenarios: { minimum: { engine: Record<string, unknown> } } }).scenarios.minimum.engine;
    const keys: (readonly [string | undefined, string])[] = Object.entries(engine).flatMap(([key, value]) =>
      value !== null && typeof value === 'object' ? Object.keys(value).map((k): readonly [string | undefined, string] => [key, k]) : [[undefined, key] as const],
    );
    expect(keys.length).toBeGreaterThan(20);
    for (const [parent, key] of keys) {
      const documented = parent === undefined
        ? rows.some((r) => r.startsWith(`| \`${key}\` |`))
        : rows.some((r) => r.startsWith(`| \`${parent}.`) && (r.includes(`\`${parent}.${key}\``) || r.includes(`\`.${key}\``)));
      expect(documented, `engine.${parent === undefined ? '' : `${parent}.`}${key}`).toBe(true);
    }
  });

  it('lists every deployment field a batch line accepts, with what it accepts', () => {
    const int = (n: number) => n.toLocaleString('en-US');
    const deployment = REQUEST_FIELDS.slice(REQUEST_FIELDS.indexOf('memory_model'));
    expect(deployment.length).toBeGreaterThanOrEqual(15);
    for (const field of deployment) {
      const spec = REQUEST_FIELD_SPECS[field] as { type: string; values?: readonly string[]; min?: number; max?: number; minExclusive?: boolean };
      const accepts =
        spec.type === 'enum'
          ? (spec.values ?? []).map((v) => `"${v}"`).join(', ')
          : spec.type === 'integer'
            ? `an integer from ${int(spec.min ?? 0)} to ${int(spec.max ?? 0)}`
            : spec.minExclusive
              ? `a number above ${int(spec.min ?? 0)}, at most ${int(spec.max ?? 0)}`
              : `a number from ${int(spec.min ?? 0)} to ${int(spec.max ?? 0)}`;
      const row = rows.find((r) => r.startsWith(`| \`${field}\` | \`--${field.replace(/_/g, '-')}\` |`));
      expect(row, `a row for ${field}`).toBeDefined();
      expect(row?.split('|')[3]?.trim().replace(/`/g, ''), `what ${field} accepts`).toBe(accepts);
    }
  });
});
