/** The library's `perf()`: the document `llm-sizing perf --json-only` prints, and bad input as `SizingInputError`. */
import { describe, expect, it } from 'vitest';
import { perf, SizingInputError } from '../../src/index.ts';
import { runCli } from '../helpers/cli.ts';

describe('perf(request)', () => {
  it('returns what llm-sizing perf --json-only prints for the same request', async () => {
    const doc = perf({ model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', gpus_used: 2, tensor_parallel: 2, request_rate: 5, input_tokens: 2048 });
    const r = await runCli(['perf', '--model', 'Meta-Llama-3.1-8B', '--server', 'dgx-h100', '--gpus-used', '2', '--tensor-parallel', '2', '--request-rate', '5', '--input-tokens', '2k', '--json-only']);
    expect(doc).toEqual(JSON.parse(r.stdout));
  });

  it('throws SizingInputError naming each field, in the language asked', () => {
    let caught: unknown;
    try {
      perf({ model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', concurrency: 4, request_rate: 2 }, { lang: 'pt-BR' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SizingInputError);
    const e = caught as SizingInputError;
    expect(e.problems.map((p) => p.field)).toEqual(['request_rate']);
    expect(e.lang).toBe('pt-BR');
    expect(e.message).toContain('request_rate');
    expect(() => perf({ model: 'nope', server: 'dgx-h100' })).toThrow(/model/);
  });
});
