/**
 * `llm-sizing validate FILE...` in process (runCli): the built-in catalog and the original tool's
 * files pass; a file with several faults gets every one, with entry and field, exit 2; --fix-suggestions,
 * --json-only, pt-BR; bad input (no file, not a file, not JSON, too deep, no catalog) is refused as
 * everywhere: exit 2, one message on stderr, nothing on stdout.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { validateCatalogText } from '../../src/catalog/validate.ts';
import { PERF_CALIBRATION } from '../../src/engines/perf/calibration.ts';
import type { ValidateDocument } from '../../src/cli/validate-command.ts';
import { MAX_JSON_DEPTH } from '../../src/schema/json-depth.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { model, server, storage } from '../helpers/catalog.ts';

const tmp = tempDir('validate');
afterAll(() => tmp.remove());
const file = (name: string, content: unknown) => {
  const path = join(tmp.path, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};
const DATA = ['models', 'servers', 'storage', 'perf-calibration', 'prices'].map((f) => `src/catalog/data/${f}.json`);

describe('the built-in catalog', () => {
  it('passes: every file, exit 0, each kind told by its key', async () => {
    const r = await runCli(['validate', ...DATA]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`src/catalog/data/models.json: models, ${BUILTIN_CATALOG.models.length} entries, no problem`);
    expect(r.stdout).toContain(`src/catalog/data/perf-calibration.json: performance calibration, ${PERF_CALIBRATION.sets.length} entries, no problem`);
    expect(r.stdout).toMatch(/src\/catalog\/data\/prices\.json: prices, \d+ entries, no problem/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('5 files checked: no problem.');
  });

  it("and the original tool's own files (its two models, two servers and three profiles) pass", async () => {
    const models = file('models.json', { models: [model('opt-oss-120b'), model('opt-oss-20b')] });
    const servers = file('servers.json', { servers: [server('dgx300'), server('dgx200')] });
    const profiles = file('storage.json', { profiles: BUILTIN_CATALOG.storage.filter((p) => p.name.startsWith('profile_')) });
    const r = await runCli(['validate', models, servers, profiles, '--json-only']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as ValidateDocument;
    expect(doc).toMatchObject({ valid: true, problems: 0 });
    expect(doc.files.map((f) => [f.kind, f.entries])).toEqual([['models', 2], ['servers', 2], ['storage', 3]]);
  });
});

const bad = {
  servers: [
    { ...server('dgx-h200'), name: 'typo', total_hbm_gb: 1100, memory_bandwidth_tbps_per_gpu: 4800, fp8_dense_tflops_per_gpu: 3958 },
    { name: 'broken', gpus: -1, hbm_per_gpu_gb: '80' },
    server('dgx-h100'),
  ],
};

describe('a file with several faults', () => {
  it('reports every one, entry by entry, each with its entry and field, and exits 2', async () => {
    const r = await runCli(['validate', file('bad-servers.json', bad)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/bad-servers\.json: servers, 3 entries, 7 problems$/);
    const fields = lines.filter((l) => l.startsWith('  servers[')).map((l) => l.trim().split(':')[0]);
    expect(fields).toEqual([
      'servers[0] (typo).total_hbm_gb',
      'servers[0] (typo).memory_bandwidth_tbps_per_gpu',
      'servers[0] (typo).memory_bandwidth_tbps_per_gpu',
      'servers[0] (typo).bf16_dense_tflops_per_gpu',
      'servers[0] (typo).fp8_dense_tflops_per_gpu',
      'servers[1] (broken).gpus',
      'servers[1] (broken).hbm_per_gpu_gb',
    ]);
    expect(r.stdout).not.toContain('suggested');
  });

  it('--fix-suggestions prints the corrected value where the rule knows it', async () => {
    const r = await runCli(['validate', file('bad-servers.json', bad), '--fix-suggestions']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('    suggested: total_hbm_gb = 1128');
    expect(r.stdout).toContain('    suggested: memory_bandwidth_tbps_per_gpu = 4.8');
    expect(r.stdout).toContain('    suggested: fp8_dense_tflops_per_gpu = 1979');
  });

  it('--json-only: one document with every problem as data, its message and (with --fix-suggestions) its fix', async () => {
    const r = await runCli(['validate', file('bad-servers.json', bad), '--json-only', '--fix-suggestions']);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as ValidateDocument;
    expect(doc.valid).toBe(false);
    expect(doc.problems).toBe(7);
    const first = doc.files[0]!.problems[0]!;
    expect(first).toMatchObject({ field: 'servers[0] (typo).total_hbm_gb', value: 1100, accepted: { kind: 'rule', rule: 'server_total_hbm' }, fix: { field: 'servers[0] (typo).total_hbm_gb', value: 1128 } });
    expect(first.message).toContain('8 × 141 = 1128');
  });

  it('speaks pt-BR', async () => {
    const r = await runCli(['validate', file('bad-servers.json', bad), '--fix-suggestions', '--lang', 'pt-BR']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/servidores, 3 entradas, 7 problemas/);
    expect(r.stdout).toContain('sugestão: total_hbm_gb = 1128');
    expect(r.stdout).toContain('1 arquivo verificado: 7 problemas.');
  });

  it('models, storage and calibration files are checked too', async () => {
    const models = file('m.json', { models: [{ ...model('Meta-Llama-3.1-8B'), head_dim: 1024, kv_layers: undefined, active_params_b: 20 }] });
    const profiles = file('p.json', { profiles: [{ ...storage('profile_default'), throughput_read_gbps: 28_000, latency_write_ms_p99: 0.01 }] });
    const cal = JSON.parse(JSON.stringify(await import('../../src/catalog/data/perf-calibration.json', { with: { type: 'json' } }).then((m) => m.default)));
    cal.sets[1].engine = cal.sets[0].engine;
    cal.sets[0].constants.compute_efficiency = 0.9;
    const r = await runCli(['validate', models, profiles, file('cal.json', cal), '--json-only', '--fix-suggestions']);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as ValidateDocument;
    expect(doc.files.map((f) => f.problems.map((p) => (p.accepted.kind === 'rule' ? p.accepted.rule : p.accepted.kind)))).toEqual([
      ['head_dim_hidden', 'active_within_total'],
      ['throughput_iops', 'latency_percentiles'],
      ['efficiency_ceiling', 'calibration_key_unique'],
    ]);
    expect(doc.files[1]!.problems[0]!.fix?.value).toBe(28);
  });

  it('prices files: the loader\'s checks and the price rules; a server of a servers file given with it is known', async () => {
    const servers = file('my-servers.json', { servers: [{ ...server('dgx-h100'), name: 'my-node' }] });
    const prices = file('prices.json', {
      as_of: '2026-06-01',
      prices: [
        { server: 'dgx-h100', on_demand_usd_per_gpu_hour: 6, reserved_usd_per_gpu_hour: 7, source: 's', date: '2026-05-01' },
        { server: 'my-node', on_demand_usd_per_gpu_hour: 5, source: 's', date: '2026-07-01' },
      ],
    });
    const r = await runCli(['validate', servers, prices, '--json-only']);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as ValidateDocument;
    expect(doc.files[1]!.problems.map((p) => [p.field, p.accepted.kind === 'rule' ? p.accepted.rule : p.accepted.kind])).toEqual([
      ['prices[0] (dgx-h100).reserved_usd_per_gpu_hour', 'price_reserved_above_on_demand'],
      ['prices[1] (my-node).date', 'price_date_after_as_of'],
    ]);
    const alone = await runCli(['validate', file('p2.json', { prices: [{ server: 'nope', on_demand_usd_per_gpu_hour: -1, source: 's', date: 'yesterday' }] })]);
    expect(alone.status).toBe(2);
    expect(alone.stdout).toMatch(/prices\[0\] \(nope\)\.on_demand_usd_per_gpu_hour: got -1/);
    expect(alone.stdout).toMatch(/prices\[0\] \(nope\)\.date/);
  });

  it('a bare list is told by its entries', () => {
    expect(validateCatalogText(JSON.stringify([server('dgx200')]), 'f').kind).toBe('servers');
    expect(validateCatalogText(JSON.stringify([storage('profile_default')]), 'f').kind).toBe('storage');
  });
});

describe('bad input: exit 2, one clear message each on stderr, nothing on stdout', () => {
  it.each([
    ['no file', [], /FILE is missing/],
    ['a file that does not exist', [join('no', 'such.json')], /FILE: got ".*such\.json"; expected a readable file/],
    ['a folder', ['src'], /FILE: got "src"; expected a readable file/],
    ['not JSON', ['@notjson'], /is not valid JSON/],
    ['nested too deep', ['@deep'], new RegExp(`at most ${MAX_JSON_DEPTH} levels`)],
    ['no catalog key', ['@other'], /a catalog file with one of the top-level keys models, servers, profiles, sets, prices/],
  ])('%s', async (_why, files, message) => {
    const paths = files.map((f) =>
      f === '@notjson' ? file('x.json', '{"models": [') : f === '@deep' ? file('deep.json', `${'['.repeat(MAX_JSON_DEPTH + 2)}${']'.repeat(MAX_JSON_DEPTH + 2)}`) : f === '@other' ? file('o.json', { things: [] }) : f,
    );
    const r = await runCli(['validate', ...paths]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a file too large for a catalog', async () => {
    const big = file('big.json', `{"models": [], "pad": "${'x'.repeat(17 * 1024 * 1024)}"}`);
    const r = await runCli(['validate', big]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/big\.json/);
  });

  it('--help shows examples in both languages', async () => {
    for (const lang of ['en', 'pt-BR']) {
      const r = await runCli(['validate', '--help', '--lang', lang]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('llm-sizing validate servers.json --fix-suggestions');
      expect(r.stdout).toContain('--fix-suggestions');
    }
  });
});

describe("the seed cases' own catalogs (synthetic, test/fixtures/seed-v2-cases.json)", () => {
  it('models and servers pass; 16 storage profiles move more at 4 KiB × IOPS than their throughput, and nothing else is reported (docs/catalog.md)', async () => {
    const { SEED_CASES } = await import('../helpers/seed.ts');
    const rules = new Map<string, Set<string>>();
    for (const c of SEED_CASES) {
      if (!c.catalog) continue;
      for (const [kind, key] of [['models', 'models'], ['servers', 'servers'], ['storage', 'profiles']] as const) {
        const r = validateCatalogText(JSON.stringify({ [key]: c.catalog[kind] }), c.id);
        for (const x of r.findings) {
          const rule = x.problem.accepted.kind === 'rule' ? x.problem.accepted.rule : x.problem.accepted.kind;
          if (!rules.has(rule)) rules.set(rule, new Set());
          rules.get(rule)!.add(`${c.id}/${x.problem.field.split('.')[0]}`);
        }
      }
    }
    expect([...rules.keys()]).toEqual(['throughput_iops']);
    expect(rules.get('throughput_iops')!.size).toBe(16);
  });
});
