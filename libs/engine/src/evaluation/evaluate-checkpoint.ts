// Evaluates one checkpoint on one split, as eval_image_classifier: restore every variable, run the whole
// split once through the net's eval preprocessing, and measure accuracy, recall@k, loss and per-class numbers.
import * as tf from '@tensorflow/tfjs';
import { metaJsonPath, openCheckpoint } from '@finetune/checkpoint';
import { ManifestError, readManifest, type LoadedManifest, type SplitName } from '@finetune/datasets';
import { checkpointSource, chooseAlphaBackground, choosePreprocessing, getNet, movingAverageSource, restoreCheckpointNet, type PreprocessingName } from '@finetune/nets';
import type { ForwardRuntime } from '@finetune/onnx';
import { initBackend } from '../backend';
import { engineWorkers, workerBackend } from '../parallel/engine-workers';
import { readNetWeights } from '../parallel/net-weights';
import type { ParallelPredictor } from '../parallel/parallel-predictor';
import { pipelineEvalBatches, type EvalBatch } from './eval-batches';
import { DEFAULT_EVAL_MODEL, resolveEvaluateOptions, type EvaluateCheckpointOptions } from './evaluate-options';
import { EvaluationWorkers } from './evaluation-workers';
import { onnxEvalForward, type EvalForward } from './onnx-eval-forward';
import { DatasetMismatchError, EmptySplitError, EvaluationAbortedError, EvaluationOptionError } from './evaluation-errors';
import { createMetricsAccumulator, type EvaluationMetrics } from './metrics-accumulator';
import { resolveCheckpoint } from './resolve-checkpoint';

export interface CheckpointEvaluation {
  /** The checkpoint evaluated: a V2 prefix or a V1 file. */
  checkpointPath: string;
  /** Its global step; 0 when neither its sidecar nor its name says. */
  step: number;
  modelName: string;
  imageSize: number;
  depthMultiplier: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels were composited on, `#rrggbb`: the flag's, else what the checkpoint records, else white. */
  alphaBackground: string;
  datasetDir: string;
  datasetName: string;
  split: SplitName;
  /** Name of each label the net predicts. */
  labelNames: string[];
  metrics: EvaluationMetrics;
  /** Wall-clock seconds from opening the checkpoint to the last batch. */
  durationSecs: number;
  /** Images through preprocessing and the net per second, restore excluded. */
  imagesPerSec: number;
  /** Engine workers that ran the batches; 1: this thread (also on ONNX Runtime, whose own threads ran them). */
  engineWorkers: number;
  /** What computed the forward passes. */
  runtime: ForwardRuntime;
  /** --moving_average_decay when the moving averages were evaluated; undefined: the variables. */
  movingAverageDecay?: number;
  /** The decay the checkpoint's sidecar says training kept averages at, whichever weights were evaluated. */
  trainedMovingAverageDecay?: number;
}

