/** Built-in catalog entries by name, for tests. */
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import type { ModelEntry, ServerEntry, StorageEntry } from '../../src/schema/catalog.ts';

function byName<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((e) => e.name === name);
  if (!found) throw new Error(`no built-in entry ${name}`);
  return found;
}

export const model = (name: string): ModelEntry => byName(BUILTIN_CATALOG.models, name);
export const server = (name: string): ServerEntry => byName(BUILTIN_CATALOG.servers, name);
export const storage = (name: string): StorageEntry => byName(BUILTIN_CATALOG.storage, name);

/** The inputs of report-example.md (version 2.0's real output). */
export const REPORT_EXAMPLE = {
  entries: { model: model('opt-oss-120b'), server: server('dgx300'), storage: storage('profile_default') },
  request: { concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' as const },
};
