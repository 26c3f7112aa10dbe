// Image Examples with TF-Slim's keys and types (download_and_convert_*.py, build_image_data.py), both ways.
import { decodeExample } from './example-codec';
import { ImageExampleError } from './errors';
import { type Example, type Feature, type FeatureKind, bytesFeature, int64Feature } from './feature';

/** One labelled image as TF-Slim stores it. */
export interface ImageExample {
  /** The original encoded file bytes (JPEG, PNG, ...), stored as is. */
  encoded: Uint8Array;
  /** `jpeg`, `png`, ... (slim's readers decode by this). */
  format: string;
  /** Class id: line `label` of label.txt. */
  label: number;
  /** Class name, as build_image_data.py stores it. */
  text?: string;
  height: number;
  width: number;
  /** File name without folders, as build_image_data.py stores it. */
  filename?: string;
}

/** Feature keys, spelled as the reference writes them. */
export const IMAGE_KEYS = {
  encoded: 'image/encoded',
  format: 'image/format',
  label: 'image/class/label',
  text: 'image/class/text',
  height: 'image/height',
  width: 'image/width',
  filename: 'image/filename',
} as const;

/** Builds the Example; keys in slim's image_to_tfexample order, then the build_image_data.py extras. */
export function imageExample(image: ImageExample): Example {
  const features = new Map<string, Feature>([
    [IMAGE_KEYS.encoded, bytesFeature([image.encoded])],
    [IMAGE_KEYS.format, bytesFeature(image.format)],
    [IMAGE_KEYS.label, int64Feature(image.label)],
    [IMAGE_KEYS.height, int64Feature(image.height)],
    [IMAGE_KEYS.width, int64Feature(image.width)],
  ]);
  if (image.text !== undefined) features.set(IMAGE_KEYS.text, bytesFeature(image.text));
  if (image.filename !== undefined) features.set(IMAGE_KEYS.filename, bytesFeature(image.filename));
  return { features };
}

const KIND_NAMES: Record<FeatureKind, string> = {
  bytesList: 'bytes_list',
  floatList: 'float_list',
  int64List: 'int64_list',
  empty: 'an empty Feature',
};

/** The feature's values if it has the expected kind and exactly one value; undefined if absent and optional. */
function one(example: Example, key: string, kind: 'bytesList' | 'int64List', required: boolean): Feature | undefined {
  const f = example.features.get(key);
  if (!f) {
    if (required) throw new ImageExampleError(key, 'is missing');
    return undefined;
  }
  if (f.kind !== kind) throw new ImageExampleError(key, `is ${KIND_NAMES[f.kind]}, expected ${KIND_NAMES[kind]}`);
  const n = (f as { value: ArrayLike<unknown> }).value.length;
  if (n !== 1) throw new ImageExampleError(key, `has ${n} values, expected 1`);
  return f;
}

function bytes(example: Example, key: string, required: boolean): Uint8Array | undefined {
  const f = one(example, key, 'bytesList', required);
  return f?.kind === 'bytesList' ? f.value[0] : undefined;
}

function int(example: Example, key: string, min: number): number {
  const f = one(example, key, 'int64List', true);
  const v = f?.kind === 'int64List' ? f.value[0] : 0n;
  if (v < BigInt(min) || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ImageExampleError(key, `value ${v} is out of range`);
  return Number(v);
}

const utf8 = new TextDecoder('utf-8');

/** Reads an image Example (or its serialized bytes); a missing or mistyped feature throws ImageExampleError naming the key. */
export function parseImageExample(source: Example | Uint8Array): ImageExample {
  const example = source instanceof Uint8Array ? decodeExample(source) : source;
  const image: ImageExample = {
    encoded: bytes(example, IMAGE_KEYS.encoded, true) as Uint8Array,
    format: utf8.decode(bytes(example, IMAGE_KEYS.format, true)),
    label: int(example, IMAGE_KEYS.label, 0),
    height: int(example, IMAGE_KEYS.height, 1),
    width: int(example, IMAGE_KEYS.width, 1),
  };
  const text = bytes(example, IMAGE_KEYS.text, false);
  if (text !== undefined) image.text = utf8.decode(text);
  const filename = bytes(example, IMAGE_KEYS.filename, false);
  if (filename !== undefined) image.filename = utf8.decode(filename);
  return image;
}
