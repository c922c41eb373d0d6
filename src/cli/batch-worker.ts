/**
 * The second thread of a split `batch FILE` (src/cli/batch-split.ts), built as dist/batch-worker.cjs:
 * `batch` (dist/batch.cjs with its code cache, as the first thread loads it) sizing the chunks it is sent.
 */
import { workerData } from 'node:worker_threads';
import { CatalogIndex } from '../catalog/lookup.ts';
import { requireBatch } from './batch-bundle.ts';

const batch = requireBatch(false) as typeof import('./batch.ts');
const data = workerData as import('./batch.ts').ChunkWorkerData;
batch.serveChunks(data, new CatalogIndex(data.catalog));
