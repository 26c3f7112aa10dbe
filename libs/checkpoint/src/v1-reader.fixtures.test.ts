import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tensorNameKeyPrefix } from './ordered-code';
import { type ExpectedV1, expectedFiles, findFile, fixturesDir, haveFixtures, loadExpected } from './testing';
import { V1Reader } from './v1-reader';

const cases = expectedFiles('checkpoint_v1_');

describe.skipIf(!haveFixtures)('v1 reader against TensorFlow-written fixtures (skipped: ../shared/fixtures absent)', () => {
  it('v1 reader - finds every V1 fixture', () => {
    expect(cases.length).toBe(2);
  });

  for (const file of cases) {
    const folder = file.replace(/^checkpoint_v1_/, '').replace(/\.json$/, '');
    it(`v1 reader - reads ${folder} exactly as expected`, async () => {
      const expected = loadExpected<ExpectedV1>(file);
      const path = findFile(join(fixturesDir, 'checkpoint_v1', folder), expected.file)!;
      const reader = await V1Reader.open(path, [path]);
      try {
        expect(reader.list()).toEqual(
          expected.meta.tensors.map((t) => ({ name: t.name, dtype: t.dtype, tfDtype: 'DT_FLOAT', shape: t.shape })).sort((a, b) => a.name.localeCompare(b.name)),
        );
        for (const k of expected.keys) {
          // The key of a full slice of a scalar is the name prefix plus a zero rank byte.
          expect(Buffer.from(tensorNameKeyPrefix(k.name)).toString('hex') + '00').toBe(k.key_hex);
          expect(Array.from((await reader.read(k.name)) as Float32Array)).toEqual(k.values.float_val);
        }
      } finally {
        await reader.close();
      }
    });
  }
});
