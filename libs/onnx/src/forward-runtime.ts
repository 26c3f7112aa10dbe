// Which runtime computes a net's forward pass where both can: ONNX Runtime over the net as an ONNX graph, or TF.js.

export const FORWARD_RUNTIMES = ['onnx', 'tfjs'] as const;
export type ForwardRuntime = (typeof FORWARD_RUNTIMES)[number];
