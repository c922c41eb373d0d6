/**
 * The catalog that ships with the tool. Checked against the schema and rules by the catalog lint test
 * (not at run time: that keeps the CLI's start-up lean).
 */
import type { Catalog, FacilityTerms, ModelEntry, PriceEntry, PricesCatalog, ServerEntry, StorageEntry } from '../schema/catalog.ts';
import models from './data/models.json' with { type: 'json' };
import servers from './data/servers.json' with { type: 'json' };
import storage from './data/storage.json' with { type: 'json' };
import prices from './data/prices.json' with { type: 'json' };

/** The dated default prices and facility terms (issue 11): prices change; a user's --prices-file overrides them. */
export const BUILTIN_PRICES: PricesCatalog = {
  as_of: prices.as_of,
  facility: prices.facility as FacilityTerms,
  prices: prices.prices as PriceEntry[],
};

export const BUILTIN_CATALOG: Catalog = {
  models: models.models as ModelEntry[],
  servers: servers.servers as ServerEntry[],
  storage: storage.profiles as StorageEntry[],
  prices: BUILTIN_PRICES,
};
