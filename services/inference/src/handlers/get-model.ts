// GetModel: what a loaded version is — labels, input, checksum — and which versions are in memory.
import { toTimestamp, type inferenceV1 } from '@finetune/contracts';
import type { ModelRegistry } from '../model-registry';
import { inputSpecMessage } from '@finetune/serving';

export function getModel(deps: { registry: ModelRegistry }) {
  return async (request: inferenceV1.GetModelRequest__Output): Promise<inferenceV1.GetModelResponse> => {
    const lease = deps.registry.acquire(request.served_model_name, Number(request.model_version));
    try {
      const { name, version, metadata: m, loadedAt } = lease.model;
      return {
        served_model_name: name,
        model_version: version,
        model_name: m.modelName,
        labels: m.labels,
        input: inputSpecMessage(m),
        sha256: m.sha256,
        loaded_versions: deps.registry.loadedVersions(name),
        loaded_at: toTimestamp(loadedAt),
      };
    } finally {
      lease.release();
    }
  };
}
