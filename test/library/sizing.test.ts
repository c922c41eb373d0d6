/** The library's functions, in process: `sizing()`, `sizingResult()`, `createCatalog()` and the error they throw. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.ts';
import {
  BUILTIN_CATALOG,
  CatalogIndex,
  createCatalog,
  LOCALES,
  MEMORY_MODELS,
  type ModelEntry,
  problemMessages,
  renderJson,
  sizeBody,
  sizing,
  SizingInputError,
  type SizingOutput,
  type SizingRequest,
  sizingResult,
} from '../../src/index.ts';
import { requestArb } from '../helpers/arbitraries.ts';
import { equal, strictEqual } from '../helpers/check.ts';

const REPORT_EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' } as const;

/** What sizing() must throw: the error, checked to be a SizingInputError. */
function thrown(f: () => unknown): SizingInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SizingInputError);
    return e as SizingInputError;
  }
  throw new Error('expected a SizingInputError, nothing was thrown');
}

describe('the public index', () => {
  it('exports this curated list and nothing else at run time', () => {
    expect(Object.keys(library).sort()).toEqual(
      [
        // sizing
        'createCatalog', 'problemMessages', 'sizing', 'SizingInputError', 'sizingResult',
        // the performance model: one deployment at one load
        'perf',
        // options side by side
        'compare', 'COMPARE_FIELDS', 'COMPARE_LIMITS', 'COMPARE_SORTS',
        // renderers and the report date
        'renderExecutive', 'renderJson', 'renderMarkdown', 'renderText', 'reportDateOf', 'toJsonDocument',
        // catalog
        'BUILTIN_CATALOG', 'CatalogIndex', 'importHfConfig', 'parseConfigText',
        // a problem's number a JSON text wrote beyond a double, as written
        'NumberLiteral', 'withNumberLiterals',
        // constants
        'DEFAULTS', 'HA_MODES', 'isLocale', 'KV_PRECISIONS', 'WEIGHTS_PRECISIONS', 'LOCALES', 'ENGINE_SETTINGS', 'MEMORY_MODELS', 'REQUEST_FIELDS', 'SETTING_FIELDS', 'SCENARIO_KEYS', 'VERSION',
        // the page's storage and recovery block and chart
        'STORAGE_DEFAULTS', 'STORAGE_FIELDS', 'STORAGE_PLACEMENTS', 'storagePhrases', 'storageSection',
        // what the web page builds on
        'fieldAppliesTo', 'HF_CONFIG_FIELD', 'nodeMemoryUse', 'nodes', 'RATIONALE_KEYS', 'renderContext', 'resultLabel', 'plan', 'planEntries', 'scenarioRationale', 'size', 'sizeBody', 'validateRequest',
        // the page's latency-vs-load chart
        'performanceOf', 'prepareDeployment', 'WORKLOAD_DEFAULTS', 'WORKLOAD_FIELDS',
        // the page's compare view
        'compareIndexed', 'paretoFront',
      ].sort(),
    );
  });
});

