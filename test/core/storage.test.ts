/**
 * Storage, cold start and failures (issue 12): each formula of src/core/storage.ts on its own, the
 * worked examples of docs/storage.md recomputed (a moved figure fails here), the plan inside a sizing,
 * and bad input (exit 2).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  capacityGib,
  degradedWindow,
  gibToTb,
  loadTimeS,
  nodeReadGib,
  placementOf,
  readRate,
  recovery,
  replicasServing,
  requiredReadGbps,
  sessionsServing,
  storageRequested,
  STORAGE_FIELDS,
} from '../../src/core/storage.ts';
import { model, server, storage } from '../helpers/catalog.ts';
import { size } from '../helpers/size.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import { SizingOutputSchema } from '../../src/schema/output.ts';

const DOC = readFileSync(join(ROOT, 'docs', 'storage.md'), 'utf8');
const nvme = storage('profile_default');
const net = storage('profile_network_ssd');
const cloud = storage('profile_cloud_premium');
const LLAMA70_BF16_GIB = 131.5;

/** The doc shows `text`, and it is what the code computes. */
function documented(value: number, digits: number, text = value.toFixed(digits)): void {
  expect(DOC, `docs/storage.md should show ${text}`).toContain(`**${text}`);
}

describe('formulas (docs/storage.md worked examples)', () => {
  it('read rate: the least of throughput, IOPS × block and queue depth × block / latency', () => {
    const a = readRate(net, 'shared', 1, 128);
    expect(a.gbps).toBeCloseTo(8.388608, 9);
    expect(a.bound).toBe('latency');
    documented(a.gbps, 6);
    const b = readRate(net, 'shared', 4, 128);
    expect([b.gbps, b.bound]).toEqual([3, 'throughput']);
    expect(DOC).toContain('**3 GB/s, throughput-bound**');
    expect(readRate(nvme, 'local', 1, 128)).toMatchObject({ gbps: 28, bound: 'throughput' });
    expect(DOC).toContain('**28 GB/s, throughput-bound**');
    expect(readRate(cloud, 'local', 1, 128)).toMatchObject({ gbps: 4, bound: 'throughput' });
    expect(readRate(cloud, 'local', 1, 128).latency_gbps).toBeCloseTo(4.194304, 9);
    // Small blocks: 32 reads of 4 KiB in flight at 0.08 ms bound it (1.6384 GB/s); at 0.01 ms IOPS do
    // (1,000,000 × 4,096 B). Local storage is not shared whatever the concurrency.
    expect(readRate(nvme, 'local', 8, 4)).toMatchObject({ bound: 'latency', sharing: 1 });
    expect(readRate(nvme, 'local', 8, 4).gbps).toBeCloseTo(1.6384, 9);
    expect(readRate({ ...nvme, latency_read_ms_p50: 0.01 }, 'local', 8, 4)).toMatchObject({ bound: 'iops', gbps: 4.096, sharing: 1 });
    // A profile without latency figures has no latency bound.
    expect(readRate({ ...nvme, latency_read_ms_p50: 0 }, 'local', 1, 128).latency_gbps).toBe(Infinity);
  });

  it('load time and the read throughput a target needs', () => {
    documented(loadTimeS(LLAMA70_BF16_GIB, 8.388608), 3);
    documented(loadTimeS(LLAMA70_BF16_GIB, 28), 3);
    documented(loadTimeS(LLAMA70_BF16_GIB, 4), 3);
    documented(requiredReadGbps(LLAMA70_BF16_GIB, 60), 6);
    expect(loadTimeS(1, 0)).toBe(Infinity);
    // required × target reads exactly the artifact.
    expect(loadTimeS(LLAMA70_BF16_GIB, requiredReadGbps(LLAMA70_BF16_GIB, 60))).toBeCloseTo(60, 9);
  });

  it('read per node: one copy per replica, a spanning replica split over its nodes', () => {
    expect(nodeReadGib(140, 2, 1)).toBe(280);
    expect(nodeReadGib(1250, 1, 2)).toBe(625);
  });

  it('placement: shared for network_ssd unless given', () => {
    expect(placementOf({}, 'network_ssd')).toBe('shared');
    expect(placementOf({}, 'nvme_local')).toBe('local');
    expect(placementOf({}, 'cloud_block_storage')).toBe('local');
    expect(placementOf({ storage_placement: 'local' }, 'network_ssd')).toBe('local');
  });

  it('recovery: waves on shared storage, all at once on local drives', () => {
    const oneAtATime = recovery(2, LLAMA70_BF16_GIB, net, 'shared', 1, 128, 120);
    expect(oneAtATime.waves).toBe(2);
    documented(oneAtATime.steps[0]!.at_s, 3);
    documented(oneAtATime.total_s, 3);
    const together = recovery(2, LLAMA70_BF16_GIB, net, 'shared', 4, 128, 120);
    expect([together.waves, together.per_wave]).toEqual([1, 2]);
    documented(together.total_s, 3);
    documented(recovery(2, LLAMA70_BF16_GIB, nvme, 'local', 1, 128, 120).total_s, 3);
    expect(recovery(0, 100, nvme, 'local', 1, 128, 120)).toMatchObject({ total_s: 0, steps: [] });
    // Waves: 5 nodes, 2 at a time: 2 + 2 + 1.
    expect(recovery(5, 100, net, 'shared', 2, 128, 0).steps.map((s) => s.nodes)).toEqual([2, 2, 1]);
  });

  it('capacity: artifacts per node on local storage, once in the shared store', () => {
    const local = capacityGib('local', LLAMA70_BF16_GIB, 2, 50, 20, 10, 0.2);
    expect(local.per_node_gib).toBeCloseTo(399.6, 9);
    expect(local.fleet_gib).toBeCloseTo(3996, 9);
    expect(DOC).toContain('**399.6 GiB** per node, **3,996 GiB = 4.290672 TB**');
    expect(gibToTb(local.fleet_gib).toFixed(6)).toBe('4.290672');
    const shared = capacityGib('shared', LLAMA70_BF16_GIB, 2, 50, 20, 10, 0.2);
    expect(shared.per_node_gib).toBeCloseTo(84, 9);
    expect(shared.fleet_gib).toBeCloseTo(1155.6, 9);
    expect(DOC).toContain('**84 GiB** per node, **1,155.6 GiB** for the fleet');
  });

  it('sessions with nodes down: whole replicas, at worst', () => {
    const pool = { sessions_per_replica: 108, replicas_per_node: 1, nodes_per_replica: 1 };
    expect(sessionsServing(pool, 10, 1)).toBe(972);
    expect(replicasServing({ sessions_per_replica: 100, replicas_per_node: 2, nodes_per_replica: 1 }, 5, 1)).toBe(8);
    // A replica over 2 nodes: 6 nodes = 3 replicas; 2 nodes down in different replicas leave 1.
    expect(replicasServing({ sessions_per_replica: 100, replicas_per_node: 1, nodes_per_replica: 2 }, 6, 2)).toBe(1);
    expect(sessionsServing(pool, 2, 5)).toBe(0);
  });

  it('the degraded window: a capacity step per wave, session-minutes short', () => {
    const pool = { sessions_per_replica: 108, replicas_per_node: 1, nodes_per_replica: 1 };
    const rec = recovery(1, LLAMA70_BF16_GIB, net, 'shared', 1, 128, 120);
    const w = degradedWindow(pool, 10, 1, 1000, rec);
    expect(w.timeline).toEqual([
      { at_s: 0, nodes_serving: 9, sessions_capacity: 972 },
      { at_s: rec.total_s, nodes_serving: 10, sessions_capacity: 1080 },
    ]);
    documented(w.session_minutes_short, 3);
    expect(degradedWindow(pool, 10, 1, 900, rec).session_minutes_short).toBe(0);
  });
});

