// What the evaluator service serves: its options and its RPC handlers (RPCs without one answer UNIMPLEMENTED).
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import type { ServiceSpec } from '@finetune/runtime';
import { evaluatorOptions } from './options';

export const evaluatorService: ServiceSpec<typeof evaluatorOptions> = {
  name: 'evaluator',
  packageDefinition: loadPackageDefinition(),
  options: evaluatorOptions,
  async setup() {
    return { services: { [SERVICE_NAMES.evaluator]: {} } };
  },
};
