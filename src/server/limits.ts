/** Defaults and limits of `llm-sizing serve` and its API, in one place (help, README and tests read them). */
export const SERVE_DEFAULTS = {
  /** Loopback only: the API has no authentication. */
  host: '127.0.0.1',
  /** A fixed port, so a bookmarked URL keeps working; 0 asks the OS for any free one. */
  port: 8787,
} as const;

/** Largest request body accepted, bytes (1 MiB = 1024² bytes: a real config.json is a few kB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Deepest nesting of arrays and objects in a body: the bound every JSON input shares (src/schema/json-depth.ts). */
export { MAX_JSON_DEPTH } from '../schema/json-depth.ts';

/** Most layers an inline `hf_config` may declare: the catalog's bound (src/schema/limits.ts). */
export { MAX_LAYERS as MAX_CONFIG_LAYERS } from '../schema/limits.ts';

/**
 * What `llm-sizing serve` holds open, so that slow or idle clients cannot pile up. The numbers are
 * shown by `llm-sizing serve --help`; tests of the timeouts start the same server with smaller ones.
 */
export const SERVE_LIMITS = {
  /** Open connections at once; more are closed on arrival (a browser opens about 6, a pipeline a few dozen). */
  maxConnections: 128,
  /** Milliseconds from connecting to the end of the request headers (bounds silent and slow-loris clients alike). */
  headersTimeoutMs: 10_000,
  /** Milliseconds to send the whole request, the 1 MiB body included (408 after that). */
  requestTimeoutMs: 30_000,
  /** Milliseconds an idle keep-alive connection stays open between requests (Node's default; Node 20 adds 1 s). */
  keepAliveTimeoutMs: 5_000,
  /** Milliseconds without traffic either way before a connection is closed (e.g. a client that stops reading its answer). */
  idleTimeoutMs: 10_000,
  /** How often Node enforces the header and request timeouts (its default, 30 s, would let them overrun). */
  checkIntervalMs: 1_000,
} as const;
export type ServeLimits = { readonly [K in keyof typeof SERVE_LIMITS]: number };

/** The API's path prefix. */
export const API_PREFIX = '/api/v1';
