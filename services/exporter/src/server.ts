// What the exporter service serves: its options and its RPC handlers (RPCs without one answer UNIMPLEMENTED).
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import type { ServiceSpec } from '@finetune/runtime';
import { exporterOptions } from './options';

export const exporterService: ServiceSpec<typeof exporterOptions> = {
  name: 'exporter',
  packageDefinition: loadPackageDefinition(),
  options: exporterOptions,
  async setup() {
    return { services: { [SERVICE_NAMES.exporter]: {} } };
  },
};
