// Test helpers for the ONNX export: the model as one buffer, and a TF.js-vs-ONNX Runtime comparison. Not exported.
import * as ort from 'onnxruntime-node';
import { encodeOnnxModel } from './encode-onnx';
import type { OnnxModel } from './onnx-model';

export function onnxBytes(model: OnnxModel): Uint8Array {
  const { parts, length } = encodeOnnxModel(model);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Runs `bytes` on ONNX Runtime (CPU) over an NHWC batch; returns each output's data and dims. */
export async function runOnnx(bytes: Uint8Array, input: Float32Array, dims: number[]): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, executionProviders: ['cpu'] });
  try {
    const results = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, dims) });
    return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { data: v.data as Float32Array, dims: v.dims }]));
  } finally {
    await session.release();
  }
}
