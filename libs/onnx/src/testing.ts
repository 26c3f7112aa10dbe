// Test helpers for the ONNX export: a run on ONNX Runtime, python3-onnx's checks. Not exported.
import { spawnSync } from 'node:child_process';
import * as ort from 'onnxruntime-node';

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

/** Debian's python3-onnx (1.12) checks the file: full checker, strict shape inference, output shapes inferred afresh. */
const PYTHON_ONNX_CHECK = `
import json, sys, onnx
model = onnx.load(sys.argv[1])
onnx.checker.check_model(model, full_check=True)
declared = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim] for o in model.graph.output}
for o in model.graph.output:
    o.type.tensor_type.ClearField("shape")
inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
shapes = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim] for o in inferred.graph.output}
print(json.dumps({"opset": model.opset_import[0].version, "declared": declared, "inferred": shapes}))
`;

/** The first python3 that imports onnx (pyenv's may not; Debian's /usr/bin/python3 does), or undefined. */
export function pythonWithOnnx(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import onnx'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  return undefined;
}

export interface PythonOnnxReport {
  opset: number;
  declared: Record<string, (string | number)[]>;
  inferred: Record<string, (string | number)[]>;
}

/** Runs the python3-onnx checks on `file`; throws with python's message when the file is refused. */
export function checkWithPythonOnnx(python: string, file: string): PythonOnnxReport {
  const r = spawnSync(python, ['-c', PYTHON_ONNX_CHECK, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`python3-onnx refuses ${file}: ${r.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(r.stdout) as PythonOnnxReport;
}