describe('sizing()', () => {
  it('gives the --json-only document of the report example: 4 / 5 / 7 nodes', () => {
    const doc = sizing(REPORT_EXAMPLE);
    expect([doc.scenarios.minimum.results.nodes_final, doc.scenarios.recommended.results.nodes_final, doc.scenarios.ideal.results.nodes_final]).toEqual([4, 5, 7]);
    expect(doc).toStrictEqual(JSON.parse(renderJson(sizingResult(REPORT_EXAMPLE), { locale: 'en' })));
  });

  it.each(LOCALES.map((l) => [l]))('writes its prose in %s', (lang) => {
    const doc = sizing(REPORT_EXAMPLE, { lang });
    expect(doc.locale).toBe(lang);
    expect(doc).toStrictEqual(JSON.parse(renderJson(sizingResult(REPORT_EXAMPLE), { locale: lang })));
  });

  it('takes a batch line as it is: its id is ignored', () => {
    expect(sizing({ ...REPORT_EXAMPLE, id: 'line-7' })).toStrictEqual(sizing(REPORT_EXAMPLE));
  });

  it('returns a fresh object: changing it changes neither the catalog nor the next result', () => {
    const before = JSON.stringify(BUILTIN_CATALOG);
    const doc = sizing(REPORT_EXAMPLE);
    (doc.inputs.model as { num_layers: number }).num_layers = 1;
    (doc.inputs.server as { gpus: number }).gpus = 1;
    expect(JSON.stringify(BUILTIN_CATALOG)).toBe(before);
    expect(sizing(REPORT_EXAMPLE).inputs.model.num_layers).toBe(36);
  });

  it('is exactly the JSON document, with the problems of the API body on bad input (property)', () => {
    const names = fc.record({
      model: fc.constantFrom(...BUILTIN_CATALOG.models.map((m) => m.name)),
      server: fc.constantFrom(...BUILTIN_CATALOG.servers.map((s) => s.name)),
      storage: fc.constantFrom(...BUILTIN_CATALOG.storage.map((s) => s.name)),
    });
    const layout = fc.record({ memory_model: fc.constantFrom(...MEMORY_MODELS), tensor_parallel: fc.constantFrom(1, 2, 3, 4, 8) }, { requiredKeys: [] });
    fc.assert(
      fc.property(names, requestArb, layout, fc.constantFrom(...LOCALES), (n, r, l, lang) => {
        const request = { ...n, ...r, ...l } as SizingRequest;
        const body = sizeBody(request, new CatalogIndex(BUILTIN_CATALOG));
        if (!body.ok) {
          const e = thrown(() => sizing(request, { lang }));
          expect(e.problems).toEqual(body.problems);
          expect(e.message).toBe(problemMessages(body.problems, lang).join(' '));
          return;
        }
        strictEqual(sizing(request, { lang }), JSON.parse(renderJson(body.value, { locale: lang })));
      }),
      { numRuns: 150 },
    );
  });
});

describe('SizingInputError', () => {
  it.each([
    ['a missing field and a bad value', { ...REPORT_EXAMPLE, concurrency: 0, server: undefined }, ['server', 'concurrency']],
    ['a bad value and an unknown name, in one round', { ...REPORT_EXAMPLE, concurrency: 0, server: 'dgx30' }, ['server', 'concurrency']],
    ['an unknown field', { ...REPORT_EXAMPLE, kv_precison: 'fp8' }, ['kv_precison']],
    ['an unknown name', { ...REPORT_EXAMPLE, server: 'dgx30' }, ['server']],
    ['a layout the model does not split into', { ...REPORT_EXAMPLE, memory_model: 'vllm', tensor_parallel: 3 }, ['tensor_parallel']],
    ['a model and a config.json', { ...REPORT_EXAMPLE, hf_config: {} }, ['hf_config']],
    ['not an object', [REPORT_EXAMPLE], ['(request)']],
  ] as const)('%s: problems as data, their sentences as the message', (_name, request, fields) => {
    const e = thrown(() => sizing(request as unknown as SizingRequest));
    expect(e.name).toBe('SizingInputError');
    expect(e.problems.map((p) => p.field)).toEqual(fields);
    expect(e.message).toBe(problemMessages(e.problems, 'en').join(' '));
  });

  it('speaks the language asked for', () => {
    const e = thrown(() => sizing({ ...REPORT_EXAMPLE, concurrency: 0 }, { lang: 'pt-BR' }));
    expect(e.lang).toBe('pt-BR');
    expect(e.message).toBe('concurrency: recebido 0; esperado um número inteiro de 1 a 1.000.000.000.');
  });

  it('refuses an unknown language, in English', () => {
    const e = thrown(() => sizing(REPORT_EXAMPLE, { lang: 'pt_BR' as 'en' }));
    expect(e.problems).toEqual([{ field: 'lang', value: 'pt_BR', accepted: { kind: 'one_of', values: LOCALES, suggestion: 'pt-BR' } }]);
    expect(e.message).toMatch(/^lang: got "pt_BR"; expected one of: en, pt-BR/);
  });
});

