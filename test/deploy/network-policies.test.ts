// The rendered NetworkPolicies allow exactly the flows the design has: clients -> inference's gRPC,
// the five services <-> NATS, Prometheus -> each service's /metrics; every other pod-to-pod
// connection, and anything from outside to another port, is refused.
import { describe, expect, it } from 'vitest';
import { allows, endpoints } from './network-flows';
import { render, SERVICE_NAMES as SERVICES } from './rendered-overlays';

describe.each(['dev', 'prod'])('deploy %s network policies', (overlay) => {
  const objects = render(overlay);
  const pods = endpoints(objects);

  it(`deploy ${overlay} - the allowed connections are exactly clients -> inference, services <-> NATS, Prometheus -> /metrics`, () => {
    expect(pods.map((p) => p.name).sort()).toEqual([...SERVICES, 'nats', 'prometheus'].sort());
    const allowed: string[] = [];
    for (const destination of pods) {
      for (const [portName, port] of Object.entries(destination.ports)) {
        for (const source of [...pods, 'outside' as const]) {
          if (source === destination) continue;
          if (allows(objects, source, destination, port)) allowed.push(`${source === 'outside' ? 'outside' : source.name} -> ${destination.name}:${portName}`);
        }
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'outside -> inference:grpc',
        ...SERVICES.map((svc) => `${svc} -> nats:client`),
        ...SERVICES.map((svc) => `prometheus -> ${svc}:metrics`),
      ].sort(),
    );
  });

  it(`deploy ${overlay} - a default deny covers every pod of the install, both ways`, () => {
    const deny = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny') as { spec: Record<string, unknown> } | undefined;
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });
});