export async function evaluateCheckpoint(options: EvaluateCheckpointOptions): Promise<CheckpointEvaluation> {
  const o = resolveEvaluateOptions(options);
  const backend = await initBackend();
  const requestedWorkers = engineWorkers(o.engineWorkers, backend.name);
  const started = performance.now();
  const checkpoint = await resolveCheckpoint(o.checkpointPath);
  const { meta } = checkpoint;
  if (o.modelName && meta && o.modelName !== meta.modelName) {
    throw new EvaluationOptionError('model_name', o.modelName, `${checkpoint.prefix} was saved from ${meta.modelName}`);
  }
  const modelName = meta?.modelName ?? o.modelName ?? DEFAULT_EVAL_MODEL;
  const netDef = getNet(modelName);
  const manifest = await readManifest(o.datasetDir);
  checkDataset(manifest, o.split, o.datasetName);
  const datasetClasses = manifest.numClasses - o.labelsOffset;
  // The reference builds the head with dataset.num_classes - labels_offset; a sidecar states it outright.
  const numClasses = meta?.numClasses ?? datasetClasses;
  if (datasetClasses > numClasses) {
    throw new DatasetMismatchError(
      `${manifest.dir} numClasses`,
      `the dataset has ${manifest.numClasses} classes (labels_offset ${o.labelsOffset}) but ${checkpoint.prefix} predicts ${numClasses}`,
    );
  }
  const labelNames = meta?.labelNames.length ? meta.labelNames : manifest.classNames.slice(o.labelsOffset);
  const imageSize = o.imageSize ?? meta?.imageSize ?? netDef.defaultImageSize;
  // What the checkpoint was trained with; a contradicting --preprocessing_name is the user's to make.
  const { preprocessing } = choosePreprocessing(o.preprocessingName, meta?.preprocessing as PreprocessingName | undefined, netDef, checkpoint.prefix);
  const alphaBackground = chooseAlphaBackground(o.alphaBackground, meta?.alphaBackground, metaJsonPath(checkpoint.prefix));

  const reader = await openCheckpoint(checkpoint.prefix);
  let restored;
  try {
    const variables = o.movingAverageDecay === undefined ? checkpointSource(reader) : movingAverageSource(checkpointSource(reader));
    restored = await restoreCheckpointNet(netDef, variables, { numClasses, imageSize, depthMultiplier: o.depthMultiplier ?? meta?.depthMultiplier });
  } finally {
    await reader.close();
  }
  const { net, depthMultiplier } = restored;
  const splitImages = manifest.splits[o.split]?.numImages ?? 0;
  const evaluated = o.maxNumBatches > 0 ? Math.min(splitImages, o.maxNumBatches * o.batchSize) : splitImages;
  const onOnnx = o.runtime === 'onnx';
  const workers = !onOnnx && evaluated >= o.parallelMinImages ? requestedWorkers : 1;
  let onnx: EvalForward | undefined;
  if (onOnnx) {
    try {
      onnx = await onnxEvalForward(net, modelName, o.onnxThreads);
    } catch (err) {
      net.model.dispose();
      throw err;
    }
  }
  let predictor: ParallelPredictor | undefined;
  const ownWorkers = workers > 1 && !o.workers ? new EvaluationWorkers() : undefined;
  if (workers > 1) {
    const spec = { netName: modelName, netOptions: { numClasses, imageSize, depthMultiplier }, workers, backend: workerBackend(backend.name) };
    try {
      predictor = await (o.workers ?? ownWorkers!).predictorFor(spec, readNetWeights(net));
    } catch (err) {
      net.model.dispose();
      throw err;
    }
  }
  const metrics = createMetricsAccumulator(numClasses, o.k);
  const computeStarted = performance.now();
  let batches: AsyncIterator<EvalBatch> | undefined;
  let next: Promise<IteratorResult<EvalBatch>> | undefined;
  try {
    const source = (o.batches ?? pipelineEvalBatches)({ manifest, split: o.split, batchSize: o.batchSize, imageSize, preprocessing, alphaBackground, signal: o.signal });
    batches = source[Symbol.asyncIterator]();
    // Ask for the next batch before running this one, so decoding overlaps the forward pass.
    next = batches.next();
    for (let done = 0; o.maxNumBatches === 0 || done < o.maxNumBatches; done++) {
      const step = await next;
      if (step.done) break;
      if (o.signal?.aborted) throw new EvaluationAbortedError(checkpoint.prefix, { cause: o.signal.reason });
      next = batches.next();
      const batch = step.value;
      const labels = batchLabels(batch, o.labelsOffset, numClasses, manifest.dir);
      if (onnx) {
        metrics.add(await onnx.logits(batch), labels, batch.ids);
      } else if (predictor) {
        metrics.add(await predictor.predict(batch.images, batch.count), labels, batch.ids);
      } else {
        const logits = forward(net.model, batch);
        metrics.add(await logits.data(), labels, batch.ids);
        logits.dispose();
      }
    }
  } catch (err) {
    if (o.signal?.aborted && !(err instanceof EvaluationAbortedError)) throw new EvaluationAbortedError(checkpoint.prefix, { cause: err });
    throw err;
  } finally {
    // A prefetch still under way no longer matters, but must not surface as an unhandled rejection.
    await next?.catch(() => undefined);
    await batches?.return?.(undefined).catch(() => undefined);
    await ownWorkers?.close();
    await onnx?.release();
    net.model.dispose();
  }
  const result = metrics.result(labelNames);
  const now = performance.now();
  return {
    checkpointPath: checkpoint.prefix,
    step: checkpoint.step ?? 0,
    modelName,
    imageSize,
    depthMultiplier,
    preprocessing,
    alphaBackground,
    datasetDir: manifest.dir,
    datasetName: manifest.datasetName,
    split: o.split,
    labelNames,
    metrics: result,
    durationSecs: (now - started) / 1000,
    imagesPerSec: result.numExamples / Math.max((now - computeStarted) / 1000, 1e-9),
    engineWorkers: workers,
    runtime: o.runtime,
    ...(o.movingAverageDecay !== undefined && { movingAverageDecay: o.movingAverageDecay }),
    ...(meta?.movingAverageDecay !== undefined && { trainedMovingAverageDecay: meta.movingAverageDecay }),
  };
}

function checkDataset(manifest: LoadedManifest, split: SplitName, datasetName: string | undefined): void {
  if (datasetName && datasetName !== manifest.datasetName) {
    throw new EvaluationOptionError('dataset_name', datasetName, `${manifest.dir} holds the dataset ${manifest.datasetName}`);
  }
  const entry = manifest.splits[split];
  if (!entry) {
    throw new ManifestError(`${manifest.dir}/manifest.json`, `splits.${split}`, `the dataset has no ${split} split`, { kind: 'failed-precondition' });
  }
  if (entry.numImages === 0) throw new EmptySplitError(manifest.dir, split);
}

/** Labels shifted by labels_offset, each checked to be a class of the net. */
function batchLabels(batch: EvalBatch, labelsOffset: number, numClasses: number, datasetDir: string): Int32Array {
  const labels = new Int32Array(batch.count);
  for (let i = 0; i < batch.count; i++) {
    const label = batch.labels[i]! - labelsOffset;
    if (!(label >= 0 && label < numClasses)) {
      throw new DatasetMismatchError(`${datasetDir} ${batch.ids[i] ?? `example ${i}`}`, `label ${batch.labels[i]} minus labels_offset ${labelsOffset} is not a class in [0, ${numClasses})`);
    }
    labels[i] = label;
  }
  return labels;
}

/** The net's logits for one batch, in inference mode (batch norm on its moving statistics, no dropout). */
function forward(model: tf.LayersModel, batch: EvalBatch): tf.Tensor {
  return tf.tidy(() => {
    const images = tf.tensor4d(batch.images, [batch.count, batch.imageSize, batch.imageSize, 3]);
    const out = model.predict(images, { batchSize: batch.count });
    // Inception V3 also outputs its aux logits; the reference evaluates the main ones.
    return Array.isArray(out) ? out[0]! : out;
  });
}
