// A Keras-format model config (Keras' model.json or a tfjs model's toJSON) as a graph walked in one fixed order.

export interface GraphLayer {
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** Names of the layers feeding this one, in argument order. */
  inbound: string[];
}

/** The parts of a Keras model config this walk reads. */
interface ModelConfig {
  class_name?: string;
  config?: { layers?: Array<{ name: string; class_name: string; config: Record<string, unknown>; inbound_nodes: unknown[] }> };
}

/** Accepts both `{ model_config: {...} }` (Keras files) and `{ class_name, config }` (tfjs toJSON). */
export function graphLayers(topology: unknown): Map<string, GraphLayer> {
  const root = topology as { model_config?: ModelConfig } & ModelConfig;
  const layers = (root.model_config ?? root).config?.layers;
  if (!Array.isArray(layers)) throw new Error('not a Keras functional model config: no config.layers');
  const graph = new Map<string, GraphLayer>();
  for (const layer of layers) {
    // One call per layer in these nets: node 0 holds its inputs as [layer, node, tensor, kwargs] tuples.
    const node = (layer.inbound_nodes[0] ?? []) as Array<[string, ...unknown[]]>;
    graph.set(layer.name, {
      name: layer.name,
      className: layer.class_name,
      config: layer.config,
      inbound: node.map(([name]) => name),
    });
  }
  return graph;
}

/**
 * Every layer `output` depends on, inputs before consumers, each input's ancestry visited fully before
 * the next input's. Two graphs with the same structure and the same argument order (branch order of a
 * concat, say) list corresponding layers at the same positions, whatever their names or file order.
 */
export function topologicalOrder(graph: Map<string, GraphLayer>, output: string): GraphLayer[] {
  const order: GraphLayer[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const layer = graph.get(name);
    if (!layer) throw new Error(`layer ${name} is referenced but not defined`);
    for (const input of layer.inbound) visit(input);
    order.push(layer);
  };
  visit(output);
  return order;
}