describe('catalog option', () => {
  const mine: ModelEntry = { ...BUILTIN_CATALOG.models.find((m) => m.name === 'opt-oss-120b')!, name: 'mine', notes: 'a copy' };
  const request = { ...REPORT_EXAMPLE, model: 'mine' };

  it('a kind given replaces the built-in entries of that kind, as --models-file does', () => {
    const catalog = createCatalog({ models: [mine] });
    expect(catalog.names('models')).toEqual(['mine']);
    expect(catalog.names('servers')).toEqual(BUILTIN_CATALOG.servers.map((s) => s.name));
    expect(thrown(() => sizing(REPORT_EXAMPLE, { catalog })).problems.map((p) => p.field)).toEqual(['model']);
  });

  it('extend: true adds to the built-in entries, an entry replacing the built-in one of its name', () => {
    const same = { ...mine, name: 'opt-oss-20b' };
    const catalog = createCatalog({ models: { models: [mine, same] }, extend: true });
    expect(catalog.names('models')).toEqual(['mine', 'opt-oss-20b', ...BUILTIN_CATALOG.models.map((m) => m.name).filter((n) => n !== 'opt-oss-20b')]);
    expect(sizing({ ...REPORT_EXAMPLE, model: 'opt-oss-20b' }, { catalog }).inputs.model.notes).toBe('a copy');
  });

  it('sizes with the entries given, as objects or as an index', () => {
    const doc = sizing(request, { catalog: { models: [mine], extend: true } });
    expect(doc.inputs.model.name).toBe('mine');
    const builtin = sizing(REPORT_EXAMPLE);
    expect(doc.scenarios.recommended.results).toStrictEqual(builtin.scenarios.recommended.results);
    expect(sizing(request, { catalog: createCatalog({ models: [mine] }) })).toStrictEqual(doc);
  });

  it.each([
    ['an entry without its fields', { models: [{ name: 'x' }] }, 'catalog.models', '[0] (x).num_layers'],
    ['a rule broken (hybrid layers that do not add up)', { models: [{ ...mine, attention_pattern: 'hybrid', hybrid_full_layers: 1, hybrid_sliding_layers: 1 }] }, 'catalog.models', '[0] (mine)'],
    ['two entries of one name', { servers: [BUILTIN_CATALOG.servers[0], BUILTIN_CATALOG.servers[0]] }, 'catalog.servers', 'servers'],
    ['a file object of the wrong kind', { storage: { models: [] } }, 'catalog.storage', 'profiles'],
    ['an unknown key', { modles: [mine] }, undefined, 'catalog.modles'],
  ] as const)('refuses %s, naming the field', (_name, input, source, field) => {
    const e = thrown(() => createCatalog(input as never));
    expect(e.problems[0]?.source).toBe(source);
    expect(e.problems[0]?.field.startsWith(field), `${e.problems[0]?.field}`).toBe(true);
    expect(thrown(() => sizing(request, { catalog: input as never })).problems).toEqual(e.problems);
  });
});

