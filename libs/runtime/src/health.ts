// grpc.health.v1: per-service serving status, Check and Watch, so Kubernetes' native gRPC probes work.
import { status, type ServerUnaryCall, type ServerWritableStream, type sendUnaryData, type UntypedServiceImplementation } from '@grpc/grpc-js';

export type ServingStatus = 'SERVING' | 'NOT_SERVING';

interface HealthCheckRequest {
  service: string;
}
interface HealthCheckResponse {
  status: ServingStatus | 'SERVICE_UNKNOWN';
}

/** Statuses by service name; '' is the whole server, as the health protocol defines. */
export class HealthRegistry {
  private readonly statuses = new Map<string, ServingStatus>();
  private readonly watchers = new Set<{ service: string; send: (s: HealthCheckResponse['status']) => void; end: () => void }>();

  set(service: string, value: ServingStatus): void {
    if (this.statuses.get(service) === value) return;
    this.statuses.set(service, value);
    for (const w of this.watchers) if (w.service === service) w.send(value);
  }

  /** Sets every known service, and the server as a whole. */
  setAll(value: ServingStatus): void {
    for (const service of [...this.statuses.keys(), '']) this.set(service, value);
  }

  get(service: string): ServingStatus | undefined {
    return this.statuses.get(service);
  }

  implementation(): UntypedServiceImplementation {
    return {
      Check: (call: ServerUnaryCall<HealthCheckRequest, HealthCheckResponse>, callback: sendUnaryData<HealthCheckResponse>) => {
        const value = this.statuses.get(call.request.service ?? '');
        if (!value) callback({ code: status.NOT_FOUND, details: `unknown service "${call.request.service}"` });
        else callback(null, { status: value });
      },
      Watch: (call: ServerWritableStream<HealthCheckRequest, HealthCheckResponse>) => {
        const service = call.request.service ?? '';
        const watcher = { service, send: (s: HealthCheckResponse['status']) => call.write({ status: s }), end: () => call.end() };
        watcher.send(this.statuses.get(service) ?? 'SERVICE_UNKNOWN');
        this.watchers.add(watcher);
        const stop = () => this.watchers.delete(watcher);
        call.on('cancelled', stop);
        call.on('close', stop);
      },
    };
  }

  /** Ends every Watch stream (after they saw NOT_SERVING): on shutdown no status changes again, and an open stream would hold the server. */
  closeWatchers(): void {
    for (const w of this.watchers) w.end();
    this.watchers.clear();
  }
}
