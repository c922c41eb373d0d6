/** Stable error codes of the API, with their HTTP status (app.ts answers them; the OpenAPI document lists them). */
export const API_ERRORS = {
  invalid_input: 400,
  not_found: 404,
  method_not_allowed: 405,
  body_too_large: 413,
  unsupported_media_type: 415,
  misdirected_request: 421,
  internal_error: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;
