/** A config.json that cannot be imported is reported once, as hf_config's problem, never also as a missing model. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { sizeBody } from '../../src/server/sizing.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
const REST = { server: 'dgx-h100', storage: 'profile_default', concurrency: 100, effective_context: 8192 };

describe('sizeBody with an hf_config it cannot import', () => {
  it.each([
    ['text that is not JSON (as the page passes a paste it cannot parse)', '{"model_type": "llama",'],
    ['an object without a layer count', { model_type: 'llama', num_attention_heads: 32 }],
    ['a layer count beyond the limit', { model_type: 'llama', num_hidden_layers: 1_000_000_000 }],
  ])('%s: problems on hf_config only', (_what, config) => {
    const r = sizeBody({ hf_config: config, ...REST }, catalog);
    if (r.ok) throw new Error('expected problems');
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.field.startsWith('hf_config'))).toBe(true);
  });

  it('still reports every other field in the same round', () => {
    const r = sizeBody({ hf_config: { model_type: 'llama' }, ...REST, concurrency: -5 }, catalog);
    if (r.ok) throw new Error('expected problems');
    const fields = r.problems.map((p) => p.field);
    expect(fields).toContain('concurrency');
    expect(fields).not.toContain('model');
  });

  it('without a config, a missing model is still a problem', () => {
    const r = sizeBody(REST, catalog);
    if (r.ok) throw new Error('expected problems');
    expect(r.problems.map((p) => p.field)).toEqual(['model']);
  });
});
