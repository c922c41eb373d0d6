/**
 * Invariants of storage and recovery (issue 12), for any profile, artifact and fleet: recovery time
 * grows with the artifact and falls with the read throughput; capacity with k nodes down is never
 * above capacity with all up, and never grows as more nodes go down; the degraded window's
 * capacity never exceeds the full fleet's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { degradedWindow, recovery, sessionsServing, STORAGE_PLACEMENTS } from '../../src/core/storage.ts';

const RUNS = 500;
const profileArb = fc.record({
  throughput_read_gbps: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  iops_read: fc.double({ min: 1, max: 1e8, noNaN: true }),
  latency_read_ms_p50: fc.double({ min: 0, max: 100, noNaN: true }),
});
const unitArb = fc.record({
  sessions_per_replica: fc.integer({ min: 1, max: 10_000 }),
  replicas_per_node: fc.integer({ min: 1, max: 8 }),
  nodes_per_replica: fc.integer({ min: 1, max: 4 }),
}).map((u) => (u.nodes_per_replica > 1 ? { ...u, replicas_per_node: 1 } : u));
const common = fc.record({
  k: fc.integer({ min: 1, max: 16 }),
  gib: fc.double({ min: 0.1, max: 5000, noNaN: true }),
  placement: fc.constantFrom(...STORAGE_PLACEMENTS),
  warmup: fc.integer({ min: 1, max: 16 }),
  block: fc.integer({ min: 1, max: 4096 }),
  startup: fc.double({ min: 0, max: 1000, noNaN: true }),
});

describe('recovery time', () => {
  it('grows with the artifact size', () => {
    fc.assert(
      fc.property(profileArb, common, fc.double({ min: 1, max: 10, noNaN: true }), (p, c, factor) => {
        const a = recovery(c.k, c.gib, p, c.placement, c.warmup, c.block, c.startup).total_s;
        const b = recovery(c.k, c.gib * factor, p, c.placement, c.warmup, c.block, c.startup).total_s;
        expect(b).toBeGreaterThanOrEqual(a * (1 - 1e-12));
      }),
      { numRuns: RUNS },
    );
  });

  it('falls as the read throughput rises', () => {
    fc.assert(
      fc.property(profileArb, common, fc.double({ min: 1, max: 10, noNaN: true }), (p, c, factor) => {
        const slow = recovery(c.k, c.gib, p, c.placement, c.warmup, c.block, c.startup).total_s;
        const fast = recovery(c.k, c.gib, { ...p, throughput_read_gbps: p.throughput_read_gbps * factor }, c.placement, c.warmup, c.block, c.startup).total_s;
        expect(fast).toBeLessThanOrEqual(slow * (1 + 1e-12));
      }),
      { numRuns: RUNS },
    );
  });

  it('is at least the engine start-up and brings every failed node back', () => {
    fc.assert(
      fc.property(profileArb, common, (p, c) => {
        const r = recovery(c.k, c.gib, p, c.placement, c.warmup, c.block, c.startup);
        expect(r.total_s).toBeGreaterThanOrEqual(c.startup);
        expect(r.steps.reduce((n, s) => n + s.nodes, 0)).toBe(c.k);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('capacity with nodes down', () => {
  it('is never above the capacity with all up, and never grows as more go down', () => {
    fc.assert(
      fc.property(unitArb, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 50 }), (u, nodes, down) => {
        const all = sessionsServing(u, nodes, 0);
        const less = sessionsServing(u, nodes, down);
        expect(less).toBeLessThanOrEqual(all);
        expect(sessionsServing(u, nodes, down + 1)).toBeLessThanOrEqual(less);
        expect(less).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('the degraded window never holds more than the full fleet and ends with it', () => {
    fc.assert(
      fc.property(unitArb, profileArb, common, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100_000 }), (u, p, c, nodes, demand) => {
        const down = Math.min(c.k, nodes);
        const rec = recovery(down, c.gib, p, c.placement, c.warmup, c.block, c.startup);
        const w = degradedWindow(u, nodes, down, demand, rec);
        const full = sessionsServing(u, nodes, 0);
        for (const t of w.timeline) expect(t.sessions_capacity).toBeLessThanOrEqual(full);
        expect(w.timeline.at(-1)!.sessions_capacity).toBe(full);
        expect(w.session_minutes_short).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });
});