describe('in a sizing', () => {
  const entries = { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h200'), storage: net };
  const base = { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8' as const };

  it('appears only when a storage field is given', () => {
    expect(size(entries, base).storage).toBeUndefined();
    for (const field of STORAGE_FIELDS) expect(storageRequested({ [field]: field === 'storage_placement' ? 'local' : 1 })).toBe(true);
    expect(storageRequested({})).toBe(false);
    const r = size(entries, { ...base, warmup_concurrency: 4 });
    expect(r.storage?.inputs).toMatchObject({ storage_placement: 'shared', placement_source: 'profile_type', artifact_source: 'weights', warmup_concurrency: 4 });
    // Storage never changes the node counts.
    for (const k of ['minimum', 'recommended', 'ideal'] as const) expect(r.scenarios[k].results).toEqual(size(entries, base).scenarios[k].results);
  });

  it('checks the latency targets on the replicas left, with a workload', () => {
    const r = size(entries, { ...base, input_tokens: 2048, output_tokens: 512, ttft_p99_ms: 2000, tpot_p99_ms: 40, target_load_time_s: 60 });
    const s = r.storage!;
    // MINIMUM has no spare: one node down misses the demand, so the targets do not hold.
    expect(s.scenarios.minimum!.failures[0]!.slo.meets).toBe(false);
    // RECOMMENDED (N+1) is sized for its peak with its spare down: it holds with one node down.
    expect(s.scenarios.recommended!.failures[0]!.sessions_capacity).toBeGreaterThanOrEqual(s.scenarios.recommended!.demand_sessions);
    expect(s.scenarios.recommended!.failures[0]!.slo.meets).toBe(true);
    expect(s.scenarios.recommended!.failures[0]!.session_minutes_short).toBe(0);
  });

  it('its JSON follows the schema; a model without a size gives null and an alert', () => {
    const r = size(entries, { ...base, nodes_per_domain: 4, artifact_copies: 2 });
    const doc = toJsonDocument(r, { locale: 'pt-BR' });
    expect(SizingOutputSchema.safeParse(doc).success).toBe(true);
    expect(doc.storage_recovery?.scenarios.recommended?.failures[0]?.timeline.at(-1)?.nodes_serving).toBe(r.scenarios.recommended.results.nodes_final);
    const sizeless = { name: 'no-size', num_layers: 80, num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 131072, attention_pattern: 'full', default_kv_precision: 'fp8' } as const;
    const unknown = size({ ...entries, model: sizeless }, { ...base, target_load_time_s: 60 });
    expect(unknown.weights).toBeNull();
    expect(unknown.storage).toBeNull();
    expect(unknown.alerts.map((a) => a.code)).toContain('storage_artifact_unknown');
    expect(toJsonDocument(unknown, { locale: 'en' }).storage_recovery).toBeNull();
  });
});

describe('bad input: exit 2, nothing written', () => {
  const ARGS = ['--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--concurrency', '100', '--effective-context', '8192'];
  it.each([
    ['--warmup-concurrency', '0'],
    ['--artifact-gib', '0'],
    ['--target-load-time-s', '-5'],
    ['--storage-placement', 'cloud'],
    ['--nodes-per-domain', '1.5'],
    ['--capacity-margin', 'lots'],
  ])('%s %s', async (flag, value) => {
    const r = await runCli([...ARGS, flag, value]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(flag);
    expect(r.stderr).toContain(value);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
