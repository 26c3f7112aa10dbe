// The interface every checkpoint format's reader implements.
import type { DType, TensorValues } from './dtypes';

export interface VariableInfo {
  name: string;
  /** 'unsupported' for dtypes this library cannot decode (listed, but `read` throws). */
  dtype: DType | 'unsupported';
  /** TensorFlow's DataType name, e.g. DT_FLOAT, as inspect_checkpoint prints it. */
  tfDtype: string;
  shape: number[];
}

export interface CheckpointReader {
  readonly format: 'v1' | 'v2';
  /** The V2 prefix (`dir/model.ckpt-1000`) or the V1 file that was opened. */
  readonly path: string;
  /** Every variable, sorted by name. */
  list(): VariableInfo[];
  has(name: string): boolean;
  /** Throws UnknownVariableError. */
  info(name: string): VariableInfo;
  /** Values in row-major order; int64 as BigInt64Array, bool as 0/1 bytes, half widened to float32, strings as UTF-8. */
  read(name: string): Promise<TensorValues>;
  /** A string tensor's raw bytes (object graphs and other binary strings are not UTF-8). */
  readBytes(name: string): Promise<Uint8Array[]>;
  readAll(): Promise<Map<string, TensorValues>>;
  close(): Promise<void>;
}
