// Finds classes (sorted subfolders) and their image files, and where train and validation folders are.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Class subfolders of `dir`, sorted, each with its sorted files. Empty classes throw EmptyClassError. */
export async function scanClassFolders(dir: string, role: string): Promise<ClassFolder[]> {
  await assertFolder(dir, role);
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort(byCodeUnit);
  if (names.length === 0) throw new NoClassesError(dir);
  const classes: ClassFolder[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const inside = await readdir(path, { withFileTypes: true });
    const files = inside
      .filter((e) => !e.name.startsWith('.') && (e.isFile() || e.isSymbolicLink()))
      .map((e) => join(path, e.name))
      .sort(byCodeUnit);
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
