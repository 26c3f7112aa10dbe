// The smallest view of a checkpoint that restoring needs; libs/checkpoint's readers and the builtins both fit it.

/** One variable a checkpoint holds. */
export interface CheckpointEntry {
  /** TF-Slim variable name, e.g. `InceptionV3/Logits/Conv2d_1c_1x1/weights`. */
  name: string;
  shape: number[];
  /** TensorFlow dtype name, e.g. `float32`. */
  dtype: string;
}

export interface CheckpointSource {
  /** Where the variables come from, for messages (a path, or `builtin:inception_v3`). */
  readonly path?: string;
  list(): CheckpointEntry[];
  /** The values of one listed variable, row-major, as float32. */
  read(name: string): Promise<Float32Array>;
}
