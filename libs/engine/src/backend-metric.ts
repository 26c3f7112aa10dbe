// The compute backend as a Prometheus label: finetune_backend_info{backend="wasm"} 1.
import { Gauge, type Registry } from 'prom-client';
import type { BackendChoice } from './backend-choice';

export const BACKEND_METRIC = 'finetune_backend_info';

/** Exports the backend a service computes with; call once after initBackend(). */
export function exportBackendMetric(registry: Registry, choice: BackendChoice): void {
  const existing = registry.getSingleMetric(BACKEND_METRIC) as Gauge<'backend'> | undefined;
  const gauge =
    existing ??
    new Gauge({ name: BACKEND_METRIC, help: 'Compute backend in use (value 1), by name.', labelNames: ['backend'], registers: [registry] });
  gauge.reset();
  gauge.set({ backend: choice.name }, 1);
}
