/**
 * The second thread of a split `batch FILE` (src/cli/batch-split.ts), built as dist/batch-worker.cjs:
 * `batch` (dist/batch.cjs with its code cache, as the first thread loads it) sizing the chunks it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { requireBatch } from './batch-bundle.ts';

const batch = requireBatch(false) as typeof import('./batch.ts');
batch.serveChunks(parentPort!, workerData as import('./batch.ts').ChunkWorkerData);
