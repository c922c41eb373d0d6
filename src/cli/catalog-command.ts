/** `llm-sizing catalog`: what --model, --server and --storage accept. */
import { serverTotalHbmGb } from '../core/sizing.ts';
import { gbToGib } from '../core/units.ts';
import { fmt } from '../report/format.ts';
import type { Catalog } from '../schema/catalog.ts';
import { InputError } from '../schema/problems.ts';
import type { ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import type { Io } from './main.ts';

const KINDS = ['models', 'servers', 'storage'] as const;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}

export function runCatalog(args: ParsedArgs, io: Io, catalog: Catalog): number {
  const only = args.positionals[0];
  if (only !== undefined && !(KINDS as readonly string[]).includes(only)) {
    throw new InputError([{ field: 'kind', value: only, accepted: { kind: 'one_of', values: [...KINDS] } }]);
  }
  const kinds = only === undefined ? KINDS : KINDS.filter((k) => k === only);
  if (args.values.json) {
    const out: Partial<Record<(typeof KINDS)[number], unknown>> = {};
    for (const k of kinds) out[k] = catalog[k];
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return EXIT.ok;
  }
  const f = fmt(args.locale);
  const lines: string[] = [];
  const source = (flag: string) => (typeof args.values[flag] === 'string' ? `from ${String(args.values[flag])}` : 'built-in');
  if (kinds.includes('models')) {
    lines.push(`MODELS (${source('models-file')}): --model`);
    lines.push(
      ...table([
        ['name', 'layers', 'kv heads', 'head dim', 'max context', 'attention', 'default kv'],
        ...catalog.models.map((m) => [
          m.name,
          String(m.num_layers),
          String(m.num_key_value_heads),
          String(m.head_dim),
          f.int(m.max_position_embeddings),
          m.attention_pattern === 'hybrid'
            ? `hybrid ${m.hybrid_full_layers} full + ${m.hybrid_sliding_layers} sliding (window ${m.sliding_window})`
            : m.attention_pattern === 'sliding'
              ? `sliding (window ${m.sliding_window})`
              : 'full',
          m.default_kv_precision,
        ]),
      ]),
      '',
    );
  }
  if (kinds.includes('servers')) {
    lines.push(`SERVERS (${source('servers-file')}): --server`);
    lines.push(
      ...table([
        ['name', 'gpus', 'GB/gpu', 'total GB', 'total GiB', 'nvlink TB/s'],
        ...catalog.servers.map((s) => {
          const total = serverTotalHbmGb(s);
          return [s.name, String(s.gpus), f.num(s.hbm_per_gpu_gb), f.num(total), f.fixed(gbToGib(total), 1), s.nvlink_bandwidth_tbps ? f.num(s.nvlink_bandwidth_tbps) : '-'];
        }),
      ]),
      '',
    );
  }
  if (kinds.includes('storage')) {
    lines.push(`STORAGE PROFILES (${source('storage-file')}): --storage`);
    lines.push(
      ...table([
        ['name', 'type', 'read GB/s', 'write GB/s', 'read p99 ms', 'read IOPS'],
        ...catalog.storage.map((p) => [p.name, p.type, f.num(p.throughput_read_gbps), f.num(p.throughput_write_gbps), f.num(p.latency_read_ms_p99), f.int(p.iops_read)]),
      ]),
      '',
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
