// The model repository: `<repo>/<served_model_name>/<version>/`, versions 1, 2, 3… that never change once written.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { StagedFolder } from '@finetune/runtime/atomic-write';
import { InvalidExportError, ModelNotFoundError } from './errors';
import { MODEL_METADATA_FILE } from './model-metadata';

/** How often a writer that lost the race for a version number tries the next one. */
const MAX_PUBLISH_ATTEMPTS = 20;
const SERVED_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A served model name is one folder name: letters, digits, `.`, `_`, `-`. */
export function checkServedModelName(name: string, field: string): void {
  if (!SERVED_NAME.test(name)) throw new InvalidExportError(field, `"${name}" is not a valid served model name: use letters, digits, ".", "_" and "-" (at most 128)`);
}

export function versionDir(repository: string, name: string, version: number): string {
  return path.join(repository, name, String(version));
}

/** Completed versions of a name, oldest first: folders named by an integer from 1 that hold the metadata file. */
export async function listVersions(repository: string, name: string): Promise<number[]> {
  const entries = await readdir(path.join(repository, name), { withFileTypes: true }).catch(() => []);
  const versions: number[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || !/^[1-9]\d*$/.test(e.name)) continue;
    const complete = await stat(path.join(repository, name, e.name, MODEL_METADATA_FILE)).then(() => true, () => false);
    if (complete) versions.push(Number(e.name));
  }
  return versions.sort((a, b) => a - b);
}

/** Served model names with at least one complete version, sorted. */
export async function listModelNames(repository: string): Promise<string[]> {
  const entries = await readdir(repository, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const e of entries) if (e.isDirectory() && SERVED_NAME.test(e.name) && (await listVersions(repository, e.name)).length) names.push(e.name);
  return names.sort();
}

/** The newest version, or the given one; a missing one is a ModelNotFoundError listing what exists. */
export async function resolveVersion(repository: string, name: string, version?: number): Promise<number> {
  const versions = await listVersions(repository, name);
  if (versions.length === 0) throw new ModelNotFoundError(name, version, `not in the model repository ${repository}; export it first`);
  if (version === undefined) return versions.at(-1)!;
  if (!versions.includes(version)) throw new ModelNotFoundError(name, version, `no such version in ${repository}; versions: ${versions.join(', ')}`);
  return version;
}

/**
 * A fresh folder for a version being written, inside `<repo>/<name>` so the final rename stays on one file system.
 * Staging folders of dead writers are removed first; live ones (this process's included) are exports in progress.
 */
export async function createStagingDir(repository: string, name: string): Promise<StagedFolder> {
  return StagedFolder.create(path.join(repository, name), 'version');
}

/**
 * Moves a staged folder into place as the next version. `stamp(version)` writes what depends on the
 * number (the metadata) into the staged folder first. rename(2) refuses to replace a non-empty
 * folder, so two exporters racing for one number cannot both win: the loser stamps the next one.
 */
export async function publishVersion(repository: string, name: string, staging: StagedFolder, stamp: (version: number) => Promise<void>): Promise<{ version: number; dir: string }> {
  for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
    const version = ((await listVersions(repository, name)).at(-1) ?? 0) + 1 + attempt;
    const target = versionDir(repository, name, version);
    if (await stat(target).then(() => true, () => false)) continue;
    await stamp(version);
    try {
      await staging.publishAs(target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') continue;
      throw err;
    }
    return { version, dir: target };
  }
  throw new Error(`could not claim a version number for ${name} in ${repository} after ${MAX_PUBLISH_ATTEMPTS} attempts`);
}
