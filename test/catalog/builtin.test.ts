/** The shipped catalog: valid against the schema, consistent, and the original tool's entries. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { parseCatalogFile } from '../../src/catalog/load.ts';
import { VERSION } from '../../src/version.ts';

const data = (file: string) => readFileSync(fileURLToPath(new URL(`../../src/catalog/data/${file}`, import.meta.url)), 'utf8');

describe('built-in catalog', () => {
  it.each([
    ['models', 'models.json'],
    ['servers', 'servers.json'],
    ['storage', 'storage.json'],
  ] as const)('%s passes the schema and every consistency rule', (kind, file) => {
    const r = parseCatalogFile(kind, data(file), file);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it("ships the original tool's entries", () => {
    expect(BUILTIN_CATALOG.models.map((m) => m.name)).toEqual(expect.arrayContaining(['opt-oss-120b', 'opt-oss-20b']));
    expect(BUILTIN_CATALOG.servers.map((s) => s.name)).toEqual(expect.arrayContaining(['dgx300', 'dgx200']));
    expect(BUILTIN_CATALOG.storage.map((s) => s.name)).toEqual(expect.arrayContaining(['profile_default', 'profile_network_ssd', 'profile_cloud_premium']));
  });

  it('holds the geometry of QUICKREF.md (18 + 18 and 12 + 12 layers, window 128, 8 KV heads, 131k)', () => {
    const m = Object.fromEntries(BUILTIN_CATALOG.models.map((x) => [x.name, x]));
    expect([m['opt-oss-120b']?.num_layers, m['opt-oss-120b']?.hybrid_full_layers, m['opt-oss-20b']?.num_layers]).toEqual([36, 18, 24]);
    expect(m['opt-oss-20b']?.sliding_window).toBe(128);
  });
});

describe('version', () => {
  it('equals package.json', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});

describe('the real models of the catalog', () => {
  it('are exactly what the importer reads from the configs (node scripts/gen-model-catalog.mjs --check)', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/gen-model-catalog.mjs', '--check'], { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('name every model of the fixtures, as its publisher does, with its repository', () => {
    const real = BUILTIN_CATALOG.models.filter((m) => !m.name.startsWith('opt-oss-'));
    expect(real).toHaveLength(23);
    for (const m of real) expect(m.hf_repo?.endsWith(`/${m.name}`)).toBe(true);
  });
});
