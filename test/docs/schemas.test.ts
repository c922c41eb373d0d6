/**
 * The published JSON Schemas (docs/schema/*.json) match the code, and what the CLI and the built-in
 * catalog really produce validates against the zod schemas they are generated from.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { checkCatalogData } from '../../src/catalog/load.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { type CatalogKind, ModelsFileSchema, ServersFileSchema, StorageFileSchema } from '../../src/schema/catalog.ts';
import { SizingOutputSchema } from '../../src/schema/output.ts';
import { ROOT, runCli, scratchDir } from './cli.ts';

const REPORT_EXAMPLE = [
  '--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default',
  '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16',
];
const INFEASIBLE = [
  '--model', 'opt-oss-120b', '--server', 'dgx200', '--storage', 'profile_default',
  '--concurrency', '10', '--effective-context', '131072', '--kv-precision', 'fp16', '--runtime-overhead-gib', '1045',
];

function issues(result: { success: boolean; error?: { issues: readonly unknown[] } }): string {
  return result.success ? '' : JSON.stringify(result.error?.issues.slice(0, 5), null, 2);
}

async function jsonOnly(args: readonly string[]): Promise<{ status: number | null; doc: unknown }> {
  const run = await runCli([...args, '--json-only']);
  expect(run.stderr).toBe('');
  return { status: run.status, doc: JSON.parse(run.stdout) as unknown };
}

describe('docs/schema/*.schema.json', () => {
  it('are up to date with the code (npm run schemas)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-schemas.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr, r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('are draft 2020-12 documents with a title', () => {
    for (const file of ['sizing-output', 'models', 'servers', 'storage', 'request']) {
      const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'schema', `${file}.schema.json`), 'utf8')) as Record<string, unknown>;
      expect(schema.$schema, file).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(typeof schema.title, file).toBe('string');
      expect(schema.type, file).toBe('object');
    }
  });
});

describe('--json-only output validates against SizingOutputSchema', () => {

  it('the report example (exit 0, 4 / 5 / 7 nodes)', async () => {
    const { status, doc } = await jsonOnly(REPORT_EXAMPLE);
    expect(status).toBe(0);
    const parsed = z.safeParse(SizingOutputSchema, doc);
    expect(parsed.success, issues(parsed)).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.feasible).toBe(true);
    expect(parsed.data.locale).toBe('en');
    expect(SCENARIO_KEYS.map((k) => parsed.data.scenarios[k].results.nodes_final)).toEqual([4, 5, 7]);
    expect(SCENARIO_KEYS.map((k) => parsed.data.scenarios[k].results.sessions_per_node)).toEqual([314, 314, 292]);
    expect(parsed.data.kv_cache.bytes_per_session).toBe(4_836_556_800);
  });

  it('the report example in pt-BR', async () => {
    const { status, doc } = await jsonOnly([...REPORT_EXAMPLE, '--lang', 'pt-BR']);
    expect(status).toBe(0);
    const parsed = z.safeParse(SizingOutputSchema, doc);
    expect(parsed.success, issues(parsed)).toBe(true);
    if (parsed.success) expect(parsed.data.scenarios.minimum.name).toBe('MÍNIMO');
  });

  it('an infeasible sizing (exit 3, node counts null)', async () => {
    const { status, doc } = await jsonOnly(INFEASIBLE);
    expect(status).toBe(3);
    const parsed = z.safeParse(SizingOutputSchema, doc);
    expect(parsed.success, issues(parsed)).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.feasible).toBe(false);
    for (const key of SCENARIO_KEYS) {
      const s = parsed.data.scenarios[key];
      expect(s.feasible).toBe(false);
      expect(s.results.sessions_per_node).toBe(0);
      expect([s.results.nodes_capacity, s.results.nodes_with_headroom, s.results.nodes_final]).toEqual([null, null, null]);
    }
    expect(parsed.data.alerts[0]).toMatchObject({ code: 'zero_sessions_per_node', severity: 'error' });
  });

  it('is not a vacuous check: a broken document is refused', async () => {
    const { doc } = await jsonOnly(REPORT_EXAMPLE);
    const broken = structuredClone(doc) as { scenarios: { minimum: { results: Record<string, unknown> } }; surprise?: boolean };
    broken.scenarios.minimum.results.nodes_final = '4';
    expect(z.safeParse(SizingOutputSchema, broken).success).toBe(false);
    const extra = structuredClone(doc) as Record<string, unknown>;
    extra.surprise = true;
    expect(z.safeParse(SizingOutputSchema, extra).success).toBe(false);
  });

  describe('--output-json-file', () => {
    const dir = scratchDir('llm-sizing-json-file-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the same document --json-only prints', async () => {
      const run = await runCli([...REPORT_EXAMPLE, '--output-json-file', 'sizing.json'], { cwd: dir });
      expect(run.status).toBe(0);
      const written = readFileSync(join(dir, 'sizing.json'), 'utf8');
      expect(written).toBe((await runCli([...REPORT_EXAMPLE, '--json-only'])).stdout);
      expect(z.safeParse(SizingOutputSchema, JSON.parse(written)).success).toBe(true);
    });
  });
});

describe('the built-in catalog files validate against the catalog file schemas', () => {
  const files: readonly { kind: CatalogKind; file: string; schema: z.ZodMiniType }[] = [
    { kind: 'models', file: 'models.json', schema: ModelsFileSchema },
    { kind: 'servers', file: 'servers.json', schema: ServersFileSchema },
    { kind: 'storage', file: 'storage.json', schema: StorageFileSchema },
  ];

  it.each(files.map((f) => [f.file, f] as const))('src/catalog/data/%s', (_name, { kind, file, schema }) => {
    const data = JSON.parse(readFileSync(join(ROOT, 'src', 'catalog', 'data', file), 'utf8')) as unknown;
    const parsed = z.safeParse(schema, data);
    expect(parsed.success, issues(parsed)).toBe(true);
    // …and the consistency rules of src/catalog/rules.ts (what `--models-file` etc. also apply).
    const checked = checkCatalogData(kind, data, file);
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });

  it.each(files.map((f) => [`my-${f.kind}.json`, { ...f, file: `my-${f.kind}.json` }] as const))('docs/examples/%s (docs/catalog.md)', (_name, { kind, file, schema }) => {
    const data = JSON.parse(readFileSync(join(ROOT, 'docs', 'examples', file), 'utf8')) as unknown;
    const parsed = z.safeParse(schema, data);
    expect(parsed.success, issues(parsed)).toBe(true);
    const checked = checkCatalogData(kind, data, file);
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });
});
