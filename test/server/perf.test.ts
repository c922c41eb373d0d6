/**
 * POST /api/v1/perf: the same evaluation as `llm-sizing perf --json-only` (byte for byte), its body
 * and answer published in the OpenAPI document from the same field table and schema, and the same
 * hardening as /api/v1/sizing: 415, 413, 421, 400 with field-level problems in the request's language.
 */
import { describe, expect, it } from 'vitest';
import { PERF_FIELDS } from '../../src/schema/perf-request.ts';
import { PerfOutputSchema } from '../../src/schema/perf-output.ts';
import { createApp } from '../../src/server/app.ts';
import { MAX_BODY_BYTES } from '../../src/server/limits.ts';
import { runCli } from '../helpers/cli.ts';

const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' } });
const BASE = 'http://localhost';
const BODY = { model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', weights_precision: 'fp8', gpus_used: 1, concurrency: 16 };

interface ErrorBody {
  error: { status: number; code: string; message: string; problems?: { field: string; value: unknown; message: string }[] };
}
const post = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }, path = '/api/v1/perf') =>
  Promise.resolve(app.request(`${BASE}${path}`, { method: 'POST', body, headers }));

describe('POST /api/v1/perf', () => {
  it('answers byte for byte what llm-sizing perf --json-only prints, in its published schema', async () => {
    const res = await post(JSON.stringify(BODY));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await res.text();
    const cli = await runCli(['perf', '--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--weights-precision', 'fp8', '--gpus-used', '1', '--concurrency', '16', '--json-only']);
    expect(text).toBe(cli.stdout);
    const doc = PerfOutputSchema.parse(JSON.parse(text));
    expect(doc.performance.tpot_ms.p99).toBeGreaterThan(0);
  });

  it('takes token counts as text ("2k") and a request rate', async () => {
    const res = await post(JSON.stringify({ model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', input_tokens: '2k', request_rate: 4 }));
    expect(res.status).toBe(200);
    const doc = PerfOutputSchema.parse(await res.json());
    expect(doc.workload).toEqual({ input_tokens: 2048, output_tokens: 1024, request_rate: 4 });
  });

  it('400: every problem names its field, the value and what is accepted, in the request\'s language', async () => {
    const res = await post(JSON.stringify({ model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', concurrency: 0, input_tokens: -1, gpu_used: 1 }));
    expect(res.status).toBe(400);
    const err = ((await res.json()) as ErrorBody).error;
    expect(err.code).toBe('invalid_input');
    expect(err.problems!.map((p) => p.field)).toEqual(['gpu_used', 'input_tokens', 'concurrency']);
    expect(err.problems![0]!.message).toContain('gpus_used');
    const pt = await post(JSON.stringify({ model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', concurrency: 4, request_rate: 2 }), { 'Content-Type': 'application/json' }, '/api/v1/perf?lang=pt-BR');
    expect(pt.status).toBe(400);
    expect(((await pt.json()) as ErrorBody).error.message).toMatch(/request_rate.*concurrency/);
    const gpus = await post(JSON.stringify({ model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', gpus_used: 9 }));
    expect(((await gpus.json()) as ErrorBody).error.problems![0]).toMatchObject({ field: 'gpus_used', value: 9 });
  });

  it('415 for a body that is not application/json, 413 over the size limit, 421 for another Host, 405 for GET', async () => {
    expect((await post(JSON.stringify(BODY), { 'Content-Type': 'text/plain' })).status).toBe(415);
    const big = await post(JSON.stringify({ ...BODY, pad: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorBody).error.code).toBe('body_too_large');
    const evil = await Promise.resolve(app.request('http://evil.example/api/v1/perf', { method: 'POST', body: JSON.stringify(BODY), headers: { 'Content-Type': 'application/json' } }));
    expect(evil.status).toBe(421);
    const get = await Promise.resolve(app.request(`${BASE}/api/v1/perf`));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('is in the OpenAPI document, its body generated from the perf field table and its answer from the output schema', async () => {
    const doc = (await (await Promise.resolve(app.request(`${BASE}/api/v1/openapi.json`))).json()) as {
      paths: Record<string, { post?: { requestBody: unknown } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.paths['/api/v1/perf']?.post).toBeDefined();
    const body = doc.components.schemas.PerfBody!;
    expect(Object.keys(body.properties ?? {})).toEqual(PERF_FIELDS);
    expect(body.required).toEqual(['model', 'server']);
    expect(Object.keys(doc.components.schemas.PerfOutput!.properties ?? {})).toEqual(['inputs', 'workload', 'performance']);
  });
});
