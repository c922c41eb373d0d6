/** Find catalog entries by name; an unknown name is a problem listing the known ones. */
import type { Catalog, CatalogKind, ModelEntry, PriceEntry, PricesCatalog } from '../schema/catalog.ts';
import { BUILTIN_PRICES } from './builtin.ts';
import { closest, type Problem, type Result } from '../schema/problems.ts';
import type { SizingEntries } from '../core/sizing.ts';
import { DEFAULTS } from '../core/defaults.ts';

const FIELD: Readonly<Record<CatalogKind, 'model' | 'server' | 'storage'>> = { models: 'model', servers: 'server', storage: 'storage' };

/** A name → entry index over a catalog, built once (batch mode looks names up per line). */
export class CatalogIndex {
  readonly catalog: Catalog;
  private readonly maps: { [K in CatalogKind]: Map<string, Catalog[K][number]> };
  /** The prices catalog (issue 11): the catalog's, else the built-in one. */
  readonly prices: PricesCatalog;
  private readonly priceByServer: Map<string, PriceEntry>;
  constructor(catalog: Catalog) {
    this.catalog = catalog;
    this.prices = catalog.prices ?? BUILTIN_PRICES;
    this.priceByServer = new Map(this.prices.prices.map((p) => [p.server, p]));
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

  /** Each kind's names, frozen (an unknown name's problem lists them; its "did you mean" is memoised by the list). */
  private readonly known: { [K in CatalogKind]?: readonly string[] } = {};

  private find<K extends CatalogKind>(kind: K, name: string, problems: Problem[], source?: string): Catalog[K][number] | undefined {
    const entry = this.maps[kind].get(name) as Catalog[K][number] | undefined;
    if (entry === undefined) {
      const known = (this.known[kind] ??= Object.freeze(this.names(kind)));
      problems.push({ field: FIELD[kind], value: name, accepted: { kind: 'one_of', values: known, suggestion: closest(name, known) }, source });
    }
    return entry;
  }

  /**
   * Resolve the three names of a request; the storage profile defaults to `DEFAULTS.storage`. A name
   * that is not a non-empty text is left to the request's validation (no problem here, and no entries).
   */
  resolve(names: { readonly model?: unknown; readonly server?: unknown; readonly storage?: unknown }, source?: string): Result<SizingEntries> {
    const problems: Problem[] = [];
    const model = this.lookUp('models', names.model, problems, source);
    const server = this.lookUp('servers', names.server, problems, source);
    const storage = this.lookUp('storage', names.storage ?? DEFAULTS.storage, problems, source);
    if (model && server && storage) {
      const pricing = { price: this.priceByServer.get(server.name), facility: this.prices.facility, as_of: this.prices.as_of };
      return { ok: true, value: { model, server, storage, servers: this.catalog.servers, pricing } };
    }
    return { ok: false, problems };
  }

  private lookUp<K extends CatalogKind>(kind: K, name: unknown, problems: Problem[], source?: string): Catalog[K][number] | undefined {
    return typeof name === 'string' && name !== '' ? this.find(kind, name, problems, source) : undefined;
  }
}
