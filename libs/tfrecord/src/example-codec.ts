// tf.train.Example to and from its serialized bytes, byte-identical to TensorFlow's serializer for the same map order.
import type { Example, Feature } from './feature';
import { decodeFeatures, featureSize, mapEntries, writeFeature, writeMapEntries, type EncodeOptions } from './features-codec';
import { ProtoReader, WIRE_LENGTH_DELIMITED } from './proto-reader';
import { ProtoWriter, lengthDelimitedSize } from './proto-writer';

const EXAMPLE_FEATURES = 1;
const FEATURES_FEATURE = 1;

/**
 * Serializes an Example. Map entries go out in the Map's order (see {@link EncodeOptions.deterministic}).
 * The `features` field is always written, as `tf.train.Example(features=...)` does, even when empty.
 */
export function encodeExample(example: Example, options: EncodeOptions = {}): Uint8Array {
  const { entries, size } = mapEntries<Feature>(example.features, featureSize, options);
  const w = new ProtoWriter(lengthDelimitedSize(size));
  w.header(EXAMPLE_FEATURES, size);
  writeMapEntries(w, FEATURES_FEATURE, entries, writeFeature);
  return w.buf;
}

/**
 * Parses a serialized Example. bytes_list values are views into `bytes` (no copy); keep `bytes` alive or
 * copy them if the buffer is reused. Unknown fields are skipped; packed and unpacked lists are both read.
 */
export function decodeExample(bytes: Uint8Array): Example {
  const r = new ProtoReader(bytes, 'tf.train.Example');
  let features = new Map<string, Feature>();
  while (!r.done) {
    const [field, wire] = r.tag();
    // A message field repeated on the wire merges; maps merge by key, which Map.set gives us.
    if (field === EXAMPLE_FEATURES && wire === WIRE_LENGTH_DELIMITED) {
      const more = decodeFeatures(r.sub('tf.train.Features'));
      features = features.size === 0 ? more : new Map([...features, ...more]);
    } else r.skip(wire);
  }
  return { features };
}
