// What the trainer service serves: its options and its RPC handlers (RPCs without one answer UNIMPLEMENTED).
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import type { ServiceSpec } from '@finetune/runtime';
import { trainerOptions } from './options';

export const trainerService: ServiceSpec<typeof trainerOptions> = {
  name: 'trainer',
  packageDefinition: loadPackageDefinition(),
  options: trainerOptions,
  async setup() {
    return { services: { [SERVICE_NAMES.trainer]: {} } };
  },
};
