// A folder built under a temporary name and published by renaming it, or its entries, into place.
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeAbandonedTemps } from './abandoned-temps';
import { syncFolder } from './sync-folder';
import { tempPathIn } from './temp-names';

/**
 * A folder being written. Its files are written with writeFileSynced (or another writer that fsyncs);
 * publishAs() or publishEntries() makes them visible, discard() removes the lot.
 */
export class StagedFolder {
  private constructor(readonly path: string) {}

  /**
   * Creates a hidden folder for `label` inside `parent` (same file system, so the final renames are atomic),
   * after removing the abandoned temporary names a killed run left in `parent`.
   */
  static async create(parent: string, label: string): Promise<StagedFolder> {
    await mkdir(parent, { recursive: true });
    await removeAbandonedTemps(parent);
    const path = tempPathIn(parent, label);
    await mkdir(path);
    return new StagedFolder(path);
  }

  /**
   * Renames the whole folder to `target` (fsyncing it first, its parent after). The rename's error is thrown
   * as is: rename(2) refuses to replace a non-empty folder (ENOTEMPTY, EEXIST), which racing writers rely on.
   */
  async publishAs(target: string): Promise<void> {
    await syncFolder(this.path);
    await rename(this.path, target);
    await syncFolder(dirname(target));
  }

  /** Moves `names` from the folder into `dir`, in the given order (the one that marks completeness last), then removes the folder. */
  async publishEntries(dir: string, names: readonly string[]): Promise<void> {
    for (const name of names) await rename(join(this.path, name), join(dir, name));
    await syncFolder(dir);
    await this.discard();
  }

  discard(): Promise<void> {
    return rm(this.path, { recursive: true, force: true });
  }
}
