// Public API of the ONNX library: tfjs layers models as ONNX graphs (opset 13), and ONNX Runtime sessions over them.
export { encodeOnnxModel, ONNX_IR_VERSION, onnxModelBytes } from './encode-onnx';
export { ONNX_INPUT } from './emit-layers';
export { onnxExecutionProviders } from './execution-providers';
export { FORWARD_RUNTIMES, type ForwardRuntime } from './forward-runtime';
export { featureOutput, featuresToOnnx } from './features-to-onnx';
export { foldedOnnx } from './folded-onnx';
export { layersToOnnx, ONNX_BATCH, ONNX_LOGITS, ONNX_OPSET, ONNX_PROBABILITIES, type LayersToOnnxOptions } from './layers-to-onnx';
export type { OnnxModel } from './onnx-model';
export { OnnxExportError } from './onnx-export-error';
export { onnxSessionOptions } from './session-options';
export { openOnnxRunner, type OnnxRunner, type OnnxRunnerOptions } from './onnx-runner';
