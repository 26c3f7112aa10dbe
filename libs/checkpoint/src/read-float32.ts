// Reads a numeric variable as float32, the form tfjs weights (and nets' CheckpointSource) take.
import type { CheckpointReader } from './checkpoint-reader';
import { UnsupportedCheckpointError } from './errors';

/** Float32 values of a numeric variable; int64 values beyond 2^24 lose precision, as in a tf.cast. */
export async function readFloat32(reader: CheckpointReader, name: string): Promise<Float32Array> {
  const values = await reader.read(name);
  if (values instanceof Float32Array) return values;
  if (Array.isArray(values)) throw new UnsupportedCheckpointError(reader.path, `reading string variable ${name} as float32`);
  if (values instanceof BigInt64Array) return Float32Array.from(values, (v) => Number(v));
  return Float32Array.from(values as ArrayLike<number>);
}
