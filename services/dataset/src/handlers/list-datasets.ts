// ListDatasets: every dataset in the store's datasets folder, sorted by dataset_name, as the contract says.
import type { datasetV1 } from '@finetune/contracts';
import type { ArtifactStore } from '@finetune/store';
import { manifestMessage } from '../manifest-message';
import { findDatasets } from '../find-datasets';

export function listDatasets(deps: { store: ArtifactStore }) {
  return async (): Promise<datasetV1.ListDatasetsResponse> => {
    const all = await findDatasets(deps.store.datasetsDir());
    all.sort((a, b) => (a.datasetName < b.datasetName ? -1 : a.datasetName > b.datasetName ? 1 : 0));
    return { datasets: all.map(manifestMessage) };
  };
}
