/**
 * The workload's memo (src/core/workload.ts `loadFree`): a deployment's load-free answers are kept
 * and reused for the next request of the same deployment. The answers must be the same with or
 * without it: each request of a random sequence, sized after the others (the memo warm, full of
 * near neighbours), gives the result it gives sized alone with the memo emptied.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearLoadMemo } from '../../src/core/workload.ts';
import { size } from '../../src/core/sizing.ts';
import type { FullSizingRequest, SizingEntries } from '../../src/core/sizing.ts';
import { model, server, storage } from '../helpers/catalog.ts';
import { planned } from '../helpers/size.ts';

const MODELS = ['Meta-Llama-3.1-8B', 'Meta-Llama-3.1-70B', 'Qwen3-32B'] as const;
const SERVERS = ['dgx-h100', 'dgx-h200'] as const;

/** Requests from small pools of each field, so that sequences repeat deployments and differ from one another by one field. */
const requestArb = fc.record(
  {
    model: fc.constantFrom(...MODELS),
    server: fc.constantFrom(...SERVERS),
    layout: fc.constantFrom({}, { memory_model: 'vllm' as const, tensor_parallel: 8 }, { memory_model: 'vllm' as const, tensor_parallel: 4 }, { memory_model: 'sglang' as const, tensor_parallel: 8 }),
    effective_context: fc.constantFrom(4096, 8192),
    concurrency: fc.integer({ min: 1, max: 3000 }),
    ha: fc.constantFrom('none' as const, 'n+1' as const, 'n+2' as const),
    input_tokens: fc.constantFrom(512, 1024),
    output_tokens: fc.option(fc.constantFrom(128, 256), { nil: undefined }),
    ttft_p99_ms: fc.option(fc.constantFrom(500, 3000), { nil: undefined }),
    tpot_p99_ms: fc.option(fc.constantFrom(20, 40, 80), { nil: undefined }),
    kv_budget_ratio: fc.option(fc.constantFrom(0.6, 0.7), { nil: undefined }),
  },
  { requiredKeys: ['model', 'server', 'layout', 'effective_context', 'concurrency', 'ha', 'input_tokens'] },
);

type Drawn = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function sized(r: Drawn): string {
  const { model: m, server: s, layout, ...rest } = r;
  const entries: SizingEntries = { model: model(m), server: server(s), storage: storage('profile_default') };
  const request = { ...rest, ...layout, kv_precision: 'fp8' } as FullSizingRequest;
  return JSON.stringify(size(planned(entries, request)));
}

/** The fields a request varies by, each with its pool (the first value of `requestArb`'s pool for it). */
const VARIATIONS: Record<string, readonly unknown[]> = {
  model: MODELS,
  server: SERVERS,
  effective_context: [4096, 8192],
  concurrency: [100, 2500],
  ha: ['none', 'n+2'],
  input_tokens: [512, 1024],
  output_tokens: [undefined, 128, 256],
  ttft_p99_ms: [undefined, 500, 3000],
  tpot_p99_ms: [undefined, 20, 40, 80],
  kv_budget_ratio: [undefined, 0.6, 0.7],
};
/** A request and neighbours that each differ from it in one field: the memo must tell each from the others. */
const neighboursArb = fc
  .tuple(requestArb, fc.array(fc.tuple(fc.constantFrom(...Object.keys(VARIATIONS)), fc.nat()), { minLength: 1, maxLength: 10 }))
  .map(([base, changes]) => [
    base,
    ...changes.map(([field, i]) => {
      const pool = VARIATIONS[field]!;
      return { ...base, [field]: pool[i % pool.length] } as Drawn;
    }),
  ]);

describe('the workload memo changes no answer', () => {
  it.each([
    ['random requests', fc.array(requestArb, { minLength: 2, maxLength: 12 })],
    ['a request and neighbours one field away', neighboursArb],
  ])('%s: each, sized after the others, as sized alone with the memo empty', (_why, arb) => {
    fc.assert(
      fc.property(arb, (requests) => {
        clearLoadMemo();
        const inSequence = requests.map(sized);
        for (let i = 0; i < requests.length; i++) {
          clearLoadMemo();
          expect(sized(requests[i]!)).toBe(inSequence[i]);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('a deployment sized twice in a row reuses the kept answers: the second is the same', () => {
    clearLoadMemo();
    const r: Drawn = { model: 'Qwen3-32B', server: 'dgx-h200', layout: { memory_model: 'vllm', tensor_parallel: 8 }, effective_context: 8192, concurrency: 900, ha: 'n+1', input_tokens: 1024, tpot_p99_ms: 40 };
    expect(sized({ ...r, concurrency: 1200 })).not.toBe(sized(r));
    expect(sized(r)).toBe(sized(r));
  });
});
