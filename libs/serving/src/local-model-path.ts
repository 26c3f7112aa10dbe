// `classify --model_path`: the three forms a user types — a version folder (or its model.json), a served model's
// folder (its newest version), or the repository root with --served_model_name — become one version folder.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidModelError } from './errors';
import { MODEL_JSON_FILE, MODEL_METADATA_FILE } from './model-metadata';
import { listModelNames, listVersions, resolveVersion, versionDir } from './model-repository';

export interface LocalModelChoice {
  /** `--served_model_name`: which model of a repository root. */
  servedModelName?: string;
  /** `--model_version`; absent or 0: the newest. */
  modelVersion?: number;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/** The version folder (or model.json) to load; a path that fits no form is an InvalidModelError saying what to type. */
export async function resolveLocalModelPath(modelPath: string, choice: LocalModelChoice = {}): Promise<string> {
  const s = await stat(modelPath).catch(() => undefined);
  if (!s) throw new InvalidModelError(modelPath, 'does not exist: give --model_path the folder export wrote to (e.g. models/flowers/1, models/flowers, or models/ with --served_model_name flowers)');
  if (!s.isDirectory() || (await exists(path.join(modelPath, MODEL_METADATA_FILE))) || (await exists(path.join(modelPath, MODEL_JSON_FILE)))) {
    return modelPath;
  }
  const version = choice.modelVersion || undefined;
  if (choice.servedModelName) return versionDir(modelPath, choice.servedModelName, await resolveVersion(modelPath, choice.servedModelName, version));
  const parent = path.dirname(path.resolve(modelPath));
  const name = path.basename(path.resolve(modelPath));
  if ((await listVersions(parent, name)).length) return versionDir(parent, name, await resolveVersion(parent, name, version));
  const names = await listModelNames(modelPath);
  if (names.length) {
    throw new InvalidModelError(modelPath, `is a model repository holding ${names.join(', ')}: add --served_model_name ${names[0]}, or give --model_path ${path.join(modelPath, names[0]!)}`);
  }
  throw new InvalidModelError(modelPath, 'holds no exported model: give a version folder export wrote (e.g. models/flowers/1), a served model folder, or the repository with --served_model_name');
}
