// Collects the nodes and constants of one ONNX graph while a model is walked; names stay unique.
import { type OnnxAttribute, type OnnxNode, type OnnxTensor } from './onnx-model';

export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly names = new Set<string>();

  /** Adds a node with one output named `output` (also its node name) and returns that name. */
  node(op: string, output: string, inputs: string[], attributes?: Record<string, OnnxAttribute>): string {
    this.claim(output);
    this.nodes.push({ op, name: output, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });
    return output;
  }

  /** Adds a float32 constant (weights) and returns its name. */
  floats(name: string, dims: number[], data: Float32Array): string {
    this.claim(name);
    this.initializers.push({ name, dims, data });
    return name;
  }

  /** Adds an int64 constant (shapes, pads) and returns its name. */
  int64s(name: string, values: number[]): string {
    this.claim(name);
    this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  }

  /** A scalar float constant shared by every node that needs the same value (Clip's 0 and 6). */
  scalar(value: number): string {
    const name = `const/${value}`;
    if (!this.names.has(name)) {
      this.claim(name);
      this.initializers.push({ name, dims: [], data: new Float32Array([value]) });
    }
    return name;
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`ONNX graph: the name ${name} is used twice`);
    this.names.add(name);
  }
}
