// Loads one exported version for serving: metadata, checksums verified, the layers model ready to predict.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { PreprocessingName } from '@finetune/nets';
import { verifyFiles } from './checksums';
import { InvalidModelError } from './errors';
import { fileLoadHandler } from './file-io-handler';
import { MODEL_JSON_FILE, MODEL_METADATA_FILE, readModelMetadata, type ModelMetadata } from './model-metadata';

/** A model ready to answer: what it is, and the graph. */
export interface ServableModel {
  dir: string;
  metadata: ModelMetadata;
  model: tf.LayersModel;
}

export interface LoadModelOptions {
  /** The artifact checksum the exporter announced; a different one on disk refuses the load. */
  expectedSha256?: string;
}

async function loadLayers(dir: string, labels: number): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(fileLoadHandler(dir));
  } catch (cause) {
    if (cause instanceof InvalidModelError) throw cause;
    throw new InvalidModelError(path.join(dir, MODEL_JSON_FILE), `cannot be loaded as a layers model (${(cause as Error).message})`, { cause });
  }
  const out = model.outputs[0]!.shape;
  if (model.outputs.length !== 1 || out.length !== 2 || out[1] !== labels) {
    model.dispose();
    throw new InvalidModelError(dir, `the model's output is [${out.join(', ')}] but there are ${labels} labels`);
  }
  return model;
}

/** An exported version whose metadata was read and whose files match their checksums; no graph loaded yet. */
export interface VerifiedModel {
  dir: string;
  metadata: ModelMetadata;
}

/** Reads the metadata of `<repo>/<name>/<version>` and verifies every checksum; loads nothing into memory. */
export async function verifyModelVersion(dir: string, options: LoadModelOptions = {}): Promise<VerifiedModel> {
  const metadata = await readModelMetadata(dir);
  if (options.expectedSha256 && options.expectedSha256 !== metadata.sha256) {
    throw new InvalidModelError(path.join(dir, MODEL_METADATA_FILE), `records SHA-256 ${metadata.sha256} but ${options.expectedSha256} was announced for it`);
  }
  await verifyFiles(dir, metadata.files, metadata.sha256);
  return { dir, metadata };
}

/**
 * Loads the layers model of a verified version and checks it against its metadata (output per label,
 * input size). Model workers call this directly: the main thread has already verified the checksums.
 */
export async function loadVerifiedModel(verified: VerifiedModel): Promise<tf.LayersModel> {
  const { dir, metadata } = verified;
  const model = await loadLayers(dir, metadata.labels.length);
  const [, h, w, c] = model.inputs[0]!.shape;
  if (h !== metadata.imageSize || w !== metadata.imageSize || c !== 3) {
    model.dispose();
    throw new InvalidModelError(dir, `the model takes [${h}, ${w}, ${c}] images but the metadata says ${metadata.imageSize}x${metadata.imageSize}x3`);
  }
  return model;
}

/** Loads `<repo>/<name>/<version>` (or any folder an export wrote), verifying every checksum first. */
export async function loadModelVersion(dir: string, options: LoadModelOptions = {}): Promise<ServableModel> {
  const verified = await verifyModelVersion(dir, options);
  return { ...verified, model: await loadVerifiedModel(verified) };
}

/** What `finetune classify --model_path` needs: the graph, its input size and preprocessing. */
export interface LocalModel {
  model: tf.LayersModel;
  imageSize: number;
  preprocessing: PreprocessingName;
  /** From the metadata beside model.json; undefined for a bare TF.js model. */
  metadata?: ModelMetadata;
}

/**
 * Loads a model from exported files alone: a version folder or its `model.json`. With the metadata
 * present it is verified as for serving; a bare TF.js layers model gets inception preprocessing.
 */
export async function loadLocalModel(modelPath: string): Promise<LocalModel> {
  const s = await stat(modelPath).catch(() => undefined);
  if (!s) throw new InvalidModelError(modelPath, 'does not exist: give an exported version folder or its model.json');
  const dir = s.isDirectory() ? modelPath : path.dirname(modelPath);
  const hasMetadata = await stat(path.join(dir, MODEL_METADATA_FILE)).then(() => true, () => false);
  if (hasMetadata) {
    const servable = await loadModelVersion(dir);
    return { model: servable.model, imageSize: servable.metadata.imageSize, preprocessing: servable.metadata.preprocessing, metadata: servable.metadata };
  }
  const model = await tf.loadLayersModel(fileLoadHandler(dir));
  const size = model.inputs[0]!.shape[1];
  if (typeof size !== 'number') throw new InvalidModelError(modelPath, 'has no fixed input size');
  return { model, imageSize: size, preprocessing: 'inception' };
}
