// ModelProto on the protobuf wire, as a list of chunks: weight tensors are referenced, never copied into one buffer.
import { ProtoWriter, WIRE_LEN, WIRE_VARINT } from '@finetune/checkpoint';
import { ONNX_FLOAT, ONNX_INT64, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './onnx-model';

/** IR version 7 is the one that goes with opset 13 (onnx 1.8); every runtime of the last years reads it. */
export const ONNX_IR_VERSION = 7;

/** AttributeProto.AttributeType. */
const ATTRIBUTE_TYPES = { float: 1, int: 2, string: 3, ints: 7 } as const;

/** A message built from small writer-made pieces and large borrowed byte arrays. */
class Message {
  readonly parts: Uint8Array[] = [];
  length = 0;
  private pending = new ProtoWriter();

  /** Scalar fields, written in the order given (callers keep field-number order). */
  fields(write: (w: ProtoWriter) => void): this {
    write(this.pending);
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.flush();
    this.push(new ProtoWriter().tag(field, WIRE_LEN).varint(data.length).finish());
    this.push(data);
    return this;
  }

  message(field: number, sub: Message): this {
    sub.flush();
    this.flush();
    this.push(new ProtoWriter().tag(field, WIRE_LEN).varint(sub.length).finish());
    for (const p of sub.parts) this.push(p);
    return this;
  }

  /** The bytes, in order; `length` is their total. */
  finish(): Uint8Array[] {
    this.flush();
    return this.parts;
  }

  private flush(): void {
    const bytes = this.pending.finish();
    if (bytes.length) this.push(bytes);
    this.pending = new ProtoWriter();
  }

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }
}

/** A packed repeated int64 field (dims, ints). */
function packedInt64(w: ProtoWriter, field: number, values: readonly number[]): void {
  if (!values.length) return;
  const packed = new ProtoWriter();
  for (const v of values) packed.varint(v);
  w.bytesField(field, packed.finish());
}

function floatBits(value: number): number {
  return new Uint32Array(new Float32Array([value]).buffer)[0]!;
}

function attribute(name: string, a: OnnxAttribute): Message {
  return new Message().fields((w) => {
    w.stringField(1, name);
    if (a.kind === 'float') w.tag(2, 5).raw(new Uint8Array(new Uint32Array([floatBits(a.value)]).buffer));
    if (a.kind === 'int') w.tag(3, WIRE_VARINT).varint(a.value);
    if (a.kind === 'string') w.stringField(4, a.value);
    if (a.kind === 'ints') packedInt64(w, 8, a.value);
    w.varintField(20, ATTRIBUTE_TYPES[a.kind]);
  });
}

function node(n: OnnxNode): Message {
  const m = new Message().fields((w) => {
    for (const i of n.inputs) w.stringField(1, i);
    for (const o of n.outputs) w.stringField(2, o);
    w.stringField(3, n.name);
    w.stringField(4, n.op);
  });
  for (const [name, a] of Object.entries(n.attributes ?? {})) m.message(5, attribute(name, a));
  return m;
}

function tensor(t: OnnxTensor): Message {
  const m = new Message().fields((w) => {
    packedInt64(w, 1, t.dims);
    w.varintField(2, t.data instanceof Float32Array ? ONNX_FLOAT : ONNX_INT64);
    w.stringField(8, t.name);
  });
  // raw_data is little-endian, as typed arrays are on every platform Node runs on here.
  return m.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
}

function valueInfo(v: OnnxValueInfo): Message {
  const shape = new Message();
  for (const d of v.shape) {
    shape.message(1, new Message().fields((w) => (typeof d === 'number' ? w.tag(1, WIRE_VARINT).varint(d) : w.stringField(2, d))));
  }
  const tensorType = new Message().fields((w) => w.varintField(1, ONNX_FLOAT)).message(2, shape);
  return new Message().fields((w) => w.stringField(1, v.name)).message(2, new Message().message(1, tensorType));
}

/** The serialized ModelProto as chunks in file order, and its size in bytes. */
export function encodeOnnxModel(model: OnnxModel): { parts: Uint8Array[]; length: number } {
  const g = model.graph;
  const graph = new Message();
  for (const n of g.nodes) graph.message(1, node(n));
  graph.fields((w) => w.stringField(2, g.name));
  for (const t of g.initializers) graph.message(5, tensor(t));
  for (const v of g.inputs) graph.message(11, valueInfo(v));
  for (const v of g.outputs) graph.message(12, valueInfo(v));

  const m = new Message().fields((w) => {
    w.varintField(1, ONNX_IR_VERSION);
    w.stringField(2, model.producerName);
    w.stringField(3, model.producerVersion);
    w.stringField(6, model.docString);
  });
  m.message(7, graph);
  m.message(8, new Message().fields((w) => w.varintField(2, model.opset)));
  for (const [key, value] of Object.entries(model.metadata)) {
    m.message(14, new Message().fields((w) => w.stringField(1, key).stringField(2, value)));
  }
  const parts = m.finish();
  return { parts, length: m.length };
}

/** The serialized ModelProto in one buffer, for a session opened from memory. */
export function onnxModelBytes(model: OnnxModel): Uint8Array {
  const { parts, length } = encodeOnnxModel(model);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
