// The subset of onnx.proto that an exported classifier needs, as plain data: a graph of nodes over named values.

/** TensorProto.DataType values used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

export type OnnxAttribute =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string };

export interface OnnxNode {
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, OnnxAttribute>;
}

/** A constant: float32 weights, or int64 shapes and pads. */
export interface OnnxTensor {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

/** A graph input or output: float32 with a shape whose string entries are symbolic (the batch). */
export interface OnnxValueInfo {
  name: string;
  shape: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxModel {
  graph: OnnxGraph;
  /** Version of the default ("ai.onnx") operator set. */
  opset: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  /** ModelProto.metadata_props, e.g. preprocessing and labels for users of the file alone. */
  metadata: Record<string, string>;
}

export const int = (value: number): OnnxAttribute => ({ kind: 'int', value });
export const ints = (value: number[]): OnnxAttribute => ({ kind: 'ints', value });
export const float = (value: number): OnnxAttribute => ({ kind: 'float', value });
