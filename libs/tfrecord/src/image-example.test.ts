// Image Examples: TF-Slim's keys and types, and clear errors for missing or mistyped keys.
import { describe, expect, it } from 'vitest';
import { decodeExample, encodeExample } from './example-codec';
import { ImageExampleError } from './errors';
import { bytesFeature, floatFeature, int64Feature } from './feature';
import { imageExample, parseImageExample } from './image-example';

const image = {
  encoded: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0),
  format: 'jpeg',
  label: 3,
  text: 'tulips',
  height: 32,
  width: 48,
  filename: 'a.jpg',
};

describe('image example', () => {
  it('tfrecord - builds the keys and types of TF-Slim image Examples', () => {
    const ex = imageExample(image);
    const kinds = Object.fromEntries([...ex.features].map(([k, f]) => [k, f.kind]));
    expect(kinds).toEqual({
      'image/encoded': 'bytesList',
      'image/format': 'bytesList',
      'image/class/label': 'int64List',
      'image/height': 'int64List',
      'image/width': 'int64List',
      'image/class/text': 'bytesList',
      'image/filename': 'bytesList',
    });
  });

  it('tfrecord - parses its own bytes back', () => {
    expect(parseImageExample(encodeExample(imageExample(image)))).toEqual(image);
    const { text: _t, filename: _f, ...minimal } = image;
    expect(parseImageExample(imageExample(minimal))).toEqual(minimal);
  });

  it('tfrecord - names the missing or mistyped key', () => {
    const without = (key: string) => {
      const ex = decodeExample(encodeExample(imageExample(image)));
      ex.features.delete(key);
      return ex;
    };
    expect(() => parseImageExample(without('image/class/label'))).toThrow(ImageExampleError);
    expect(() => parseImageExample(without('image/class/label'))).toThrow("image Example feature 'image/class/label': is missing");
    expect(() => parseImageExample(without('image/encoded'))).toThrow(/'image\/encoded': is missing/);

    const ex = imageExample(image);
    ex.features.set('image/height', floatFeature(32));
    expect(() => parseImageExample(ex)).toThrow("'image/height': is float_list, expected int64_list");
    ex.features.set('image/height', int64Feature([32, 33]));
    expect(() => parseImageExample(ex)).toThrow("'image/height': has 2 values, expected 1");
    ex.features.set('image/height', int64Feature(0));
    expect(() => parseImageExample(ex)).toThrow("'image/height': value 0 is out of range");
    ex.features.set('image/height', int64Feature(32));
    ex.features.set('image/class/text', int64Feature(1));
    expect(() => parseImageExample(ex)).toThrow("'image/class/text': is int64_list, expected bytes_list");
    ex.features.set('image/class/text', bytesFeature('x'));
    ex.features.set('image/class/label', int64Feature(-1));
    try {
      parseImageExample(ex);
    } catch (err) {
      expect(err).toMatchObject({ key: 'image/class/label', kind: 'invalid-argument' });
    }
  });
});
