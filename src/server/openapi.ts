/**
 * The API's OpenAPI 3.1 document, generated from the same schemas as the CLI's published JSON
 * Schemas: the request field table (`requestJsonSchema`), the JSON document (`SizingOutputSchema`)
 * and the catalog entries, so that it cannot drift from what the API takes and returns.
 */
import * as z from 'zod/mini';
import { ModelEntrySchema, ServerEntrySchema, StorageEntrySchema } from '../schema/catalog.ts';
import { SizingOutputSchema } from '../schema/output.ts';
import { requestJsonSchema } from '../schema/request.ts';
import { perfRequestJsonSchema } from '../schema/perf-request.ts';
import { PerfOutputSchema } from '../schema/perf-output.ts';
import { compareBodyJsonSchema } from '../schema/compare-request.ts';
import { CompareOutputSchema } from '../schema/compare-output.ts';
import { LOCALES } from '../report/format.ts';
import { VERSION } from '../version.ts';
import { API_ERRORS } from './api-errors.ts';
import { API_PREFIX, MAX_BODY_BYTES, MAX_CONFIG_LAYERS, MAX_JSON_DEPTH } from './limits.ts';
import { HF_CONFIG_FIELD, NAME_FIELD } from './sizing.ts';

/** A JSON Schema without its `$schema` (OpenAPI 3.1 components are 2020-12 schemas already). */
function component(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** The sizing body: a batch line's fields (without the batch-only `id`), or `hf_config` instead of `model`. */
export function sizingBodySchema(): Record<string, unknown> {
  const { oneOf: load, ...request } = component(requestJsonSchema()) as { properties: Record<string, unknown>; required: string[]; oneOf?: unknown };
  const { id: _batchOnly, ...properties } = request.properties;
  return {
    ...request,
    title: 'llm-sizing API sizing body',
    properties: {
      ...properties,
      [HF_CONFIG_FIELD]: { type: 'object', description: 'A Hugging Face config.json, inline, sized instead of a catalog model (like --hf-config); exclusive with model.' },
      [NAME_FIELD]: { type: 'string', minLength: 1, description: 'With hf_config: the name to give the imported model (like --name); default the config\'s _name_or_path, else "imported-model".' },
    },
    required: request.required.filter((f) => f !== 'model'),
    // model or hf_config, and (the request table's) concurrency or request_rate: exactly one of each.
    allOf: [{ oneOf: [{ required: ['model'] }, { required: [HF_CONFIG_FIELD] }] }, ...(load ? [{ oneOf: load }] : [])],
  };
}

const LANG_PARAMETER = {
  name: 'lang',
  in: 'query',
  required: false,
  description: 'Language of messages and reports; default: from Accept-Language, else en.',
  schema: { type: 'string', enum: [...LOCALES] },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function openApiDocument(): Record<string, unknown> {
  const sizingBody = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SizingBody' } } } };
  // Every route: a Host header naming another server (DNS rebinding) is refused.
  const hostError = { '421': errorResponse('Host header naming neither localhost, 127.0.0.1, [::1] nor the address the server listens on, with its port.') };
  const bodyErrors = {
    '400': errorResponse(
      `Invalid JSON (or nested more than ${MAX_JSON_DEPTH} levels deep), body, lang or format, or an hf_config of more than ${MAX_CONFIG_LAYERS} layers: error.problems names each field, the value given and what is accepted.`,
    ),
    '413': errorResponse(`Body larger than ${MAX_BODY_BYTES} bytes (answered before the body is sent to a client that asks with Expect: 100-continue).`),
    '415': errorResponse('A body not sent as Content-Type: application/json (a charset parameter, if any, must be utf-8).'),
    ...hostError,
    '500': errorResponse('Unexpected error (a generic message).'),
  };
  return {
    openapi: '3.1.0',
    info: { title: 'llm-sizing API', version: VERSION, description: 'GPU node sizing for LLM inference: the same inputs and JSON as the llm-sizing CLI.' },
    paths: {
      [`${API_PREFIX}/sizing`]: {
        post: {
          summary: 'Size a deployment: the JSON document of `llm-sizing --json-only`.',
          parameters: [LANG_PARAMETER],
          requestBody: sizingBody,
          responses: {
            '200': {
              description: 'Sized (feasible or not: see `feasible` and the X-LLM-Sizing-Feasible header).',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/SizingOutput' } } },
            },
            ...bodyErrors,
          },
        },
      },
      [`${API_PREFIX}/report`]: {
        post: {
          summary: 'Size a deployment and render a report (Markdown, text or the executive report).',
          parameters: [LANG_PARAMETER, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['markdown', 'text', 'executive'], default: 'markdown' } }],
          requestBody: sizingBody,
          responses: {
            '200': { description: 'The report.', content: { 'text/markdown': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } } },
            ...bodyErrors,
          },
        },
      },
      [`${API_PREFIX}/perf`]: {
        post: {
          summary: 'Evaluate one deployment at one load with the performance model: the JSON document of `llm-sizing perf --json-only`.',
          description:
            'The body takes the fields of `llm-sizing perf` in snake_case: model, server, the workload (input_tokens, output_tokens), the load (concurrency or request_rate, or neither for maximum throughput), gpus_used, and the precision and engine settings of a sizing.',
          parameters: [LANG_PARAMETER],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PerfBody' } } } },
          responses: {
            '200': { description: 'Evaluated.', content: { 'application/json': { schema: { $ref: '#/components/schemas/PerfOutput' } } } },
            ...bodyErrors,
          },
        },
      },
      [`${API_PREFIX}/compare`]: {
        post: {
          summary: 'Size one request crossed with lists of options, ranked, with the recommendation: the JSON document of `llm-sizing compare --json-only`.',
          description:
            'The body: `request` (a sizing request), `options` (lists of server, memory_model, tensor_parallel, pipeline_parallel, replicas_per_node, kv_precision, weights_precision values; every combination is one sizing), `sort` and `top`. An option the planner refuses is an infeasible row with its reason; any other bad value is a 400 naming the field and the value.',
          parameters: [LANG_PARAMETER],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CompareBody' } } } },
          responses: {
            '200': {
              description: 'Compared (X-LLM-Sizing-Feasible: whether some option can be recommended).',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CompareOutput' } } },
            },
            ...bodyErrors,
          },
        },
      },
      [`${API_PREFIX}/catalog`]: {
        get: {
          summary: 'The built-in catalog: models, servers and storage profiles.',
          responses: { '200': { description: 'The catalog.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Catalog' } } } }, ...hostError },
        },
      },
      [`${API_PREFIX}/health`]: {
        get: {
          summary: 'Liveness.',
          responses: {
            '200': {
              description: 'Up.',
              content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' }, version: { type: 'string' } }, required: ['status', 'version'] } } },
            },
            ...hostError,
          },
        },
      },
      [`${API_PREFIX}/openapi.json`]: { get: { summary: 'This document.', responses: { '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': {} } }, ...hostError } } },
    },
    components: {
      schemas: {
        SizingBody: sizingBodySchema(),
        SizingOutput: component(z.toJSONSchema(SizingOutputSchema) as Record<string, unknown>),
        PerfBody: component(perfRequestJsonSchema()),
        PerfOutput: component(z.toJSONSchema(PerfOutputSchema) as Record<string, unknown>),
        CompareBody: component(compareBodyJsonSchema()),
        CompareOutput: component(z.toJSONSchema(CompareOutputSchema, { unrepresentable: 'any' }) as Record<string, unknown>),
        Catalog: component(
          z.toJSONSchema(z.strictObject({ models: z.array(ModelEntrySchema), servers: z.array(ServerEntrySchema), storage: z.array(StorageEntrySchema) })) as Record<string, unknown>,
        ),
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'code', 'message'],
              properties: {
                status: { type: 'integer' },
                code: { type: 'string', enum: Object.keys(API_ERRORS) },
                message: { type: 'string' },
                problems: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['field', 'value', 'accepted', 'message'],
                    properties: { field: { type: 'string' }, value: {}, accepted: { type: 'object', description: 'What the field accepts, as data (kind, values, min, max, …).' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
