// Keras applications converted with tensorflowjs_converter (model.json + weight shards, quantized or
// not), read from disk and served under TF-Slim names, so --checkpoint_exclude_scopes means the same
// thing as for a TensorFlow checkpoint.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { CheckpointSource } from '../checkpoint-source';
import { NetsError } from '../errors';
import { BUILTINS, kerasBackboneCheckpoint } from './builtin-checkpoint';

export function isLayersArtifact(file: string): boolean {
  return file.endsWith('.json');
}

/** Opens `model.json`; which net it is comes from its topology (the Keras layer that ends each known backbone). */
export async function openLayersArtifact(modelJson: string): Promise<CheckpointSource> {
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(await fs.readFile(modelJson, 'utf8')) as tf.io.ModelJSON;
  } catch (cause) {
    throw new NetsError('invalid-argument', `${modelJson} is not a TF.js layers model.json: ${(cause as Error).message}`, { cause });
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new NetsError('invalid-argument', `${modelJson} is not a TF.js layers model.json: it needs modelTopology and weightsManifest`);
  }
  const layerNames = new Set(topologyLayerNames(json.modelTopology));
  const match = Object.entries(BUILTINS).find(([, b]) => layerNames.has(b.kerasOutput));
  if (!match) {
    const known = Object.entries(BUILTINS).map(([name, b]) => `${name} (Keras layer ${b.kerasOutput})`).join(', ');
    throw new NetsError('invalid-argument', `${modelJson}: not a Keras application Finetune can map onto Slim names; known: ${known}`);
  }
  const dir = path.dirname(modelJson);
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const shards: Buffer[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const shard of group.paths) {
      try {
        shards.push(await fs.readFile(path.join(dir, shard)));
      } catch (cause) {
        throw new NetsError('not-found', `${modelJson} names weight shard ${shard}, which cannot be read: ${(cause as Error).message}`, { cause });
      }
    }
  }
  const bytes = Buffer.concat(shards);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return kerasBackboneCheckpoint({ modelTopology: json.modelTopology, weightSpecs, weightData }, match[1], modelJson);
}

function topologyLayerNames(topology: unknown): string[] {
  const config = (topology as { model_config?: { config?: { layers?: Array<{ name?: string; config?: { name?: string } }> } } }).model_config?.config;
  return (config?.layers ?? []).map((l) => l.name ?? l.config?.name ?? '');
}
