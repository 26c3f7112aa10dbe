// Turns the value fields of a V1 TensorProto into the typed array `read` returns.
import { type DType, dtypeByteSize, type TypedArray } from './dtypes';
import { halfToFloat } from './half-float';
import { decodeTensorBytes } from './tensor-bytes';
import type { TensorProtoValues } from './v1-protos';

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** Values of `count` elements of `dtype`, or a sentence saying why they cannot be had. */
export function tensorProtoValues(t: TensorProtoValues, dtype: DType, count: number): TypedArray | Uint8Array[] | string {
  if (dtype === 'string') {
    return t.stringVal.length === count ? t.stringVal : `${t.stringVal.length} string_val for ${count} elements`;
  }
  if (t.tensorContent) {
    const need = count * dtypeByteSize(dtype);
    return t.tensorContent.length === need ? decodeTensorBytes(dtype, t.tensorContent) : `tensor_content of ${t.tensorContent.length} bytes for ${need}`;
  }
  let values: TypedArray;
  switch (dtype) {
    case 'float32':
      values = decodeTensorBytes('float32', concat(t.floatBytes));
      break;
    case 'float64':
      values = decodeTensorBytes('float64', concat(t.doubleBytes));
      break;
    case 'int64':
      values = BigInt64Array.from(t.int64Val);
      break;
    case 'bool':
      values = Uint8Array.from(t.boolVal, (b) => (b ? 1 : 0));
      break;
    case 'half':
      values = Float32Array.from(t.halfVal, (h) => halfToFloat(h & 0xffff));
      break;
    case 'int32':
      values = Int32Array.from(t.intVal);
      break;
    case 'uint8':
      values = Uint8Array.from(t.intVal);
      break;
    case 'int8':
      values = Int8Array.from(t.intVal);
      break;
    case 'int16':
      values = Int16Array.from(t.intVal);
      break;
    case 'uint16':
      values = Uint16Array.from(t.intVal);
      break;
  }
  return values.length === count ? values : `${values.length} values for ${count} elements`;
}
