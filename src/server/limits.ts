/** Defaults and limits of `llm-sizing serve` and its API, in one place (help, README and tests read them). */
export const SERVE_DEFAULTS = {
  /** Loopback only: the API has no authentication. */
  host: '127.0.0.1',
  /** A fixed port, so a bookmarked URL keeps working; 0 asks the OS for any free one. */
  port: 8787,
} as const;

/** Largest request body accepted, bytes (1 MiB = 1024² bytes: a real config.json is a few kB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The API's path prefix. */
export const API_PREFIX = '/api/v1';
