/** Find catalog entries by name; an unknown name is a problem listing the known ones. */
import type { Catalog, CatalogKind, ModelEntry } from '../schema/catalog.ts';
import { closest, type Problem, type Result } from '../schema/problems.ts';
import type { SizingEntries } from '../core/sizing.ts';

const FIELD: Readonly<Record<CatalogKind, 'model' | 'server' | 'storage'>> = { models: 'model', servers: 'server', storage: 'storage' };

/** A name → entry index over a catalog, built once (batch mode looks names up per line). */
export class CatalogIndex {
  readonly catalog: Catalog;
  private readonly maps: { [K in CatalogKind]: Map<string, Catalog[K][number]> };
  constructor(catalog: Catalog) {
    this.catalog = catalog;
    this.maps = {
      models: new Map(catalog.models.map((e) => [e.name, e])),
      servers: new Map(catalog.servers.map((e) => [e.name, e])),
      storage: new Map(catalog.storage.map((e) => [e.name, e])),
    };
  }

  /** This catalog with `model` first, in place of any model of the same name (an imported config.json). */
  withModel(model: ModelEntry): CatalogIndex {
    return new CatalogIndex({ ...this.catalog, models: [model, ...this.catalog.models.filter((m) => m.name !== model.name)] });
  }

  names(kind: CatalogKind): string[] {
    return [...this.maps[kind].keys()];
  }

  private find<K extends CatalogKind>(kind: K, name: string, problems: Problem[], source?: string): Catalog[K][number] | undefined {
    const entry = this.maps[kind].get(name) as Catalog[K][number] | undefined;
    if (entry === undefined) {
      const known = this.names(kind);
      problems.push({ field: FIELD[kind], value: name, accepted: { kind: 'one_of', values: known, suggestion: closest(name, known) }, source });
    }
    return entry;
  }

  /** Resolve the three names of a request. */
  resolve(names: { model: string; server: string; storage: string }, source?: string): Result<SizingEntries> {
    const problems: Problem[] = [];
    const model = this.find('models', names.model, problems, source);
    const server = this.find('servers', names.server, problems, source);
    const storage = this.find('storage', names.storage, problems, source);
    if (model && server && storage) return { ok: true, value: { model, server, storage, servers: this.catalog.servers } };
    return { ok: false, problems };
  }
}
