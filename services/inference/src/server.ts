// What the inference service serves: its options and its RPC handlers (RPCs without one answer UNIMPLEMENTED).
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import type { ServiceSpec } from '@finetune/runtime';
import { inferenceOptions } from './options';

export const inferenceService: ServiceSpec<typeof inferenceOptions> = {
  name: 'inference',
  packageDefinition: loadPackageDefinition(),
  options: inferenceOptions,
  async setup() {
    // NOT_SERVING until a model is loaded, so no replica takes traffic it cannot answer.
    return { services: { [SERVICE_NAMES.inference]: {} }, startNotServing: [SERVICE_NAMES.inference] };
  },
};
