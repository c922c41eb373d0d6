/** The layout of catalog files, as the original tool wrote them (no validation here: see load.ts). */
import type { CatalogKind } from '../schema/catalog.ts';

/** The top-level key of each file: `{ "models": [...] }`, `{ "servers": [...] }`, `{ "profiles": [...] }`. */
export const FILE_KEYS: Readonly<Record<CatalogKind, string>> = { models: 'models', servers: 'servers', storage: 'profiles' };
