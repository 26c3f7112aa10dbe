// A service's registry as Prometheus sees it: promtool's lint passes on what every service exposes.
import { promtoolMissing, promtoolProblems } from '@finetune/runtime/testing';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';

const missing = promtoolMissing();

describe('service metrics', () => {
  it.skipIf(missing)('service metrics - the defaults and gRPC series pass promtool check metrics', async () => {
    const metrics = createMetrics('trainer');
    metrics.observeCall('StartTraining', 'OK', 0.02);
    const text = await metrics.registry.metrics();
    expect(text).toContain('grpc_server_handled_total{grpc_method="StartTraining",grpc_code="OK",service="trainer"} 1');
    expect(text).toContain('nodejs_active_handles{');
    expect(promtoolProblems(text)).toEqual([]);
  });
  if (missing) it.skip(`service metrics - ${missing}`, () => undefined);
});
