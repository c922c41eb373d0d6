/** `llm-sizing catalog`: what --model, --server and --storage accept. */
import { FILE_KEYS } from '../catalog/files.ts';
import { serverTotalHbmGb } from '../core/sizing.ts';
import { existsSync } from 'node:fs';
import { kvPerSession } from '../core/kv.ts';
import { gbToGib } from '../core/units.ts';
import type { ModelEntry } from '../schema/catalog.ts';
import { loadHfConfig } from './hf-config.ts';
import { checkWritable, readTextFile, writeFilesAtomically } from './io.ts';
import { fmt } from '../report/format.ts';
import { messagesFor } from '../report/i18n/index.ts';
import type { Catalog } from '../schema/catalog.ts';
import { BUILTIN_PRICES } from '../catalog/builtin.ts';
import { InputError } from '../schema/problems.ts';
import type { ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import type { Io } from './main.ts';

const KINDS = ['models', 'servers', 'storage'] as const;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}

/** Where `catalog import` writes when no --models-file is given: the original tool's file name. */
export const DEFAULT_IMPORT_FILE = 'models.json';

/**
 * `catalog import PATH`: read a Hugging Face config.json and add (or replace, by name) its model in a
 * user catalog file in the original tool's format, written whole or not at all.
 */
async function runImport(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[1];
  if (path === undefined) throw new InputError([{ field: 'PATH', value: undefined, accepted: { kind: 'required' } }]);
  const target = typeof args.values['models-file'] === 'string' ? args.values['models-file'] : DEFAULT_IMPORT_FILE;
  const writable = checkWritable(target, '--models-file');
  if (writable) throw new InputError([writable]);
  const model = loadHfConfig(path, typeof args.values.name === 'string' ? args.values.name : undefined, 'PATH');
  let existing: ModelEntry[] = [];
  let extra: Record<string, unknown> = {};
  if (existsSync(target)) {
    const { parseCatalogFile } = await import('../catalog/load.ts');
    const read = readTextFile(target, '--models-file', 'catalog');
    if (!read.ok) throw new InputError([read.problem]);
    const parsed = parseCatalogFile('models', read.text, target);
    if (!parsed.ok) throw new InputError(parsed.problems);
    existing = parsed.value;
    const data = JSON.parse(read.text) as unknown;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) extra = data as Record<string, unknown>;
  }
  const replaced = existing.some((m) => m.name === model.name);
  const models = replaced ? existing.map((m) => (m.name === model.name ? model : m)) : [...existing, model];
  writeFilesAtomically([{ path: target, content: `${JSON.stringify({ ...extra, models }, null, 2)}\n`, field: '--models-file' }]);
  const f = fmt(args.locale);
  const L = messagesFor(args.locale).labels;
  const kv = kvPerSession(model, 1, model.default_kv_precision);
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const lines = [
    fill(replaced ? L.importReplaced : L.importAdded, { name: model.name, file: target }),
    ...(model.kv_layers ?? []).map((g) => `  ${messagesFor(args.locale).layerGroup(g, f)}`),
    `  ${fill(L.importPerToken, { bytes: f.int(kv.bytes_per_context_token), precision: model.default_kv_precision, constant: f.int(kv.constant_bytes) })}`,
    ...(model.derivations ?? []).map((d) => {
      const shown = messagesFor(args.locale).derivation(d, f);
      return `  · ${shown.field} = ${shown.value}  (${shown.from})`;
    }),
    fill(L.importUse, { name: model.name, file: target }),
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** `catalog prices`: the prices in use (built-in, or with --prices-file); `--json` prints a file --prices-file takes back. */
function listPrices(args: ParsedArgs, io: Io, catalog: Catalog): number {
  const prices = catalog.prices ?? BUILTIN_PRICES;
  if (args.values.json) {
    io.stdout(`${JSON.stringify(prices, null, 2)}\n`);
    return EXIT.ok;
  }
  const f = fmt(args.locale);
  const m = messagesFor(args.locale);
  const C = m.cost;
  const L = m.labels;
  const money = (x: number | null | undefined) => (typeof x === 'number' ? f.num(x, 3) : '-');
  const file = args.values['prices-file'];
  const from = typeof file !== 'string' ? L.catalogBuiltIn : (args.values['replace-catalog'] === true ? L.catalogFrom : L.catalogBuiltInAnd).replace('{file}', file);
  const lines = [
    `${C.catalog.title} (${from}, ${prices.as_of}): --pricing, --prices-file`,
    ...table([[L.colName, C.catalog.onDemand, C.catalog.reserved, C.catalog.capex, C.catalog.date], ...prices.prices.map((p) => [p.server, money(p.on_demand_usd_per_gpu_hour), money(p.reserved_usd_per_gpu_hour), money(p.capex_usd_per_node), p.date])]),
    '',
    `${C.catalog.facility}: ${C.facility({ ...prices.facility, from_request: [] }, f)}`,
    C.notice({ as_of: prices.as_of }),
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

export async function runCatalog(args: ParsedArgs, io: Io, catalog: Catalog): Promise<number> {
  if (args.positionals[0] === 'import') return runImport(args, io);
  const only = args.positionals[0];
  // Issue 11: the prices catalog, listed only when asked for (`catalog prices`).
  if (only === 'prices') return listPrices(args, io, catalog);
  if (only !== undefined && !(KINDS as readonly string[]).includes(only)) {
    throw new InputError([{ field: 'kind', value: only, accepted: { kind: 'one_of', values: [...KINDS, 'prices', 'import'] } }]);
  }
  const kinds = only === undefined ? KINDS : KINDS.filter((k) => k === only);
  if (args.values.json) {
    // Keyed as the catalog files are ({"models"}, {"servers"}, {"profiles"}), so the output can be
    // saved and passed back with --models-file / --servers-file / --storage-file.
    const out: Record<string, unknown> = {};
    for (const k of kinds) out[FILE_KEYS[k]] = catalog[k];
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return EXIT.ok;
  }
  const f = fmt(args.locale);
  const L = messagesFor(args.locale).labels;
  const fill = (template: string, values: Record<string, string | number | null | undefined>) =>
    template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  const lines: string[] = [];
  // A file adds to the built-in entries, or replaces them with --replace-catalog.
  const source = (flag: string) =>
    typeof args.values[flag] !== 'string' ? L.catalogBuiltIn : fill(args.values['replace-catalog'] === true ? L.catalogFrom : L.catalogBuiltInAnd, { file: String(args.values[flag]) });
  if (kinds.includes('models')) {
    lines.push(`${L.catalogModels} (${source('models-file')}): --model`);
    lines.push(
      ...table([
        [L.colName, L.colLayers, L.colKvHeads, L.colHeadDim, L.colMaxContext, L.colAttention, L.colDefaultKv],
        ...catalog.models.map((m) => [
          m.name,
          String(m.num_layers),
          String(m.num_key_value_heads),
          String(m.head_dim),
          f.int(m.max_position_embeddings),
          m.kv_layers
            ? m.kv_layers.map((g) => `${g.count} ${g.kind}${g.kind === 'sliding' ? ` ${g.window}` : g.kind === 'chunked' ? ` ${g.chunk}` : ''}`).join(' + ')
            : m.attention_pattern === 'hybrid'
            ? fill(L.attnHybrid, { full: m.hybrid_full_layers, sliding: m.hybrid_sliding_layers, window: m.sliding_window })
            : m.attention_pattern === 'sliding'
              ? fill(L.attnSliding, { window: m.sliding_window })
              : L.attnFull,
          m.default_kv_precision,
        ]),
      ]),
      '',
    );
  }
  if (kinds.includes('servers')) {
    lines.push(`${L.catalogServers} (${source('servers-file')}): --server`);
    lines.push(
      ...table([
        [L.colName, L.colGpus, L.colGbPerGpu, L.colTotalGb, L.colTotalGib, L.colNvlink],
        ...catalog.servers.map((s) => {
          const total = serverTotalHbmGb(s);
          return [s.name, String(s.gpus), f.num(s.hbm_per_gpu_gb), f.num(total), f.fixed(gbToGib(total), 1), s.nvlink_bandwidth_tbps ? f.num(s.nvlink_bandwidth_tbps) : '-'];
        }),
      ]),
      '',
    );
  }
  if (kinds.includes('storage')) {
    lines.push(`${L.catalogStorage} (${source('storage-file')}): --storage`);
    lines.push(
      ...table([
        [L.colName, L.colType, L.colReadGbps, L.colWriteGbps, L.colReadP99, L.colReadIops],
        ...catalog.storage.map((p) => [p.name, p.type, f.num(p.throughput_read_gbps), f.num(p.throughput_write_gbps), f.num(p.latency_read_ms_p99), f.int(p.iops_read)]),
      ]),
      '',
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
