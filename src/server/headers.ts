/**
 * Security headers of every answer. The page's Content-Security-Policy allows only its own files:
 * no inline script or style (the page has none: its charts draw colours with SVG attributes, not
 * `style=`), no plug-ins, no framing (`frame-ancestors 'none'`, against clickjacking), no form
 * posting, no requests to other hosts (the page computes everything itself and fetches nothing).
 * `img-src data:` is for the page's empty favicon (`data:,`), which spares a request for /favicon.ico.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** For everything that is not a page: nothing may run, load or frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const COMMON: Readonly<Record<string, string>> = {
  // The browser must take the Content-Type as given: a JSON or Markdown answer is never run as HTML or script.
  'X-Content-Type-Options': 'nosniff',
  // Links from the page (to the API's documents) send no address along.
  'Referrer-Policy': 'no-referrer',
};

/**
 * The web app's files. `no-cache`: the browser keeps them but asks again on every load, with the
 * file's entity tag (static.ts); the unchanged file's answer is a 304 without a body, and the browser
 * reuses its copy, and V8 the code it compiled from app.js (its code cache), instead of downloading
 * and compiling ~450 kB of script again. A new build is seen on the next load.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = { ...COMMON, 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-cache' };

/**
 * A page file asked for by its version (`app.js?v=DIGEST`, as the built index.html names it, when
 * DIGEST is the file's own): its content never changes at that address, so the browser keeps it a
 * year without asking again.
 */
export const VERSIONED_CACHE_CONTROL = 'max-age=31536000, immutable';

/** API answers and errors: computed per request, so never stored by a cache. */
export const API_HEADERS: Readonly<Record<string, string>> = { ...COMMON, 'Content-Security-Policy': API_CSP, 'Cache-Control': 'no-store' };

/** Adds `defaults` that `headers` does not already have. */
export function withDefaults(headers: Headers, defaults: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(defaults)) if (!headers.has(name)) headers.set(name, value);
}
