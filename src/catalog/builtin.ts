/**
 * The catalog that ships with the tool. Checked against the schema and rules by the catalog lint test
 * (not at run time: that keeps the CLI's start-up lean).
 */
import type { Catalog, ModelEntry, ServerEntry, StorageEntry } from '../schema/catalog.ts';
import models from './data/models.json' with { type: 'json' };
import servers from './data/servers.json' with { type: 'json' };
import storage from './data/storage.json' with { type: 'json' };

export const BUILTIN_CATALOG: Catalog = {
  models: models.models as ModelEntry[],
  servers: servers.servers as ServerEntry[],
  storage: storage.profiles as StorageEntry[],
};
