// Prometheus metrics on /metrics: default process metrics plus the service's own, labelled by service.
import http from 'node:http';
import { Registry, collectDefaultMetrics, Counter, Histogram } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  /** Records one finished RPC. */
  observeCall(method: string, code: string, seconds: number): void;
}

export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  // prom-client's *_total gauges break Prometheus' naming rule (promtool rejects a gauge named _total); each is
  // the sum over the `type` label of the series of the same name without the suffix, which stays.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
  const handled = new Counter({
    name: 'grpc_server_handled_total',
    help: 'RPCs completed on the server, by method and status code.',
    labelNames: ['grpc_method', 'grpc_code'],
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'grpc_server_handling_seconds',
    help: 'Time from the start of an RPC to its end, in seconds.',
    labelNames: ['grpc_method'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return {
    registry,
    observeCall(method, code, s) {
      handled.inc({ grpc_method: method, grpc_code: code });
      seconds.observe({ grpc_method: method }, s);
    },
  };
}

/** Serves /metrics (and a plain /healthz for tools that cannot speak gRPC); resolves with the bound port. */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<http.Server & { port: number }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: Error) => res.writeHead(500).end(err.message),
      );
    } else if (req.url === '/healthz') {
      res.writeHead(200).end('ok\n');
    } else {
      res.writeHead(404).end('not found: try /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return Object.assign(server, { port: typeof address === 'object' && address ? address.port : port });
}
