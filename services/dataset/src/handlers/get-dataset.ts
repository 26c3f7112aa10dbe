// GetDataset: one dataset's manifest, by its folder or by its name under the store's datasets folder.
import type { datasetV1 } from '@finetune/contracts';
import { readManifest } from '@finetune/datasets';
import { FinetuneError } from '@finetune/runtime';
import type { ArtifactStore } from '@finetune/store';
import { manifestMessage } from '../manifest-message';
import { findDatasets } from '../find-datasets';

export function getDataset(deps: { store: ArtifactStore; dataRoot: ArtifactStore }) {
  return async (request: datasetV1.GetDatasetRequest__Output): Promise<datasetV1.GetDatasetResponse> => {
    if (request.directory) {
      return { manifest: manifestMessage(await readManifest(deps.dataRoot.resolve('directory', request.directory))) };
    }
    if (request.dataset_name) {
      const all = await findDatasets(deps.store.datasetsDir());
      const found = all.find((m) => m.datasetName === request.dataset_name);
      if (!found) {
        const known = all.map((m) => m.datasetName).join(', ') || 'none';
        throw new FinetuneError('not-found', `no dataset named "${request.dataset_name}" in ${deps.store.datasetsDir()}; known: ${known}`);
      }
      return { manifest: manifestMessage(found) };
    }
    throw new FinetuneError('invalid-argument', 'dataset is missing: set directory or dataset_name');
  };
}
