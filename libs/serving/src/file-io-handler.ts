// A tf.io handler that saves and loads a layers model as `model.json` + `weights.bin` in a folder:
// the layout of tfjs-node's file:// handler, which the plain tfjs package lacks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { InvalidModelError } from './errors';
import { MODEL_JSON_FILE, WEIGHTS_FILE } from './model-metadata';
import { writeFileSynced } from '@finetune/runtime/atomic-write';

function weightBytes(data: tf.io.ModelArtifacts['weightData']): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (Array.isArray(data)) return Buffer.concat(data.map((b) => new Uint8Array(b)));
  return new Uint8Array(data);
}

/** Saves into `dir` (which must exist); files are created, never replaced. */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      const weights = weightBytes(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      };
      const json = JSON.stringify(modelJson);
      await writeFileSynced(path.join(dir, WEIGHTS_FILE), weights);
      await writeFileSynced(path.join(dir, MODEL_JSON_FILE), json);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: Buffer.byteLength(json),
          weightSpecsBytes: JSON.stringify(modelJson.weightsManifest).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
}

/** Loads `model.json` and the weight files its manifest names from `dir`; errors name the file. */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load() {
      const jsonFile = path.join(dir, MODEL_JSON_FILE);
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(await readFile(jsonFile, 'utf8')) as tf.io.ModelJSON;
      } catch (cause) {
        throw new InvalidModelError(jsonFile, `cannot be read as a TF.js model (${(cause as Error).message})`, { cause });
      }
      if (!modelJson?.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
        throw new InvalidModelError(jsonFile, 'has no modelTopology or weightsManifest: not a TF.js layers model');
      }
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of modelJson.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) {
          // Weight paths are file names beside model.json, never anywhere else on the machine.
          if (path.basename(p) !== p) throw new InvalidModelError(jsonFile, `weight path "${p}" leaves the model folder`);
          try {
            buffers.push(await readFile(path.join(dir, p)));
          } catch (cause) {
            throw new InvalidModelError(path.join(dir, p), `cannot be read (${(cause as Error).message})`, { cause });
          }
        }
      }
      const bytes = Buffer.concat(buffers);
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs,
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      };
    },
  };
}
