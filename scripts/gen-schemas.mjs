// Generates docs/schema/*.schema.json from the code, the single source of every shape:
//   sizing-output.schema.json  src/schema/output.ts   SizingOutputSchema (--json-only, --output-json-file)
//   models.schema.json         src/schema/catalog.ts  ModelsFileSchema   (--models-file)
//   servers.schema.json        src/schema/catalog.ts  ServersFileSchema  (--servers-file)
//   storage.schema.json        src/schema/catalog.ts  StorageFileSchema  (--storage-file)
//   prices.schema.json         src/schema/catalog.ts  PricesFileSchema   (--prices-file)
//   request.schema.json        src/schema/request.ts  requestJsonSchema() (batch lines)
//
//   node scripts/gen-schemas.mjs          write the files (npm run schemas)
//   node scripts/gen-schemas.mjs --check  write nothing; exit 1 listing the files that are stale
//
// The TypeScript sources are bundled by esbuild (with zod inside) into a temporary .mjs file, which
// is imported and asked for the schemas; nothing is compiled into the repository.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const scriptsDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(scriptsDir);
const outDir = join(root, 'docs', 'schema');

const entry = `
import * as z from 'zod/mini';
import { SizingOutputSchema } from '../src/schema/output.ts';
import { ModelsFileSchema, PricesFileSchema, ServersFileSchema, StorageFileSchema } from '../src/schema/catalog.ts';
import { requestJsonSchema } from '../src/schema/request.ts';

const titled = (title, schema) => {
  const { $schema, ...rest } = z.toJSONSchema(schema);
  return { $schema, title, ...rest };
};

export const schemas = {
  'sizing-output.schema.json': titled('llm-sizing JSON document (--json-only / --output-json-file)', SizingOutputSchema),
  'models.schema.json': titled('llm-sizing models catalog file (--models-file)', ModelsFileSchema),
  'servers.schema.json': titled('llm-sizing servers catalog file (--servers-file)', ServersFileSchema),
  'storage.schema.json': titled('llm-sizing storage profiles catalog file (--storage-file)', StorageFileSchema),
  'prices.schema.json': titled('llm-sizing prices catalog file (--prices-file)', PricesFileSchema),
  'request.schema.json': requestJsonSchema(),
};
`;

async function generate() {
  const tmp = mkdtempSync(join(tmpdir(), 'llm-sizing-schemas-'));
  try {
    const outfile = join(tmp, 'schemas.mjs');
    await build({
      stdin: { contents: entry, resolveDir: scriptsDir, sourcefile: 'gen-schemas-entry.js', loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile,
      logLevel: 'warning',
    });
    const { schemas } = await import(pathToFileURL(outfile).href);
    const out = {};
    for (const [file, schema] of Object.entries(schemas)) out[file] = `${JSON.stringify(schema, null, 2)}\n`;
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((a) => a !== '--check');
if (unknown.length > 0) {
  console.error(`gen-schemas: unknown argument ${unknown[0]} (usage: node scripts/gen-schemas.mjs [--check])`);
  process.exit(2);
}

const files = await generate();
if (check) {
  const stale = [];
  for (const [file, text] of Object.entries(files)) {
    let current;
    try {
      current = readFileSync(join(outDir, file), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) stale.push(relative(root, join(outDir, file)) + (current === undefined ? ' (missing)' : ''));
  }
  if (stale.length > 0) {
    console.error(`gen-schemas: these JSON Schemas no longer match the code (run npm run schemas):\n${stale.map((f) => `  ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`gen-schemas: ${Object.keys(files).length} JSON Schemas up to date.`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(outDir, file), text);
  console.log(`gen-schemas: wrote ${Object.keys(files).map((f) => relative(root, join(outDir, f))).join(', ')}`);
}
