// TensorFlow DataType enum values (types.proto) and how each maps to a JS typed array.

export type DType = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'int8' | 'int16' | 'uint16' | 'bool' | 'string' | 'half';

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array;

/** What `read` returns: a typed array (half is widened to float32, bool is 0/1 bytes) or strings. */
export type TensorValues = TypedArray | string[];

interface DTypeInfo {
  /** The DataType enum number in types.proto. */
  enumValue: number;
  /** DataType_Name, as inspect_checkpoint prints it. */
  tfName: string;
  /** Bytes per element in a bundle's data shard; 0 for string (variable length). */
  byteSize: number;
}

const DTYPES: Record<DType, DTypeInfo> = {
  float32: { enumValue: 1, tfName: 'DT_FLOAT', byteSize: 4 },
  float64: { enumValue: 2, tfName: 'DT_DOUBLE', byteSize: 8 },
  int32: { enumValue: 3, tfName: 'DT_INT32', byteSize: 4 },
  uint8: { enumValue: 4, tfName: 'DT_UINT8', byteSize: 1 },
  int16: { enumValue: 5, tfName: 'DT_INT16', byteSize: 2 },
  int8: { enumValue: 6, tfName: 'DT_INT8', byteSize: 1 },
  string: { enumValue: 7, tfName: 'DT_STRING', byteSize: 0 },
  int64: { enumValue: 9, tfName: 'DT_INT64', byteSize: 8 },
  bool: { enumValue: 10, tfName: 'DT_BOOL', byteSize: 1 },
  uint16: { enumValue: 17, tfName: 'DT_UINT16', byteSize: 2 },
  half: { enumValue: 19, tfName: 'DT_HALF', byteSize: 2 },
};

const BY_ENUM = new Map<number, DType>(Object.entries(DTYPES).map(([k, v]) => [v.enumValue, k as DType]));

// Names of the enum values we recognise but cannot decode, for a precise error.
const OTHER_TF_NAMES: Record<number, string> = {
  8: 'DT_COMPLEX64', 11: 'DT_QINT8', 12: 'DT_QUINT8', 13: 'DT_QINT32', 14: 'DT_BFLOAT16', 15: 'DT_QINT16',
  16: 'DT_QUINT16', 18: 'DT_COMPLEX128', 20: 'DT_RESOURCE', 21: 'DT_VARIANT', 22: 'DT_UINT32', 23: 'DT_UINT64',
};

export function dtypeFromEnum(value: number): DType | undefined {
  return BY_ENUM.get(value);
}

export function enumName(value: number): string {
  const d = BY_ENUM.get(value);
  return d ? DTYPES[d].tfName : (OTHER_TF_NAMES[value] ?? `DataType(${value})`);
}

export function dtypeEnum(d: DType): number {
  return DTYPES[d].enumValue;
}

export function dtypeTfName(d: DType): string {
  return DTYPES[d].tfName;
}

export function dtypeByteSize(d: DType): number {
  return DTYPES[d].byteSize;
}

export function isDType(s: string): s is DType {
  return Object.hasOwn(DTYPES, s);
}

export function numElements(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
