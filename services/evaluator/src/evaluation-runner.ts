// Evaluates a checkpoint once in effect: the result is keyed by train dir, step and split, so a second
// request or a redelivered event reads the stored result instead of computing it again. Both the
// Evaluate RPC and the checkpoint.saved consumer go through here.
import path from 'node:path';
import {
  evaluationDoneEvent,
  evaluationDoneEventId,
  checkpointExists,
  CheckpointNotFoundError,
  EVAL_DIR_NAME,
  evaluateCheckpoint,
  evaluatedMovingAverageDecay,
  evaluatedRecord,
  readEvaluationRecord,
  resolveCheckpoint,
  skippedRecord,
  writeEvaluationRecord,
  type EvaluatedRecord,
  type EvaluationRecord,
  type EvaluationWorkers,
  type ResolvedCheckpoint,
} from '@finetune/engine';
import type { SplitName } from '@finetune/datasets';
import type { PreprocessingName } from '@finetune/nets';
import type { ForwardRuntime } from '@finetune/onnx';
import type { EventPublisher } from '@finetune/events';
import type { Logger } from '@finetune/runtime';
import type { EvalGauges } from './eval-gauges';
import type { JobIndex } from './job-index';
import type { SerialQueue } from './serial-queue';

export interface EvaluationTask {
  /** A checkpoint prefix (or file of one) or a train dir, already confined to the store. */
  checkpointPath: string;
  /** The job's train dir; default: the checkpoint's folder. */
  trainDir?: string;
  jobId: string;
  datasetDir: string;
  split: SplitName;
  modelName?: string;
  imageSize?: number;
  preprocessingName?: PreprocessingName;
  /** `#rrggbb`; undefined: what the checkpoint records, else white. */
  alphaBackground?: string;
  batchSize: number;
  k: number;
  labelsOffset: number;
  maxNumBatches: number;
  /** Evaluate again even when a result is stored. */
  reevaluate: boolean;
  /** --moving_average_decay: evaluate the checkpoint's moving averages; a stored result of the variables does not answer it. */
  movingAverageDecay?: number;
  /**
   * Set for checkpoint.saved events: nobody chose the weights, so the checkpoint's sidecar does (the averages when its
   * training kept them: evaluatedMovingAverageDecay); movingAverageDecay is then unused.
   */
  automatic?: boolean;
  /**
   * Set for checkpoint.saved events: the step the trainer saved. A checkpoint gone by the time its
   * event is handled (pruned by the keep-newest-5 rule) is then recorded as skipped instead of failing.
   */
  savedStep?: number;
  /** The event was delivered before (a replica may have died between storing and announcing the result). */
  redelivered?: boolean;
  signal?: AbortSignal;
}

export interface EvaluationOutcome {
  record: EvaluationRecord;
  /** True when this call computed (or recorded) the result; false when a stored one was returned. */
  fresh: boolean;
  /** Why nothing was computed; empty when fresh. */
  skipReason: string;
}

export interface EvaluationRunner {
  run(task: EvaluationTask): Promise<EvaluationOutcome>;
}

export interface EvaluationRunnerDeps {
  events: EventPublisher;
  gauges: EvalGauges;
  jobs: JobIndex;
  queue: SerialQueue;
  log: Logger;
  /** --engine-workers: worker threads per evaluation. @default 0: one per core on wasm and cpu */
  engineWorkers?: number;
  /** --runtime: what runs the forward passes. @default 'onnx' */
  runtime?: ForwardRuntime;
  /** --onnx-threads: ONNX Runtime intra-op threads. @default the CPU budget */
  onnxThreads?: number;
  /** Workers kept from one evaluation to the next; the service ends them at shutdown. */
  workers?: EvaluationWorkers;
}

