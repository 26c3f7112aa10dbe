// Which pod-to-pod connections a set of NetworkPolicies allows, evaluated as Kubernetes does for the
// selectors deploy/k8s uses (matchLabels, In expressions): a connection needs an ingress rule of some
// policy selecting the destination (when any selects it for Ingress) and an egress rule of some policy
// selecting the source (when any selects it for Egress).
import type { KubeObject } from './kustomize-render';

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values: string[] }> };
type Peer = { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: unknown };
type PolicyPort = { protocol?: string; port?: number | string; endPort?: number };
type Rule = { from?: Peer[]; to?: Peer[]; ports?: PolicyPort[] };
type NetworkPolicy = KubeObject & { spec: { podSelector: Selector; policyTypes: string[]; ingress?: Rule[]; egress?: Rule[] } };

/** A pod as the policies see it: its namespace, labels and named container ports. */
export interface Endpoint {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ports: Record<string, number>;
}

export function selectorMatches(selector: Selector, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every((e) => {
      if (e.operator !== 'In') throw new Error(`selector operator ${e.operator} is not evaluated here: add it to test/deploy/network-flows.ts`);
      return e.values.includes(labels[e.key] ?? '');
    })
  );
}

// A peer with a namespaceSelector or an ipBlock stands for pods outside the namespace: it never
// matches one of the install's own pods here, and an outside client matches only a rule without peers.
function peerMatches(peer: Peer, pod: Endpoint, policyNamespace: string): boolean {
  if (peer.namespaceSelector || peer.ipBlock) return false;
  return pod.namespace === policyNamespace && selectorMatches(peer.podSelector ?? {}, pod.labels);
}

function portMatches(ports: PolicyPort[] | undefined, destination: Endpoint, port: number): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== 'TCP') return false;
    if (p.port === undefined) return true;
    const first = typeof p.port === 'string' ? destination.ports[p.port] : p.port;
    return first !== undefined && port >= first && port <= (p.endPort ?? first);
  });
}

function ruleAllows(rule: Rule, peers: Peer[] | undefined, other: Endpoint | 'outside', destination: Endpoint, port: number, namespace: string): boolean {
  if (!portMatches(rule.ports, destination, port)) return false;
  if (!peers || peers.length === 0) return true;
  return other !== 'outside' && peers.some((peer) => peerMatches(peer, other, namespace));
}

/** Whether `source` (a pod of the install, or a client outside it) may open a TCP connection to `destination` on `port`. */
export function allows(objects: KubeObject[], source: Endpoint | 'outside', destination: Endpoint, port: number): boolean {
  const policies = objects.filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy');
  const selecting = (pod: Endpoint, type: string) => policies.filter((p) => p.metadata.namespace === pod.namespace && p.spec.policyTypes.includes(type) && selectorMatches(p.spec.podSelector, pod.labels));
  const ingress = selecting(destination, 'Ingress');
  const ingressOk = ingress.length === 0 || ingress.some((p) => (p.spec.ingress ?? []).some((r) => ruleAllows(r, r.from, source, destination, port, p.metadata.namespace!)));
  if (source === 'outside') return ingressOk;
  const egress = selecting(source, 'Egress');
  const egressOk = egress.length === 0 || egress.some((p) => (p.spec.egress ?? []).some((r) => ruleAllows(r, r.to, destination, destination, port, p.metadata.namespace!)));
  return ingressOk && egressOk;
}

/** The pods of every workload, with their template labels and named container ports. */
export function endpoints(objects: KubeObject[]): Endpoint[] {
  type Template = { metadata: { labels: Record<string, string> }; spec: { containers: Array<{ ports?: Array<{ name?: string; containerPort: number }> }> } };
  return objects
    .filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind))
    .map((o) => {
      const template = (o.spec as { template: Template }).template;
      const ports: Record<string, number> = {};
      for (const c of template.spec.containers) for (const p of c.ports ?? []) if (p.name) ports[p.name] = p.containerPort;
      return { name: o.metadata.name, namespace: o.metadata.namespace ?? '', labels: template.metadata.labels, ports };
    });
}
