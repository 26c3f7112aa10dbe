// Finds classes (sorted subfolders) and their image files, and where train and validation folders are.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { guardPath } from '@finetune/store';
import { EmptyClassError, MissingFolderError, NoClassesError, UnknownValidationClassError } from './errors';

export interface ClassFolder {
  name: string;
  path: string;
  /** Files directly inside, sorted; hidden files (.DS_Store, ...) and subfolders are ignored. */
  files: string[];
}

/** Sort by UTF-16 code units, not locale, so label ids are the same on every machine. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function assertFolder(path: string, role: string): Promise<void> {
  try {
    if (!(await stat(path)).isDirectory()) throw new MissingFolderError(path, role);
  } catch (err) {
    if (err instanceof MissingFolderError) throw err;
    throw new MissingFolderError(path, role, { cause: err });
  }
}

/** A folder entry, with a symlink followed to what it points at; checked against `dataRoot` when one is given. */
async function kindOf(parent: string, e: Dirent, what: string, dataRoot: string | undefined): Promise<'folder' | 'file' | 'other'> {
  if (e.isDirectory()) return 'folder';
  if (e.isFile()) return 'file';
  if (!e.isSymbolicLink()) return 'other';
  const path = join(parent, e.name);
  if (dataRoot !== undefined) guardPath(dataRoot, what, path);
  const s = await stat(path).catch(() => undefined);
  return s?.isDirectory() ? 'folder' : s?.isFile() ? 'file' : 'other';
}

/**
 * Class subfolders of `dir` (symlinked ones followed), sorted, each with its sorted files. Empty classes throw
 * EmptyClassError. With `dataRoot`, a symlink that lands outside it throws PathOutsideRootError.
 */
export async function scanClassFolders(dir: string, role: string, dataRoot?: string): Promise<ClassFolder[]> {
  await assertFolder(dir, role);
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  const names: string[] = [];
  for (const e of entries) if ((await kindOf(dir, e, `${role} class folder`, dataRoot)) === 'folder') names.push(e.name);
  names.sort(byCodeUnit);
  if (names.length === 0) throw new NoClassesError(dir);
  const classes: ClassFolder[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const files: string[] = [];
    for (const e of await readdir(path, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      // Any symlink stays an image here (even to a folder, or dangling), so the image reader names it.
      const kind = await kindOf(path, e, `${role} image`, dataRoot);
      if (kind === 'file' || e.isSymbolicLink()) files.push(join(path, e.name));
    }
    files.sort(byCodeUnit);
    if (files.length === 0) throw new EmptyClassError(path, name);
    classes.push({ name, path, files });
  }
  return classes;
}

/** Every validation class must have a label from train. */
export function checkValidationClasses(trainClasses: readonly string[], validation: readonly ClassFolder[]): void {
  const known = new Set(trainClasses);
  for (const c of validation) if (!known.has(c.name)) throw new UnknownValidationClassError(c.path, c.name);
}

/**
 * The reference's `-t pic/` layout: `pic/train` and optional `pic/validation` if `pic/train` exists,
 * otherwise `pic` itself holds the classes (to be split by a ratio).
 */
export async function resolveSourceLayout(dir: string): Promise<{ trainDir: string; validationDir?: string }> {
  await assertFolder(dir, 'train');
  const isDir = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);
  const train = join(dir, 'train');
  if (!(await isDir(train))) return { trainDir: dir };
  const validation = join(dir, 'validation');
  return (await isDir(validation)) ? { trainDir: train, validationDir: validation } : { trainDir: train };
}
