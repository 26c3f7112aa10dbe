// Consumes checkpoint.saved through the durable consumer all evaluator replicas share: each event goes to
// one replica, events saved while every replica was down wait in JetStream, and an event is acknowledged
// only once its result (or a skip) is stored.
import type { NatsConnection } from 'nats';
import { consumeEvents } from '@finetune/events';
import { FinetuneError, type ConfigOf, type Logger } from '@finetune/runtime';
import type { ArtifactStore } from '@finetune/store';
import type { EvaluationRunner } from './evaluation-runner';
import type { evaluatorOptions } from './options';

/** The durable consumer name every evaluator replica shares. */
export const EVALUATOR_DURABLE = 'evaluator';
/** Pause before consuming again after the consumer itself failed (e.g. NATS restarting). */
const RESUBSCRIBE_DELAY_MS = 1_000;

/** Runs until `signal` aborts or the connection closes for good. */
export async function consumeCheckpoints(deps: {
  nats: NatsConnection;
  runner: EvaluationRunner;
  store: ArtifactStore;
  config: ConfigOf<typeof evaluatorOptions>;
  log: Logger;
  signal: AbortSignal;
}): Promise<void> {
  const { nats, runner, store, config, log, signal } = deps;
  while (!signal.aborted && !nats.isClosed()) {
    try {
      await consumeEvents(nats, {
        durable: EVALUATOR_DURABLE,
        event: 'checkpointSaved',
        ackWaitSecs: config.ackWaitSecs,
        signal,
        async handle(event, info) {
          const checkpoint = event.checkpoint;
          if (!checkpoint?.path_prefix) throw new Error(`checkpointSaved #${info.seq} names no checkpoint`);
          if (!event.dataset_dir && !event.dataset_name) throw new FinetuneError('invalid-argument', `checkpointSaved #${info.seq} names no dataset_dir or dataset_name`);
          const datasetDir = event.dataset_dir
            ? store.resolve('dataset_dir', event.dataset_dir)
            : store.resolve('dataset_name', event.dataset_name, store.datasetsDir());
          await runner.run({
            checkpointPath: store.resolve('checkpoint.path_prefix', checkpoint.path_prefix),
            trainDir: event.train_dir ? store.resolve('train_dir', event.train_dir) : undefined,
            jobId: event.job_id,
            datasetDir,
            split: config.split,
            modelName: event.model_name || undefined,
            imageSize: event.train_image_size || undefined,
            batchSize: config.batchSize,
            k: config.recallK,
            labelsOffset: event.labels_offset,
            maxNumBatches: 0,
            reevaluate: false,
            automatic: true,
            savedStep: Number(checkpoint.step),
            redelivered: info.deliveryCount > 1,
            signal,
          });
        },
        onError(err, info) {
          if (signal.aborted) return; // handed back to JetStream for another replica
          log.warn(info.final ? 'giving up on checkpoint.saved event' : 'checkpoint.saved event failed; it will be retried', {
            seq: info.seq,
            deliveryCount: info.deliveryCount,
            err,
          });
        },
      });
    } catch (err) {
      if (signal.aborted) break;
      log.warn('checkpoint.saved consumer stopped; resubscribing', { err });
    }
    if (!signal.aborted) await new Promise((r) => setTimeout(r, RESUBSCRIBE_DELAY_MS));
  }
}
