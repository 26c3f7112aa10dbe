// tf.train.SequenceExample to and from its serialized bytes.
import type { Feature, SequenceExample } from './feature';
import {
  decodeFeature,
  decodeFeatures,
  decodeMapEntry,
  featureSize,
  mapEntries,
  writeFeature,
  writeMapEntries,
  type EncodeOptions,
} from './features-codec';
import { ProtoReader, WIRE_LENGTH_DELIMITED } from './proto-reader';
import { ProtoWriter, lengthDelimitedSize } from './proto-writer';

// Field numbers from tensorflow/core/example/example.proto and feature.proto.
const SEQ_CONTEXT = 1;
const SEQ_FEATURE_LISTS = 2;
const MAP_FIELD = 1;
const FEATURE_LIST_FEATURE = 1;

function featureListSize(list: Feature[]): number {
  let n = 0;
  for (const f of list) n += lengthDelimitedSize(featureSize(f));
  return n;
}

function writeFeatureList(w: ProtoWriter, list: Feature[]): void {
  for (const f of list) {
    w.header(FEATURE_LIST_FEATURE, featureSize(f));
    writeFeature(w, f);
  }
}

/** Serializes a SequenceExample; both `context` and `feature_lists` are always written, even when empty. */
export function encodeSequenceExample(seq: SequenceExample, options: EncodeOptions = {}): Uint8Array {
  const ctx = mapEntries<Feature>(seq.context, featureSize, options);
  const lists = mapEntries<Feature[]>(seq.featureLists, featureListSize, options);
  const w = new ProtoWriter(lengthDelimitedSize(ctx.size) + lengthDelimitedSize(lists.size));
  w.header(SEQ_CONTEXT, ctx.size);
  writeMapEntries(w, MAP_FIELD, ctx.entries, writeFeature);
  w.header(SEQ_FEATURE_LISTS, lists.size);
  writeMapEntries(w, MAP_FIELD, lists.entries, writeFeatureList);
  return w.buf;
}

function decodeFeatureList(r: ProtoReader): Feature[] {
  const out: Feature[] = [];
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === FEATURE_LIST_FEATURE && wire === WIRE_LENGTH_DELIMITED) out.push(decodeFeature(r.sub('tf.train.Feature')));
    else r.skip(wire);
  }
  return out;
}

/** Parses a serialized SequenceExample. bytes_list values are views into `bytes`. */
export function decodeSequenceExample(bytes: Uint8Array): SequenceExample {
  const r = new ProtoReader(bytes, 'tf.train.SequenceExample');
  const context = new Map<string, Feature>();
  const featureLists = new Map<string, Feature[]>();
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === SEQ_CONTEXT && wire === WIRE_LENGTH_DELIMITED) {
      for (const [k, v] of decodeFeatures(r.sub('tf.train.Features'))) context.set(k, v);
    } else if (field === SEQ_FEATURE_LISTS && wire === WIRE_LENGTH_DELIMITED) {
      const lists = r.sub('tf.train.FeatureLists');
      while (!lists.done) {
        const [f, w] = lists.tag();
        if (f === MAP_FIELD && w === WIRE_LENGTH_DELIMITED) {
          const [k, v] = decodeMapEntry(lists.sub('tf.train.FeatureLists'), 'tf.train.FeatureList', decodeFeatureList);
          featureLists.set(k, v);
        } else lists.skip(w);
      }
    } else r.skip(wire);
  }
  return { context, featureLists };
}
