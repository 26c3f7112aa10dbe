// Export: a checkpoint becomes the next version of a served model — frozen logits graph, labels, metadata, checksums.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileSynced } from '@finetune/runtime/atomic-write';
import { openCheckpoint, readCheckpointMeta } from '@finetune/checkpoint';
import { foldBatchNorm, getNet, isMovingAverageDecay } from '@finetune/nets';
import { artifactChecksum, sha256File } from './checksums';
import { InvalidExportError } from './errors';
import { defaultServedModelName, exportInputs } from './export-inputs';
import { exportedWeights } from './exported-weights';
import { fileSaveHandler } from './file-io-handler';
import { LABELS_FILE, MODEL_METADATA_FILE, MODEL_METADATA_FORMAT, type ModelMetadata } from './model-metadata';
import { checkServedModelName, createStagingDir, publishVersion } from './model-repository';
import { writeOnnxModel } from './onnx/write-onnx-model';
import { restoreInferenceNet } from './restore-inference-net';
import { selectCheckpoint, type CheckpointSelection } from './select-checkpoint';

export interface ExportOptions {
  /** Train dir holding the checkpoints (and the evaluator's `eval/`). */
  trainDir: string;
  selection: CheckpointSelection;
  /** `--model_name`; the checkpoint's sidecar must agree when it names one. */
  modelName: string;
  /** The dataset trained on: its manifest names the served model; its `label.txt` gives labels the checkpoint lacks. */
  datasetDir?: string;
  /** Square input side; absent or 0: the checkpoint's, else the net's default. */
  imageSize?: number;
  /** Preprocessing name; absent: the checkpoint's, else the net's own. */
  preprocessingName?: string;
  /** `#rrggbb`, white or black; absent: the checkpoint's, else white. */
  alphaBackground?: string;
  /** One label a line; absent: the checkpoint's labels, else the dataset's. */
  labelsFile?: string;
  /** Root of the model repository. */
  repository: string;
  /** Absent or empty: the dataset's name (manifest), else the model name. */
  servedModelName?: string;
  /** Recorded on the artifact; empty if not known. */
  jobId?: string;
  /**
   * `--moving_average_decay`, in (0, 1): export the checkpoint's moving averages instead of its variables (as
   * eval_image_classifier reads them). Best by accuracy exports what its record measured (exportedWeights).
   * @default the variables
   */
  movingAverageDecay?: number;
  /**
   * Fold batch norms into the convolutions before them.
   * @default true
   */
  foldBatchNorm?: boolean;
  /** Clock for createdAt (tests). */
  now?: () => Date;
}

export interface ExportResult {
  metadata: ModelMetadata;
  /** The version's folder. */
  dir: string;
  /** Total bytes of its files. */
  sizeBytes: number;
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const n of await readdir(dir)) total += (await stat(path.join(dir, n))).size;
  return total;
}

export async function exportModel(options: ExportOptions): Promise<ExportResult> {
  const def = getNet(options.modelName);
  const decay = options.movingAverageDecay;
  if (decay !== undefined && !isMovingAverageDecay(decay)) throw new InvalidExportError('moving_average_decay', `is ${decay}; expected a number in (0, 1)`);
  const servedModelName = options.servedModelName || (await defaultServedModelName(options.datasetDir, def.name));
  checkServedModelName(servedModelName, 'served_model_name');
  const selected = await selectCheckpoint(options.trainDir, options.selection);
  const weights = exportedWeights(options.trainDir, options.selection, selected, decay);
  const sidecar = await readCheckpointMeta(selected.prefix);
  if (sidecar && sidecar.modelName !== def.name) {
    throw new InvalidExportError('model_name', `is ${def.name} but ${selected.prefix} is a checkpoint of ${sidecar.modelName}`);
  }
  const { imageSize, preprocessing, alphaBackground, labels } = await exportInputs(def, sidecar, options);

  const reader = await openCheckpoint(selected.prefix);
  const staged = await createStagingDir(options.repository, servedModelName);
  const staging = staged.path;
  try {
    const net = await restoreInferenceNet(reader, { modelName: def.name, numClasses: labels.length, imageSize, depthMultiplier: sidecar?.depthMultiplier, movingAverages: weights.movingAverageDecay !== undefined }).finally(
      () => reader.close(),
    );
    let foldedBatchNorms: string[] = [];
    const onnxInfo = { servedModelName, modelName: def.name, labels, imageSize, preprocessing, alphaBackground };
    try {
      if (options.foldBatchNorm ?? true) {
        const folded = await foldBatchNorm(net.model);
        foldedBatchNorms = folded.folded;
        await folded.model.save(fileSaveHandler(staging));
        await writeOnnxModel(folded.model, staging, onnxInfo, { batchNormsFolded: true }).finally(() => folded.model.dispose());
      } else {
        await net.model.save(fileSaveHandler(staging));
        await writeOnnxModel(net.model, staging, onnxInfo, { batchNormsFolded: false });
      }
    } finally {
      net.dispose();
    }
    await writeFileSynced(path.join(staging, LABELS_FILE), `${labels.join('\n')}\n`);

    const files: Record<string, string> = {};
    for (const n of (await readdir(staging)).sort()) files[n] = await sha256File(path.join(staging, n));
    const e = weights.evaluation;
    const base: Omit<ModelMetadata, 'version'> = {
      format: MODEL_METADATA_FORMAT,
      name: servedModelName,
      modelName: def.name,
      labels,
      imageSize,
      preprocessing,
      alphaBackground,
      foldedBatchNorms,
      source: {
        checkpointPath: selected.prefix,
        step: selected.step,
        savedAt: selected.savedAt,
        jobId: options.jobId ?? '',
        ...(weights.movingAverageDecay !== undefined && { movingAverageDecay: weights.movingAverageDecay }),
      },
      ...(e ? { metrics: { accuracy: e.accuracy, recallAtK: e.recall_at_k, k: e.k, loss: e.loss, numExamples: e.num_examples } } : {}),
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      files,
      sha256: artifactChecksum(files),
    };
    const metadataFile = path.join(staging, MODEL_METADATA_FILE);
    let metadata: ModelMetadata | undefined;
    const { dir } = await publishVersion(options.repository, servedModelName, staged, async (version) => {
      metadata = { ...base, version };
      await rm(metadataFile, { force: true });
      await writeFileSynced(metadataFile, `${JSON.stringify(metadata, null, 2)}\n`);
    });
    return { metadata: metadata!, dir, sizeBytes: await folderSize(dir) };
  } catch (err) {
    await staged.discard();
    throw err;
  }
}