export function createEvaluationRunner(deps: EvaluationRunnerDeps): EvaluationRunner {
  // One evaluation per key at a time in this process; the shared durable consumer spreads events over replicas.
  const inFlight = new Map<string, Promise<EvaluationOutcome>>();

  async function announce(record: EvaluatedRecord): Promise<void> {
    await deps.events.publish('evaluationDone', evaluationDoneEvent(record), evaluationDoneEventId(record));
  }

  async function evaluate(task: EvaluationTask, resolved: ResolvedCheckpoint | undefined, step: number, trainDir: string): Promise<EvaluationOutcome> {
    const evalDir = path.join(trainDir, EVAL_DIR_NAME);
    const owner = { jobId: task.jobId, trainDir };
    const stored = await readEvaluationRecord(evalDir, step, task.split);
    const weights = { automatic: task.automatic ?? false, movingAverageDecay: task.movingAverageDecay };
    // A checkpoint pruned since its event has no sidecar left to ask, nor weights to read: a stored result answers.
    const decay = resolved ? evaluatedMovingAverageDecay(weights, resolved.prefix, resolved.meta) : stored?.status === 'evaluated' ? stored.moving_average_decay : undefined;
    const sameJob = stored && (!stored.job_id || !task.jobId || stored.job_id === task.jobId);
    const sameWeights = stored?.status === 'evaluated' && (stored.moving_average_decay !== undefined) === (decay !== undefined);
    if (stored?.status === 'evaluated' && sameJob && sameWeights && !task.reevaluate) {
      if (task.redelivered) await announce(stored);
      deps.log.info('already evaluated', { jobId: task.jobId, step, split: task.split, evaluatedAt: stored.evaluated_at });
      return { record: stored, fresh: false, skipReason: `step ${step} was already evaluated on ${task.split} at ${stored.evaluated_at}; set reevaluate to evaluate it again` };
    }
    const skip = async (reason: string): Promise<EvaluationOutcome> => {
      const record = skippedRecord(
        { step, checkpointPath: resolved?.prefix ?? task.checkpointPath, modelName: task.modelName ?? '', datasetDir: task.datasetDir, split: task.split, reason },
        owner,
      );
      await writeEvaluationRecord(evalDir, record);
      deps.log.warn('checkpoint skipped', { jobId: task.jobId, step, checkpoint: record.checkpoint_path, reason });
      return { record, fresh: true, skipReason: reason };
    };
    const gone = 'the checkpoint was deleted before it could be evaluated (the trainer keeps the newest 5)';
    if (!resolved) return skip(gone);
    let evaluation;
    try {
      evaluation = await deps.queue.run(() =>
        evaluateCheckpoint({
          checkpointPath: resolved.prefix,
          datasetDir: task.datasetDir,
          split: task.split,
          modelName: task.modelName,
          imageSize: task.imageSize,
          preprocessingName: task.preprocessingName,
          alphaBackground: task.alphaBackground,
          batchSize: task.batchSize,
          k: task.k,
          labelsOffset: task.labelsOffset,
          maxNumBatches: task.maxNumBatches,
          signal: task.signal,
          engineWorkers: deps.engineWorkers,
          runtime: deps.runtime,
          onnxThreads: deps.onnxThreads,
          workers: deps.workers,
          movingAverageDecay: decay,
        }),
      );
    } catch (err) {
      // Pruned while waiting in the queue or while being read.
      if (task.savedStep !== undefined && (err instanceof CheckpointNotFoundError || !(await checkpointExists(resolved.prefix)))) return skip(gone);
      throw err;
    }
    const record = evaluatedRecord(evaluation, owner);
    await writeEvaluationRecord(evalDir, record);
    await deps.jobs.remember(task.jobId, trainDir);
    deps.gauges.observe(record);
    await announce(record);
    deps.log.info('evaluated', {
      jobId: task.jobId,
      step,
      checkpoint: evaluation.checkpointPath,
      split: task.split,
      accuracy: record.accuracy,
      [`recall_${record.k}`]: record.recall_at_k,
      loss: record.loss,
      examples: record.num_examples,
      imagesPerSec: Math.round(evaluation.imagesPerSec * 10) / 10,
      secs: Math.round(evaluation.durationSecs * 100) / 100,
    });
    return { record, fresh: true, skipReason: '' };
  }

  return {
    async run(task) {
      let resolved: ResolvedCheckpoint | undefined;
      try {
        resolved = await resolveCheckpoint(task.checkpointPath);
      } catch (err) {
        if (!(err instanceof CheckpointNotFoundError) || task.savedStep === undefined) throw err;
      }
      const step = resolved?.step ?? task.savedStep ?? 0;
      const trainDir = task.trainDir || path.dirname(resolved?.prefix ?? task.checkpointPath);
      const key = `${trainDir}\0${step}\0${task.split}`;
      // A second caller for the same checkpoint waits for the first, then finds its stored result.
      for (let previous = inFlight.get(key); previous; previous = inFlight.get(key)) await previous.catch(() => undefined);
      const running = evaluate(task, resolved, step, trainDir);
      inFlight.set(key, running);
      try {
        return await running;
      } finally {
        if (inFlight.get(key) === running) inFlight.delete(key);
      }
    },
  };
}
