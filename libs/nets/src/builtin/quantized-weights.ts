// Random access to one weight of a tf.io weight buffer, dequantized by tf.io itself.
import * as tf from '@tensorflow/tfjs';

/** Bytes per element as stored: a quantized entry stores its quantization dtype, not its float32. */
const STORED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2, float32: 4, int32: 4, bool: 1 };

function storedByteLength(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = STORED_BYTES[dtype];
  if (bytes === undefined) throw new Error(`weight ${spec.name}: unsupported stored dtype ${dtype}`);
  return spec.shape.reduce((a, b) => a * b, 1) * bytes;
}

/** Weights laid end to end in manifest order, as tf.io writes them; each is decoded on demand. */
export class QuantizedWeights {
  private readonly slices = new Map<string, { spec: tf.io.WeightsManifestEntry; offset: number; length: number }>();

  constructor(
    specs: readonly tf.io.WeightsManifestEntry[],
    private readonly data: ArrayBuffer,
  ) {
    let offset = 0;
    for (const spec of specs) {
      const length = storedByteLength(spec);
      this.slices.set(spec.name, { spec, offset, length });
      offset += length;
    }
    if (offset !== data.byteLength) {
      throw new Error(`weight manifest describes ${offset} bytes, the shards hold ${data.byteLength}`);
    }
  }

  spec(name: string): tf.io.WeightsManifestEntry | undefined {
    return this.slices.get(name)?.spec;
  }

  /** One weight as float32; quantized entries become min + q * scale (tf.io.decodeWeights). */
  async read(name: string): Promise<Float32Array> {
    const slice = this.slices.get(name);
    if (!slice) throw new Error(`no weight ${name}`);
    const bytes = this.data.slice(slice.offset, slice.offset + slice.length);
    const tensor = tf.io.decodeWeights(bytes, [slice.spec])[name];
    try {
      return (await tensor.data()) as Float32Array;
    } finally {
      tensor.dispose();
    }
  }
}
