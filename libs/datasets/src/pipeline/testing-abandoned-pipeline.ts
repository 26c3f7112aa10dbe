// Test helper run as a child process: takes two batches of an endless training pipeline and never closes it.
import { readManifest } from '../manifest';
import { createBatchPipeline } from './batch-pipeline';

const manifest = await readManifest(process.argv[2]);
const pipeline = createBatchPipeline({ manifest, split: 'train', batchSize: 2, imageSize: 32, preprocessing: 'inception', training: true, seed: 1 });
const batches = pipeline[Symbol.asyncIterator]();
await batches.next();
await batches.next();
// Deliberately no close() and no process.exit(): the process must end on its own.
console.log(`took ${pipeline.stats().batches} batches`);
