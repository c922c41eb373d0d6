/**
 * The web app's files, served from one folder only. The folder is listed once, at start-up, into a
 * map from URL path to file; a request is served only when its path is a key of that map, so no
 * request path (`/../package.json`, `%2e%2e%2f`, symlinks, …) can reach a file outside the folder.
 */
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
}

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
        files.set(`${prefix}${e.name}`, { body: readFileSync(join(dir, e.name)), contentType: CONTENT_TYPES[extname(e.name).toLowerCase()] ?? 'application/octet-stream' });
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
