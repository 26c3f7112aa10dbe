// What the dataset service serves: its options and its RPC handlers (RPCs without one answer UNIMPLEMENTED).
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import type { ServiceSpec } from '@finetune/runtime';
import { datasetOptions } from './options';

export const datasetService: ServiceSpec<typeof datasetOptions> = {
  name: 'dataset',
  packageDefinition: loadPackageDefinition(),
  options: datasetOptions,
  async setup() {
    return { services: { [SERVICE_NAMES.dataset]: {} } };
  },
};
