// ListModels: the versions in the model repository, by name then version, oldest first.
import path from 'node:path';
import { readdir, stat } from 'node:fs/promises';
import type { exporterV1 } from '@finetune/contracts';
import type { Logger } from '@finetune/runtime';
import { exportedModelMessage, listModelNames, listVersions, readModelMetadata, versionDir } from '@finetune/serving';
import type { ArtifactStore } from '@finetune/store';

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const n of await readdir(dir)) total += (await stat(path.join(dir, n))).size;
  return total;
}

export function listModels(deps: { store: ArtifactStore; log: Logger }) {
  return async (request: exporterV1.ListModelsRequest__Output): Promise<exporterV1.ListModelsResponse> => {
    const repository = deps.store.modelRepository();
    const names = request.name ? [request.name] : await listModelNames(repository);
    const models: exporterV1.ExportedModel[] = [];
    for (const name of names) {
      for (const version of await listVersions(repository, name)) {
        const dir = versionDir(repository, name, version);
        try {
          models.push(exportedModelMessage(await readModelMetadata(dir), dir, await folderSize(dir)));
        } catch (err) {
          // One damaged version must not hide the others; the inference service refuses it on load.
          deps.log.warn('skipping an unreadable model version', { dir, err });
        }
      }
    }
    return { models };
  };
}
