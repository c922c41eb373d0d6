/**
 * The web app's files, served from one folder only. The folder is listed once, at start-up, into a
 * map from URL path to file; a request is served only when its path is a key of that map, so no
 * request path (`/../package.json`, `%2e%2e%2f`, symlinks, …) can reach a file outside the folder.
 * Each file carries an entity tag, a digest of its bytes, for the browser's revalidation (app.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticFile {
  readonly body: Uint8Array;
  readonly contentType: string;
  /** A strong entity tag: the first 128 bits of the bytes' SHA-256, base64url, quoted (`"…"`). */
  readonly etag: string;
}

/** The entity tag of `body` (StaticFile.etag). */
export const entityTag = (body: Uint8Array): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/** Every regular file under `root` (no symlinks followed), keyed by its URL path (`/index.html`). */
export function staticFiles(root: string | undefined): ReadonlyMap<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (root === undefined) return files;
  const walk = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else if (e.isFile()) {
        const body = readFileSync(join(dir, e.name));
        files.set(`${prefix}${e.name}`, { body, contentType: CONTENT_TYPES[extname(e.name).toLowerCase()] ?? 'application/octet-stream', etag: entityTag(body) });
      }
    }
  };
  walk(root, '/');
  return files;
}

/** The file a URL path names: `/` and folder paths mean their index.html. */
export function lookupStatic(files: ReadonlyMap<string, StaticFile>, urlPath: string): StaticFile | undefined {
  const key = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
  return files.get(key);
}

/**
 * Whether an If-None-Match header value names `etag`: `*`, or a comma-separated list of entity tags
 * compared weakly (a `W/` prefix ignored), as RFC 9110 §13.1.2 asks of a GET. No header: false.
 */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return ifNoneMatch.split(',').some((t) => opaque(t.trim()) === opaque(etag));
}
