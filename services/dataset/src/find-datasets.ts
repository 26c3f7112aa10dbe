// The datasets under one folder: each subfolder holding a valid manifest.json.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, readManifest, type LoadedManifest } from '@finetune/datasets';

export async function findDatasets(dir: string): Promise<LoadedManifest[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: LoadedManifest[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const folder = path.join(dir, e.name);
    const hasManifest = await fs.access(path.join(folder, MANIFEST_FILE)).then(() => true, () => false);
    // A folder with a broken manifest is not a dataset; GetDataset on it says why.
    if (hasManifest) found.push(...(await readManifest(folder).then((m) => [m], () => [])));
  }
  return found;
}
