/**
 * The schemas of a derivation (./derivations.ts): as a models file holds it (src/schema/catalog.ts)
 * and as the JSON document shows it (src/schema/output.ts). Apart from ./derivations.ts so that code
 * that only builds derivations (the config.json import, in the web page's bundle) does not load zod.
 */
import * as z from 'zod/mini';
import { DERIVATION_CODES, type DerivationCode } from './derivations.ts';

const value = () => z.union([z.number(), z.string()]);

export const DerivationSchema = z.union([
  z.strictObject({ field: z.string(), value: value(), code: z.enum(DERIVATION_CODES as [DerivationCode, ...DerivationCode[]]), params: z.record(z.string(), value()) }),
  z.strictObject({ field: z.string(), value: value(), from: z.string() }),
]);

/** A derivation as a models file holds it (checked by the schema, so its `params` are loosely typed). */
export type StoredDerivation = z.infer<typeof DerivationSchema>;

/** A derivation as the JSON document and the reports show it: its words in the document's locale. */
export const RenderedDerivationSchema = z.strictObject({ field: z.string(), value: value(), from: z.string() });
