/**
 * POST /api/v1/compare: the same comparison as `llm-sizing compare --json-only`, its body and answer
 * published in the OpenAPI document (the body from the request field table, the answer from
 * CompareOutputSchema), and the same hardening as /api/v1/sizing and /api/v1/perf.
 */
import { describe, expect, it } from 'vitest';
import { CompareOutputSchema } from '../../src/schema/compare-output.ts';
import { createApp } from '../../src/server/app.ts';
import { MAX_BODY_BYTES } from '../../src/server/limits.ts';
import { runCli } from '../helpers/cli.ts';

const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' } });
const BODY = {
  request: { model: 'Meta-Llama-3.1-70B', memory_model: 'vllm', concurrency: 1000, effective_context: 8192 },
  options: { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [4, 8] },
  sort: 'nodes',
  top: 3,
};
const FLAGS = ['compare', '--model', 'Meta-Llama-3.1-70B', '--memory-model', 'vllm', '--concurrency', '1000', '--effective-context', '8192', '--server', 'dgx-h100,dgx-h200', '--tensor-parallel', '4,8', '--sort', 'nodes', '--top', '3', '--json-only'];

interface ErrorBody {
  error: { status: number; code: string; message: string; problems?: { field: string; value: unknown; message: string }[] };
}
const post = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }, query = '') =>
  Promise.resolve(app.request(`http://localhost/api/v1/compare${query}`, { method: 'POST', body, headers }));

describe('POST /api/v1/compare', () => {
  it('answers byte for byte what llm-sizing compare --json-only prints, in its published schema', async () => {
    const res = await post(JSON.stringify(BODY));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-llm-sizing-feasible')).toBe('true');
    const text = await res.text();
    const cli = await runCli(FLAGS);
    expect(cli.status).toBe(0);
    expect(text).toBe(cli.stdout);
    const doc = CompareOutputSchema.parse(JSON.parse(text));
    expect(doc.rows).toHaveLength(3);
    expect(doc.counts).toMatchObject({ options: 4, shown: 3 });
    expect(doc.recommendation?.option).toEqual({ server: 'dgx-h200', tensor_parallel: 8 });
  });

  it('gives an option the planner refuses as an infeasible row, its reason naming the body field', async () => {
    const res = await post(JSON.stringify({ ...BODY, top: undefined, options: { server: ['dgx-h200'], tensor_parallel: [8, 16] } }), undefined, '?lang=pt-BR');
    expect(res.status).toBe(200);
    const doc = CompareOutputSchema.parse(await res.json());
    const refused = doc.rows.find((r) => !r.feasible)!;
    expect(refused.reasons[0]).toMatchObject({ kind: 'problem', field: 'tensor_parallel', value: 16 });
    expect(refused.reasons[0]!.message).toMatch(/^tensor_parallel: /);
    expect(doc.recommendation?.text.join(' ')).toContain('Opção #1');
  });

  it.each([
    ['an unknown server in a list', { ...BODY, options: { server: ['dgx-h200', 'dgx-h999'] } }, 'server', 'dgx-h999'],
    ['a bad sort', { ...BODY, sort: 'cheapest' }, 'sort', 'cheapest'],
    ['a bad top', { ...BODY, top: 0 }, 'top', 0],
    ['an unknown body key', { ...BODY, option: {} }, 'option', {}],
    ['no request', { options: BODY.options }, 'request', null],
    ['a cross too large', { ...BODY, options: { server: ['dgx-h200'], tensor_parallel: Array.from({ length: 64 }, (_, i) => i + 1), replicas_per_node: Array.from({ length: 64 }, (_, i) => i + 1), kv_precision: ['fp8', 'bf16'] } }, 'options', 8192],
  ])('400 for %s, naming the field and the value', async (_name, body, field, value) => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    const e = (await res.json()) as ErrorBody;
    expect(e.error.code).toBe('invalid_input');
    expect(e.error.problems?.map((p) => [p.field, p.value])).toContainEqual([field, value]);
  });

  it('has the hardening of the other POST routes: 415, 413, 405, 421', async () => {
    expect((await post(JSON.stringify(BODY), { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(`{"request":"${'x'.repeat(MAX_BODY_BYTES)}"}`)).status).toBe(413);
    const get = await app.request('http://localhost/api/v1/compare');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const other = await app.request('http://localhost/api/v1/compare', { method: 'POST', body: JSON.stringify(BODY), headers: { 'Content-Type': 'application/json', Host: 'evil.example' } });
    expect(other.status).toBe(421);
  });

  it('is in the OpenAPI document, its body from the request field table and its answer from CompareOutputSchema', async () => {
    const doc = (await (await app.request('http://localhost/api/v1/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }> } };
    expect(doc.paths['/api/v1/compare']).toBeDefined();
    const body = doc.components.schemas.CompareBody!;
    expect(Object.keys(body.properties!.options!.properties!)).toEqual(['server', 'memory_model', 'tensor_parallel', 'pipeline_parallel', 'replicas_per_node', 'kv_precision', 'weights_precision']);
    expect(Object.keys(doc.components.schemas.CompareOutput!.properties!)).toEqual(['request', 'lists', 'sort', 'counts', 'rows', 'recommendation']);
  });
});
