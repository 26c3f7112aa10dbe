// `finetune-model.json`: what an exported version is — labels, input, preprocessing, source, metrics, checksums.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAlphaBackground, parsePreprocessingName, type PreprocessingName } from '@finetune/nets';
import { InvalidModelError } from './errors';

export const MODEL_METADATA_FILE = 'finetune-model.json';
/** The layers model topology and its weights, as TF.js writes them (tfjs `file://` layout). */
export const MODEL_JSON_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
/** The same graph for ONNX Runtime (opset 13, batch norms folded); absent in versions exported before it existed. */
export const ONNX_MODEL_FILE = 'model.onnx';
/** One label a line, line i the class of logit i: the `--label_path` that `finetune classify` takes. */
export const LABELS_FILE = 'labels.txt';
export const MODEL_METADATA_FORMAT = 'finetune.model/v1';

/** The evaluator's headline numbers for the source checkpoint. */
export interface EvaluationSummary {
  accuracy: number;
  recallAtK: number;
  k: number;
  loss: number;
  /** Examples evaluated; 0 when the evaluation did not say. */
  numExamples: number;
}

export interface ModelMetadata {
  format: typeof MODEL_METADATA_FORMAT;
  /** Served model name, e.g. `flowers`. */
  name: string;
  /** Counting from 1. */
  version: number;
  /** The network, as `--model_name`: `mobilenet_v2`. */
  modelName: string;
  /** Class of logit i. */
  labels: string[];
  /** Square input side in pixels; channels are always 3 (RGB). */
  imageSize: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on, `#rrggbb`, as the checkpoint was trained; absent in older versions: white. */
  alphaBackground?: string;
  /** Scopes whose batch norm was folded into the preceding convolution. */
  foldedBatchNorms: string[];
  source: {
    /** Checkpoint prefix the weights were taken from. */
    checkpointPath: string;
    step: number;
    /** ISO 8601, when the checkpoint was written, if known. */
    savedAt?: string;
    jobId: string;
    /** --moving_average_decay when the weights are the checkpoint's moving averages; absent: its variables. */
    movingAverageDecay?: number;
  };
  /** Unset when the checkpoint was never evaluated. */
  metrics?: EvaluationSummary;
  /** ISO 8601. */
  createdAt: string;
  /** SHA-256 (lowercase hex) of every other file of the version, by file name. */
  files: Record<string, string>;
  /** The artifact's checksum: SHA-256 of its `sha256sum`-style file list; see artifactChecksum. */
  sha256: string;
}


/** Checks every field a server relies on; a bad one is an InvalidModelError naming the file and field. */
export function validateMetadata(value: unknown, file: string): ModelMetadata {
  const m = value as Partial<ModelMetadata> | null;
  const bad = (field: string, why: string) => new InvalidModelError(file, `field ${field} ${why}`);
  if (!m || typeof m !== 'object') throw new InvalidModelError(file, 'is not a JSON object');
  if (m.format !== MODEL_METADATA_FORMAT) throw bad('format', `must be "${MODEL_METADATA_FORMAT}", not ${JSON.stringify(m.format)}`);
  if (typeof m.name !== 'string' || !m.name) throw bad('name', 'must be a non-empty string');
  if (!Number.isSafeInteger(m.version) || (m.version as number) < 1) throw bad('version', 'must be an integer from 1');
  if (typeof m.modelName !== 'string' || !m.modelName) throw bad('modelName', 'must be a non-empty string');
  if (!Array.isArray(m.labels) || m.labels.length === 0 || !m.labels.every((l) => typeof l === 'string')) throw bad('labels', 'must be a non-empty array of strings');
  if (!Number.isInteger(m.imageSize) || (m.imageSize as number) < 1) throw bad('imageSize', 'must be a positive integer');
  preprocessingOf(m.preprocessing, file);
  if (m.alphaBackground !== undefined && parseAlphaBackground(m.alphaBackground) !== m.alphaBackground) throw bad('alphaBackground', `must be a colour in lower-case #rrggbb, not ${JSON.stringify(m.alphaBackground)}`);
  if (!m.files || typeof m.files !== 'object') throw bad('files', 'must map file names to SHA-256 checksums');
  for (const [name, sha] of Object.entries(m.files)) {
    if (name.includes('/') || name.includes('\\') || name === MODEL_METADATA_FILE) throw bad('files', `names a file "${name}" outside the version folder`);
    if (!/^[0-9a-f]{64}$/.test(sha)) throw bad(`files.${name}`, 'must be 64 lowercase hex digits');
  }
  for (const required of [MODEL_JSON_FILE, WEIGHTS_FILE]) if (!m.files[required]) throw bad('files', `must list ${required}`);
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) throw bad('sha256', 'must be 64 lowercase hex digits');
  if (!m.source || typeof m.source.checkpointPath !== 'string') throw bad('source.checkpointPath', 'must be a string');
  return m as ModelMetadata;
}

/** Reads and validates `<dir>/finetune-model.json`. */
export async function readModelMetadata(dir: string): Promise<ModelMetadata> {
  const file = path.join(dir, MODEL_METADATA_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InvalidModelError(dir, `has no readable ${MODEL_METADATA_FILE} (${(cause as Error).message}); is it an exported model version?`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InvalidModelError(file, `is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return validateMetadata(parsed, file);
}

/** The metadata's preprocessing, checked as every preprocessing name is; a bad one is the file's fault, so an InvalidModelError. */
function preprocessingOf(value: unknown, file: string): PreprocessingName {
  try {
    return parsePreprocessingName('field preprocessing', value);
  } catch (cause) {
    throw new InvalidModelError(file, (cause as Error).message, { cause });
  }
}
