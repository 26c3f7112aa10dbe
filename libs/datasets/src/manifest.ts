// manifest.json: what the reference's hand-written dataset file held (split sizes, classes), plus shard checksums.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SplitName } from './convert-options';
import { ManifestError } from './errors';
import type { SkippedImage } from './worker-protocol';

export const MANIFEST_FILE = 'manifest.json';
export const LABELS_FILE = 'label.txt';
/** Bumped when a field changes meaning; readers reject versions they do not know. */
export const MANIFEST_FORMAT_VERSION = 1;

export interface ShardEntry {
  /** Base name inside the dataset folder. */
  file: string;
  records: number;
  /** File size in bytes. */
  bytes: number;
  sha256: string;
}

export interface SplitEntry {
  numImages: number;
  /** Records of each label: numImagesPerClass[i] counts label i. Absent in manifests written before it existed. */
  numImagesPerClass?: number[];
  shards: ShardEntry[];
}

export interface Manifest {
  formatVersion: number;
  datasetName: string;
  /** ISO 8601. */
  createdAt: string;
  source: { trainDir: string; validationDir: string | null; validationRatio: number; seed: number };
  numClasses: number;
  /** classNames[i] is label i, the same as line i of label.txt. */
  classNames: string[];
  labelsFile: string;
  splits: Partial<Record<SplitName, SplitEntry>>;
  /** Files left out by skipInvalid. */
  skipped: SkippedImage[];
}

/** A manifest as read from disk, with the folder its file names are relative to. */
export interface LoadedManifest extends Manifest {
  dir: string;
}

function fail(path: string, field: string, detail: string): never {
  throw new ManifestError(path, field, detail);
}

function expectType(path: string, field: string, value: unknown, type: 'string' | 'number' | 'object'): void {
  const ok = type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === type;
  if (!ok) fail(path, field, `expected ${type}, found ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`);
}

function expectCount(path: string, field: string, value: unknown): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail(path, field, `expected a non-negative integer, found ${JSON.stringify(value)}`);
}

function validatePerClass(path: string, field: string, counts: unknown, numClasses: number, records: number): void {
  if (!Array.isArray(counts) || counts.length !== numClasses) fail(path, field, `expected an array of ${numClasses} counts, one per class`);
  counts.forEach((c, i) => expectCount(path, `${field}[${i}]`, c));
  const sum = (counts as number[]).reduce((a, b) => a + b, 0);
  if (sum !== records) fail(path, field, `adds up to ${sum} but the shards hold ${records} records`);
}

/** Checks every field; the first problem throws ManifestError naming the field. */
export function validateManifest(m: unknown, path: string): Manifest {
  expectType(path, '', m, 'object');
  const o = m as Record<string, unknown>;
  if (o.formatVersion !== MANIFEST_FORMAT_VERSION) {
    fail(path, 'formatVersion', `unsupported version ${JSON.stringify(o.formatVersion)} (this reader knows ${MANIFEST_FORMAT_VERSION})`);
  }
  expectType(path, 'datasetName', o.datasetName, 'string');
  expectType(path, 'createdAt', o.createdAt, 'string');
  expectType(path, 'source', o.source, 'object');
  expectCount(path, 'numClasses', o.numClasses);
  if (!Array.isArray(o.classNames) || o.classNames.some((c) => typeof c !== 'string' || c === '')) {
    fail(path, 'classNames', 'expected an array of non-empty strings');
  }
  if (o.classNames.length !== o.numClasses) fail(path, 'classNames', `has ${o.classNames.length} names but numClasses is ${o.numClasses}`);
  expectType(path, 'labelsFile', o.labelsFile, 'string');
  expectType(path, 'splits', o.splits, 'object');
  const splits = o.splits as Record<string, unknown>;
  for (const [name, split] of Object.entries(splits)) {
    const at = `splits.${name}`;
    if (name !== 'train' && name !== 'validation') fail(path, at, 'unknown split (expected train or validation)');
    expectType(path, at, split, 'object');
    const s = split as Record<string, unknown>;
    expectCount(path, `${at}.numImages`, s.numImages);
    if (!Array.isArray(s.shards)) fail(path, `${at}.shards`, 'expected an array');
    let records = 0;
    s.shards.forEach((shard: unknown, i: number) => {
      const sat = `${at}.shards[${i}]`;
      expectType(path, sat, shard, 'object');
      const e = shard as Record<string, unknown>;
      expectType(path, `${sat}.file`, e.file, 'string');
      if ((e.file as string).includes('/') || (e.file as string).includes('\\')) fail(path, `${sat}.file`, 'must be a plain file name');
      expectCount(path, `${sat}.records`, e.records);
      expectCount(path, `${sat}.bytes`, e.bytes);
      if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) fail(path, `${sat}.sha256`, 'expected 64 lowercase hex digits');
      records += e.records as number;
    });
    if (records !== s.numImages) fail(path, `${at}.numImages`, `is ${s.numImages} but the shards hold ${records} records`);
    if (s.numImagesPerClass !== undefined) validatePerClass(path, `${at}.numImagesPerClass`, s.numImagesPerClass, o.numClasses as number, records);
  }
  if (!Array.isArray(o.skipped)) fail(path, 'skipped', 'expected an array');
  return o as unknown as Manifest;
}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface ReadManifestOptions {
  /** Also recompute every shard's SHA-256 (reads all the data). @default false */
  verifyChecksums?: boolean;
}

/**
 * Reads `<dir>/manifest.json`, validates it, and checks that every shard file exists with the recorded
 * size (and checksum, if asked). Problems throw ManifestError naming the file and field.
 */
export async function readManifest(dir: string, options: ReadManifestOptions = {}): Promise<LoadedManifest> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ManifestError(path, '', missing ? 'no manifest here; is this a converted dataset folder?' : (err as Error).message, {
      cause: err,
      kind: missing ? 'not-found' : 'invalid-argument',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(path, '', `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const manifest = validateManifest(json, path);
  for (const [name, split] of Object.entries(manifest.splits)) {
    for (const [i, shard] of (split as SplitEntry).shards.entries()) {
      const field = `splits.${name}.shards[${i}]`;
      const shardPath = join(dir, shard.file);
      const size = await stat(shardPath).then((s) => s.size, () => -1);
      if (size < 0) fail(path, `${field}.file`, `shard ${shardPath} is missing`);
      if (size !== shard.bytes) fail(path, `${field}.bytes`, `shard ${shardPath} has ${size} bytes, the manifest says ${shard.bytes}`);
      if (options.verifyChecksums && (await fileSha256(shardPath)) !== shard.sha256) {
        fail(path, `${field}.sha256`, `shard ${shardPath} does not match its recorded SHA-256`);
      }
    }
  }
  return { ...manifest, dir };
}