describe('sizing(request, { fields })', () => {
  it('answers only the named paths, equal to the whole document: nodes 4 / 5 / 7 for the report example', () => {
    expect(sizing(REPORT_EXAMPLE, { fields: ['nodes'] })).toEqual({ nodes: { minimum: 4, recommended: 5, ideal: 7 } });
  });

  it('gives the same values as the whole sizing, on varied requests and layouts, and on the same shape with other traffic (property)', () => {
    const names = fc.record({
      model: fc.constantFrom(...BUILTIN_CATALOG.models.map((m) => m.name)),
      server: fc.constantFrom(...BUILTIN_CATALOG.servers.map((s) => s.name)),
      storage: fc.constantFrom(...BUILTIN_CATALOG.storage.map((s) => s.name)),
    });
    const layout = fc.record({ memory_model: fc.constantFrom(...MEMORY_MODELS), tensor_parallel: fc.constantFrom(1, 2, 4, 8) }, { requiredKeys: [] });
    // Traffic of a second request of the same shape (answered from the kept shape when the first was valid).
    const traffic = fc.record(
      {
        concurrency: fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), fc.constantFrom(0, -1, 1.5, '10')),
        peak_headroom_ratio: fc.oneof(fc.constantFrom(0, 0.2, 0.35, 1), fc.double({ min: 0, max: 2, noNaN: true })),
        ha: fc.constantFrom('none', 'n+1', 'n+2', 'N+1', 'n+3'),
        storage: fc.constantFrom(...BUILTIN_CATALOG.storage.map((s) => s.name), 'nope'),
      },
      { requiredKeys: ['concurrency'] },
    );
    const fields = ['nodes', 'scenarios.recommended.results.sessions_per_node', 'nodes_capacity', 'nodes_with_headroom', 'feasible'];
    const check = (request: SizingRequest) => {
      let whole: SizingOutput;
      try {
        whole = sizing(request);
      } catch (e) {
        equal(thrown(() => sizing(request, { fields })).problems, (e as SizingInputError).problems);
        return;
      }
      const answered = sizing(request, { fields });
      const per = (k: 'nodes_final' | 'nodes_capacity' | 'nodes_with_headroom') => ({
        minimum: whole.scenarios.minimum.results[k],
        recommended: whole.scenarios.recommended.results[k],
        ideal: whole.scenarios.ideal.results[k],
      });
      equal(answered, {
        nodes: per('nodes_final'),
        'scenarios.recommended.results.sessions_per_node': whole.scenarios.recommended.results.sessions_per_node,
        nodes_capacity: per('nodes_capacity'),
        nodes_with_headroom: per('nodes_with_headroom'),
        feasible: whole.feasible,
      });
    };
    fc.assert(
      fc.property(names, requestArb, layout, traffic, (n, r, l, t) => {
        const request = { ...n, ...r, ...l } as SizingRequest;
        check(request);
        check({ ...request, ...t } as SizingRequest);
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart kept shapes whose names differ only where the shape hash does not look (hash collisions)', () => {
    // The kept shapes are found by a hash of a few characters of each name (src/app/fields.ts): these
    // names collide in it, so only the comparison of the fields themselves tells them apart.
    const base = BUILTIN_CATALOG.models.find((m) => m.name === 'opt-oss-120b')!;
    const names = ['abXdefghijklmnop', 'abYdefghijklmnop', 'abZdefghijklmnop'];
    const catalog = createCatalog({ models: names.map((name, i) => ({ ...base, name, head_dim: base.head_dim * (i + 1) })), extend: true });
    for (let round = 0; round < 3; round++) {
      for (const [i, model] of names.entries()) {
        const request = { ...REPORT_EXAMPLE, model, concurrency: 1000 + 100 * round + i };
        const whole = sizing(request, { catalog });
        expect(sizing(request, { catalog, fields: ['nodes'] }), `${model}, round ${round}`).toEqual({
          nodes: { minimum: whole.scenarios.minimum.results.nodes_final, recommended: whole.scenarios.recommended.results.nodes_final, ideal: whole.scenarios.ideal.results.nodes_final },
        });
      }
    }
    // The three really differ (else the test could not fail).
    const nodes = names.map((model) => sizing({ ...REPORT_EXAMPLE, model }, { catalog, fields: ['nodes'] }).nodes);
    expect(new Set(nodes.map((n) => JSON.stringify(n))).size).toBe(3);
  });

  it("accepts and ignores a batch line's id, as the whole sizing does", () => {
    expect(sizing({ ...REPORT_EXAMPLE, id: 'a' }, { fields: ['nodes'] })).toEqual({ nodes: { minimum: 4, recommended: 5, ideal: 7 } });
    expect(sizing({ id: 7, ...REPORT_EXAMPLE }, { fields: ['nodes', 'inputs.model'] })).toEqual({ nodes: { minimum: 4, recommended: 5, ideal: 7 }, 'inputs.model': 'opt-oss-120b' });
  });

  it('throws SizingInputError naming an unknown field, in the language asked for', () => {
    const e = thrown(() => sizing(REPORT_EXAMPLE, { fields: ['nodez'], lang: 'pt-BR' }));
    expect(e.problems[0]).toMatchObject({ field: 'fields', value: 'nodez' });
    expect(e.message).toContain('quis dizer "nodes"');
  });
});
