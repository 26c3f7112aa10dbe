// Counts and times each classification request by the gRPC status it ended with, and counts those in flight.
import { status } from '@grpc/grpc-js';
import { toServiceError } from '@finetune/runtime';
import type { InferenceMetrics } from './inference-metrics';

/** The status name a failure will reach the client with, e.g. INVALID_ARGUMENT. */
export function statusName(err: unknown): string {
  const code = toServiceError(err).code;
  return status[code] ?? String(code);
}

export async function measured<T>(metrics: Pick<InferenceMetrics, 'latency' | 'requests' | 'inFlight'>, work: () => Promise<T>): Promise<T> {
  const end = metrics.latency.startTimer();
  metrics.inFlight.inc();
  try {
    const result = await work();
    metrics.requests.inc({ status: 'OK' });
    return result;
  } catch (err) {
    metrics.requests.inc({ status: statusName(err) });
    throw err;
  } finally {
    metrics.inFlight.dec();
    end();
  }
}
