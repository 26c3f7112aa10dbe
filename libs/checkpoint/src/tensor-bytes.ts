// Little-endian tensor bytes <-> typed arrays, as a bundle's data shard and TensorProto.tensor_content hold them.
import { type DType, dtypeByteSize, type TypedArray } from './dtypes';
import { floatToHalf, halfToFloat } from './half-float';

// Node runs little-endian on every platform it supports, so a copied buffer can be viewed directly.

/** Decodes `bytes` (exactly count * byteSize long) of a numeric dtype; half is widened to float32. */
export function decodeTensorBytes(dtype: Exclude<DType, 'string'>, bytes: Uint8Array): TypedArray {
  const buf = bytes.slice().buffer;
  switch (dtype) {
    case 'float32':
      return new Float32Array(buf);
    case 'float64':
      return new Float64Array(buf);
    case 'int32':
      return new Int32Array(buf);
    case 'int64':
      return new BigInt64Array(buf);
    case 'uint8':
    case 'bool':
      return new Uint8Array(buf);
    case 'int8':
      return new Int8Array(buf);
    case 'int16':
      return new Int16Array(buf);
    case 'uint16':
      return new Uint16Array(buf);
    case 'half': {
      const bits = new Uint16Array(buf);
      const out = new Float32Array(bits.length);
      for (let i = 0; i < bits.length; i++) out[i] = halfToFloat(bits[i]);
      return out;
    }
  }
}

/** Encodes values of a numeric dtype; `half` takes float32 values and rounds them. */
export function encodeTensorBytes(dtype: Exclude<DType, 'string'>, values: TypedArray): Uint8Array {
  if (dtype === 'half') {
    const bits = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) bits[i] = floatToHalf(Number(values[i]));
    return new Uint8Array(bits.buffer);
  }
  return new Uint8Array(values.buffer, values.byteOffset, values.length * dtypeByteSize(dtype));
}

type ArrayClass = new (n: number) => TypedArray;

/** The typed array class `read` returns for a dtype; the writer requires it. */
export function arrayClassFor(dtype: Exclude<DType, 'string'>): ArrayClass {
  const classes: Record<Exclude<DType, 'string'>, ArrayClass> = {
    float32: Float32Array, float64: Float64Array, int32: Int32Array, int64: BigInt64Array, uint8: Uint8Array,
    bool: Uint8Array, int8: Int8Array, int16: Int16Array, uint16: Uint16Array, half: Float32Array,
  };
  return classes[dtype];
}
