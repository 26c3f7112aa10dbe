// Throughput of the input pipeline alone (no model), for `npm run bench`: is input the bottleneck?
import { createBatchPipeline } from './batch-pipeline';
import type { BatchPipelineOptions } from './image-batch';

export interface PipelineMeasurement {
  /** Images per second in steady state: counted from the first batch's arrival, so worker start-up is left out. */
  imagesPerSec: number;
  /** Seconds the (idle) consumer waited in next() over the whole run, start-up included. */
  waitSeconds: number;
}

/** Pulls up to `batches` batches as fast as they come and closes the pipeline. */
export async function measurePipeline(options: BatchPipelineOptions, batches: number): Promise<PipelineMeasurement> {
  const pipeline = createBatchPipeline(options);
  let first = 0;
  let images = 0;
  let taken = 0;
  try {
    for await (const batch of pipeline) {
      if (taken === 0) first = performance.now();
      else images += batch.count;
      if (++taken >= batches) break;
    }
  } finally {
    await pipeline.close();
  }
  const seconds = (performance.now() - first) / 1000;
  return { imagesPerSec: images > 0 && seconds > 0 ? images / seconds : 0, waitSeconds: pipeline.stats().waitSeconds };
}
