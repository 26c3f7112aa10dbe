// The tf.train.Feature / Features / Example / SequenceExample data model, and helpers that build features.

/**
 * One `tf.train.Feature`: the oneof `kind` of the proto, or `empty` when no kind is set (legal, and TF
 * writes it for features whose value is absent). int64 values are bigints, so no id or count loses bits.
 * float values stay in a Float32Array so their exact bits survive a decode/encode round trip.
 */
export type Feature =
  | { kind: 'bytesList'; value: Uint8Array[] }
  | { kind: 'floatList'; value: Float32Array }
  | { kind: 'int64List'; value: bigint[] }
  | { kind: 'empty' };

export type FeatureKind = Feature['kind'];

/**
 * `tf.train.Features`: a proto map. A JS Map keeps insertion order, and decoding keeps the order of the
 * wire, which is how re-encoding reproduces TensorFlow's bytes exactly (TF writes map entries in hash
 * order, not sorted; the fixtures show it).
 */
export type Features = Map<string, Feature>;

/** `tf.train.Example`. */
export interface Example {
  features: Features;
}

/** `tf.train.SequenceExample`: per-sequence context plus, per key, one Feature per time step. */
export interface SequenceExample {
  context: Features;
  featureLists: Map<string, Feature[]>;
}

const utf8 = new TextEncoder();

/** A bytes_list feature; strings are stored as UTF-8. */
export function bytesFeature(values: Uint8Array | string | readonly (Uint8Array | string)[]): Feature {
  const list = Array.isArray(values) ? values : [values as Uint8Array | string];
  return { kind: 'bytesList', value: list.map((v) => (typeof v === 'string' ? utf8.encode(v) : v)) };
}

/** A float_list feature; values are rounded to float32 as TensorFlow stores them. */
export function floatFeature(values: number | ArrayLike<number>): Feature {
  return { kind: 'floatList', value: Float32Array.from(typeof values === 'number' ? [values] : values) };
}

/** An int64_list feature. Numbers must be safe integers; pass bigints beyond 2^53. */
export function int64Feature(values: number | bigint | readonly (number | bigint)[]): Feature {
  const list = Array.isArray(values) ? values : [values as number | bigint];
  return {
    kind: 'int64List',
    value: list.map((v) => {
      if (typeof v === 'bigint') return BigInt.asIntN(64, v);
      if (!Number.isSafeInteger(v)) throw new RangeError(`int64 feature value ${v} is not a safe integer`);
      return BigInt(v);
    }),
  };
}

/** A Feature with no kind set. */
export function emptyFeature(): Feature {
  return { kind: 'empty' };
}

/** An Example from a plain object or Map of features, keeping the given key order. */
export function createExample(features: Record<string, Feature> | Map<string, Feature>): Example {
  return { features: features instanceof Map ? new Map(features) : new Map(Object.entries(features)) };
}
