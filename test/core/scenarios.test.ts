import { describe, expect, it } from 'vitest';
import { kvBudgetGib, scenarioConfigurations, scenarioNodes, scenarioNodesInto, scenarioUnit, sessionsPerNode } from '../../src/core/scenarios.ts';

describe('kvBudgetGib', () => {
  it.each([
    // [hbm GiB, overhead GiB, ratio, budget GiB]
    [2145.7672119140625, 120, 0.7, 1418.0370483398438], // report-example.md: 1418.0 GiB (doc example)
    [2145.7672119140625, 120, 0.65, 1316.7486877441406], // IDEAL of the report example: 1316.7 GiB
    [100, 120, 0.7, 0], // overhead above memory: no budget, never negative
    [100, 100, 0.7, 0],
  ])('(%d − %d) × %d = %d', (hbm, overhead, ratio, budget) => {
    expect(kvBudgetGib(hbm, overhead, ratio)).toBe(budget);
  });
});

describe('sessionsPerNode', () => {
  it.each([
    [1418.0370483398438, 4.50439453125, 314], // report example (doc example)
    [1316.7486877441406, 4.50439453125, 292],
    [4.5, 4.50439453125, 0], // not one session fits
    [0, 1, 0],
  ])('floor(%d / %d) = %d', (budget, kv, spn) => {
    expect(sessionsPerNode(budget, kv)).toBe(spn);
  });
});

describe('scenarioNodes', () => {
  it.each([
    // [concurrency, spn, headroom, HA nodes, capacity, with headroom, final]
    [1000, 314, 0, 0, 4, 4, 4], // MINIMUM of the report example
    [1000, 314, 0.2, 1, 4, 4, 5], // RECOMMENDED (doc example)
    [1000, 292, 0.3, 2, 4, 5, 7], // IDEAL
    [5000, 613, 0.3, 1, 9, 11, 12], // USE_CASES.md case 3
    [1, 1, 0, 0, 1, 1, 1],
  ])('%d sessions at %d per node, headroom %d, +%d HA → %d / %d / %d', (c, spn, h, ha, cap, head, fin) => {
    expect(scenarioNodes(c, spn, h, ha)).toEqual({ nodes_capacity: cap, nodes_with_headroom: head, nodes_final: fin });
  });

  it('is null everywhere when no session fits a node (infeasible, never a made-up count)', () => {
    expect(scenarioNodes(1000, 0, 0.2, 1)).toEqual({ nodes_capacity: null, nodes_with_headroom: null, nodes_final: null });
  });

  it('scenarioNodesInto writes the same counts into one reused record, each call overwriting all three (feasible after infeasible and back)', () => {
    const record = { nodes_capacity: -1 as number | null, nodes_with_headroom: -1 as number | null, nodes_final: -1 as number | null };
    const calls: [number, number, number, number, number][] = [
      [1000, 314, 0.2, 1, 1],
      [1000, 0, 0.2, 1, 1],
      [200, 311, 0.2, 2, 2],
      [5000, 613, 0.3, 1, 1],
      [7, -3, 0, 0, 1],
    ];
    for (const [c, spn, h, ha, unit] of calls) {
      expect(scenarioNodesInto(record, c, spn, h, ha, unit)).toBe(record);
      expect(record).toEqual(scenarioNodes(c, spn, h, ha, unit));
    }
  });
});

describe('scenarioConfigurations', () => {
  it('applies the v2.0 rules to the defaults', () => {
    expect(scenarioConfigurations({ peak_headroom_ratio: 0.2, ha: 'n+1', kv_budget_ratio: 0.7 })).toEqual({
      minimum: { peak_headroom_ratio: 0, ha_mode: 'none', ha_extra_nodes: 0, kv_budget_ratio: 0.7 },
      recommended: { peak_headroom_ratio: 0.2, ha_mode: 'n+1', ha_extra_nodes: 1, kv_budget_ratio: 0.7 },
      ideal: { peak_headroom_ratio: 0.3, ha_mode: 'n+2', ha_extra_nodes: 2, kv_budget_ratio: 0.65 },
    });
  });

  it.each([
    // [given headroom, HA, ratio] → ideal [headroom, HA, ratio]
    [0.5, 'none', 0.6, 0.5, 'n+2', 0.6],
    [0.1, 'n+2', 0.9, 0.3, 'n+2', 0.65],
    [0, 'n+1', 0.65, 0.3, 'n+2', 0.65],
  ] as const)('IDEAL takes max(%d, 0.30), the larger of %s and n+2, min(%d, 0.65)', (h, ha, r, ih, iha, ir) => {
    const ideal = scenarioConfigurations({ peak_headroom_ratio: h, ha, kv_budget_ratio: r }).ideal;
    expect([ideal.peak_headroom_ratio, ideal.ha_mode, ideal.kv_budget_ratio]).toEqual([ih, iha, ir]);
  });

  it.each(['none', 'n+1', 'n+2'] as const)('--ha %s sets the RECOMMENDED scenario only', (ha) => {
    const c = scenarioConfigurations({ peak_headroom_ratio: 0.2, ha, kv_budget_ratio: 0.7 });
    expect(c.recommended.ha_mode).toBe(ha);
    expect(c.minimum.ha_mode).toBe('none');
  });
});

describe('scenarioUnit: what a sized scenario\'s nodes are counted in', () => {
  const engine = (nodesPerReplica: number) => ({ sessions_per_node: 40, sessions_per_replica: 20, layout: { nodes_per_replica: nodesPerReplica } });
  it.each([
    { name: 'no engine: a node, its sessions per node as sized', s: { engine: null, results: { sessions_per_node: 314 } }, unit: { sessions: 314, nodes: 1 } },
    { name: "an engine whose replica fits a node: a node, the scenario's sessions per node (not the engine's)", s: { engine: engine(1), results: { sessions_per_node: 33 } }, unit: { sessions: 33, nodes: 1 } },
    { name: 'a replica over 2 nodes: the replica, its sessions', s: { engine: engine(2), results: { sessions_per_node: 10 } }, unit: { sessions: 20, nodes: 2 } },
    { name: 'a replica over 4 nodes', s: { engine: engine(4), results: { sessions_per_node: 5 } }, unit: { sessions: 20, nodes: 4 } },
  ])('$name', ({ s, unit }) => {
    expect(scenarioUnit(s)).toEqual(unit);
  });
});
