// What an export takes from the checkpoint it freezes: input size, preprocessing and labels as training recorded
// them in the checkpoint's sidecar, unless a flag says otherwise; and the name the model is served under.
import path from 'node:path';
import type { StoredCheckpointMeta } from '@finetune/checkpoint';
import { readManifest } from '@finetune/datasets';
import { chooseAlphaBackground, parsePreprocessingName, type NetDef, type PreprocessingName } from '@finetune/nets';
import { InvalidExportError } from './errors';
import { readLabels } from './labels-file';

/** The label file `finetune prepare` writes into a dataset dir. */
export const DATASET_LABELS_FILE = 'label.txt';

export interface ExportInputOverrides {
  /** `--image_size`; absent or 0: the checkpoint's. */
  imageSize?: number;
  /** `--preprocessing_name`; absent: the checkpoint's. */
  preprocessingName?: string;
  /** `--alpha_background`; absent: the checkpoint's, else white. */
  alphaBackground?: string;
  /** `--labels_file`; absent: the checkpoint's labels. */
  labelsFile?: string;
  /** `--dataset_dir`; its label.txt is used when the checkpoint records no labels. */
  datasetDir?: string;
}

export interface ExportInputs {
  imageSize: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on, `#rrggbb`. */
  alphaBackground: string;
  labels: string[];
}

async function labelsFrom(o: ExportInputOverrides, sidecar: StoredCheckpointMeta | undefined): Promise<{ labels: string[] | undefined; field: string }> {
  if (o.labelsFile) return { labels: await readLabels(o.labelsFile, 'labels_file'), field: 'labels_file' };
  if (sidecar?.labelNames.length) return { labels: sidecar.labelNames, field: 'labels_file' };
  if (o.datasetDir) return { labels: await readLabels(path.join(o.datasetDir, DATASET_LABELS_FILE), 'dataset_dir'), field: 'dataset_dir' };
  return { labels: undefined, field: 'dataset_dir' };
}

/**
 * The one place an export reads the checkpoint's sidecar for its inputs, so the served model sees images as
 * training did. A checkpoint without a sidecar (TensorFlow's) gets the net's defaults, as the reference export.
 */
export async function exportInputs(def: NetDef, sidecar: StoredCheckpointMeta | undefined, o: ExportInputOverrides): Promise<ExportInputs> {
  const imageSize = o.imageSize || sidecar?.imageSize || def.defaultImageSize;
  const recorded = sidecar?.preprocessing;
  const preprocessing = o.preprocessingName
    ? parsePreprocessingName('preprocessing_name', o.preprocessingName)
    : recorded
      ? parsePreprocessingName('checkpoint preprocessing', recorded)
      : def.preprocessing;
  const alphaBackground = chooseAlphaBackground(o.alphaBackground, sidecar?.alphaBackground, 'the checkpoint sidecar', 'alpha_background');
  const { labels, field } = await labelsFrom(o, sidecar);
  if (!labels?.length) throw new InvalidExportError('dataset_dir', `the checkpoint records no labels: give the dataset dir whose ${DATASET_LABELS_FILE} names them`);
  if (sidecar && labels.length !== sidecar.numClasses) {
    throw new InvalidExportError(field, `${labels.length} labels but the checkpoint has ${sidecar.numClasses} classes: is it the dataset this model was trained on?`);
  }
  return { imageSize, preprocessing, alphaBackground, labels };
}

/** `--served_model_name` unset: the dataset's name from its manifest, else the network's name. */
export async function defaultServedModelName(datasetDir: string | undefined, modelName: string): Promise<string> {
  if (!datasetDir) return modelName;
  const manifest = await readManifest(datasetDir).catch((cause: unknown) => {
    throw new InvalidExportError('dataset_dir', `${datasetDir} has no readable manifest to name the model after (${(cause as Error).message}): give --served_model_name`, { cause });
  });
  return manifest.datasetName;
}
