// An ONNX Runtime session over a graph built in memory (no file): how evaluation and feature extraction run a
// restored checkpoint's forward pass on ORT's thread pool while the tfjs engine keeps the rest.
import * as ort from 'onnxruntime-node';
import { onnxModelBytes } from './encode-onnx';
import { onnxSessionOptions } from './session-options';
import type { OnnxModel } from './onnx-model';

export interface OnnxRunnerOptions {
  /** ORT intra-op threads: the process's CPU budget, so every core works on one batch. */
  threads: number;
}

export interface OnnxRunner {
  /** The graph's output names, in the order run() returns them. */
  readonly outputs: readonly string[];
  /** Every output's values for `count` images packed [count, h, w, c] as the graph's input says. */
  run(images: Float32Array, count: number): Promise<Float32Array[]>;
  release(): Promise<void>;
}

/** Opens `model` on ONNX Runtime (CUDA where its provider is installed, else the bundled CPU build). */
export async function openOnnxRunner(model: OnnxModel, options: OnnxRunnerOptions): Promise<OnnxRunner> {
  const input = model.graph.inputs[0]!;
  const perImage = (input.shape.slice(1) as number[]).reduce((a, b) => a * b, 1);
  const outputs = model.graph.outputs.map((o) => o.name);
  const session = await ort.InferenceSession.create(onnxModelBytes(model), onnxSessionOptions(options.threads));
  return {
    outputs,
    async run(images, count) {
      if (images.length !== count * perImage) throw new RangeError(`${images.length} values for ${count} images of ${perImage}`);
      const feed = new ort.Tensor('float32', images, [count, ...(input.shape.slice(1) as number[])]);
      const out = await session.run({ [input.name]: feed }, outputs);
      // A CPU tensor's data is a plain typed array: it stays valid after dispose() drops ORT's reference.
      const values = outputs.map((name) => out[name]!.data as Float32Array);
      feed.dispose();
      for (const name of outputs) out[name]!.dispose();
      return values;
    },
    release: () => session.release(),
  };
}
