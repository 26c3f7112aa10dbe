// Test helpers for @finetune/tfrecord: where the TensorFlow fixtures live, and Features in the fixtures' JSON form.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, Features } from './feature';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Fixtures written by real TensorFlow; absent outside the shared workspace, where their tests skip. */
export const fixturesDir = resolve(repoRoot, '../shared/fixtures');

const TYPE_NAMES: Record<Feature['kind'], string> = {
  bytesList: 'bytes_list',
  floatList: 'float_list',
  int64List: 'int64_list',
  empty: 'empty',
};

export function typeName(f: Feature): string {
  return TYPE_NAMES[f.kind];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A bytes value as fixtures/README.md describes: UTF-8 text, else base64; over 2048 bytes, a digest. */
export function bytesToJson(b: Uint8Array): unknown {
  if (b.length > 2048) {
    return {
      len: b.length,
      sha256: createHash('sha256').update(b).digest('hex'),
      head_hex: Buffer.from(b.subarray(0, 16)).toString('hex'),
    };
  }
  try {
    return strictUtf8.decode(b);
  } catch {
    return { base64: Buffer.from(b).toString('base64') };
  }
}

export function featureToJson(f: Feature): { type: string; values: unknown[] } {
  switch (f.kind) {
    case 'bytesList':
      return { type: 'bytes_list', values: f.value.map(bytesToJson) };
    case 'floatList':
      return { type: 'float_list', values: Array.from(f.value) };
    case 'int64List':
      return { type: 'int64_list', values: f.value.map((v) => Number(v)) };
    case 'empty':
      return { type: 'empty', values: [] };
  }
}

/** Features as a key-sorted plain object, the way the expected JSON lists them. */
export function featuresToJson(features: Features): Record<string, unknown> {
  return Object.fromEntries([...features.keys()].sort().map((k) => [k, featureToJson(features.get(k) as Feature)]));
}

/** A fresh temporary folder and its remover. */
export async function tempDir(prefix = 'tfrecord-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
