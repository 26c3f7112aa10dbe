// ListDatasets: every dataset in the store's datasets folder, newest first.
import type { datasetV1 } from '@finetune/contracts';
import type { ArtifactStore } from '@finetune/store';
import { manifestMessage } from '../manifest-message';
import { findDatasets } from '../find-datasets';

export function listDatasets(deps: { store: ArtifactStore }) {
  return async (): Promise<datasetV1.ListDatasetsResponse> => {
    const all = await findDatasets(deps.store.datasetsDir());
    all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { datasets: all.map(manifestMessage) };
  };
}
