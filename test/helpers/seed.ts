/** The 250 seed cases (`test/fixtures/seed-v2-cases.json`, a copy of `../shared/fixtures/`). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelEntry, ServerEntry, StorageEntry } from '../../src/schema/catalog.ts';
import type { ScenarioKey } from '../../src/core/scenarios.ts';
import type { KvPrecision } from '../../src/core/units.ts';

export const SEED_PATH = fileURLToPath(new URL('../fixtures/seed-v2-cases.json', import.meta.url));

export interface SeedScenario {
  kv_per_session_gib: number;
  kv_total_gib: number;
  hbm_total_gib: number;
  kv_budget_gib: number;
  sessions_per_node: number;
  nodes_capacity: number;
  nodes_with_headroom: number;
  nodes_final: number | null;
  peak_headroom_ratio: number;
  kv_budget_ratio: number;
  ha_extra_nodes: number;
}

export interface SeedCase {
  id: string;
  catalog: { models: ModelEntry[]; servers: ServerEntry[]; storage: StorageEntry[] } | null;
  args: {
    model: string;
    server: string;
    storage: string;
    concurrency: number;
    effective_context: number;
    kv_precision: KvPrecision;
    kv_budget_ratio: number;
    runtime_overhead_gib: number;
    peak_headroom_ratio: number;
  };
  expected: Record<ScenarioKey, SeedScenario> & { effective_context_used: number; alerts: string[] };
}

export const SEED_CASES: SeedCase[] = JSON.parse(readFileSync(SEED_PATH, 'utf8')).cases;

/** Floats in the seed are equal to about 1e-9 relative (fixtures/README.md). */
export function closeTo(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}
