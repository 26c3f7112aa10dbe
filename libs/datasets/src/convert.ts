// Converts a folder of class subfolders into TFRecord shards, label.txt and manifest.json, as build_image_data.py does.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileSynced } from '@finetune/runtime/atomic-write';
import { checkValidationClasses, resolveSourceLayout, scanClassFolders } from './class-folders';
import { type ConvertOptions, type ResolvedConvertOptions, type SplitName, resolveConvertOptions } from './convert-options';
import { ConversionAbortedError, DatasetExistsError, InvalidOptionError } from './errors';
import { LABELS_FILE, MANIFEST_FILE, MANIFEST_FORMAT_VERSION, type LoadedManifest, type Manifest, type SplitEntry } from './manifest';
import { createStaging, findExistingDataset, publishStaged } from './output-dir';
import { runWorkers } from './run-workers';
import { shardFileName, threadShardRanges } from './shard-plan';
import { type ImageItem, type SplitItems, shuffleSplit, splitByRatio, splitFromFolders } from './split-plan';
import type { SkippedImage, WorkerInput } from './worker-protocol';

export interface ConvertResult {
  /** What was written, as readManifest would return it. */
  manifest: LoadedManifest;
  /** Files left out by skipInvalid (also in the manifest). */
  skipped: SkippedImage[];
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ConversionAbortedError({ cause: signal.reason });
}

/**
 * The reference's `-t pic/`: without a validation folder, a `pic/train` (and `pic/validation`) under the
 * given folder are the splits. A ratio cannot split a folder that already has its validation split.
 */
async function resolveLayout(o: ResolvedConvertOptions): Promise<void> {
  if (o.validationDir !== undefined) return;
  const layout = await resolveSourceLayout(o.trainDir);
  if (layout.validationDir !== undefined && o.validationRatio > 0) {
    throw new InvalidOptionError(
      'validationRatio',
      o.validationRatio,
      `cannot split ${o.trainDir}: it already has train/ and validation/; leave the ratio out to use them`,
    );
  }
  o.trainDir = layout.trainDir;
  o.validationDir = layout.validationDir;
}

async function planSplits(o: ResolvedConvertOptions): Promise<{ classNames: string[]; items: SplitItems }> {
  await resolveLayout(o);
  const train = await scanClassFolders(o.trainDir, 'train', o.dataRoot);
  const classNames = train.map((c) => c.name);
  if (o.validationDir !== undefined) {
    const validation = await scanClassFolders(o.validationDir, 'validation', o.dataRoot);
    checkValidationClasses(classNames, validation);
    return { classNames, items: splitFromFolders(train, validation) };
  }
  if (o.validationRatio > 0) return { classNames, items: splitByRatio(train, o.validationRatio, o.seed) };
  return { classNames, items: splitFromFolders(train, []) };
}

async function checkOutputDir(o: ResolvedConvertOptions): Promise<void> {
  const s = await stat(o.outputDir).catch(() => undefined);
  if (s && !s.isDirectory()) throw new InvalidOptionError('outputDir', o.outputDir, 'exists and is not a folder');
  if (s && !o.overwrite) {
    const existing = await findExistingDataset(o.outputDir, o.datasetName);
    if (existing) throw new DatasetExistsError(o.outputDir, join(o.outputDir, existing));
  }
}

/**
 * The reference's scheme: each split is shuffled once (seeded), cut into numThreads ranges, and each
 * range into shards; worker t writes the shards of range t of every split.
 */
function workerInputs(o: ResolvedConvertOptions, items: SplitItems, splits: SplitName[], staging: string): WorkerInput[] {
  const inputs: WorkerInput[] = Array.from({ length: o.numThreads }, (_, worker) => ({ worker, jobs: [], skipInvalid: o.skipInvalid }));
  for (const split of splits) {
    const list = shuffleSplit(split, items[split], o.seed);
    const numShards = split === 'train' ? o.trainShards : o.validationShards;
    threadShardRanges(list.length, numShards, o.numThreads).forEach((ranges, t) => {
      for (const r of ranges) {
        const file = shardFileName(o.datasetName, split, r.shard, numShards);
        inputs[t].jobs.push({ split, shard: r.shard, file, path: join(staging, file), items: list.slice(r.start, r.end) });
      }
    });
  }
  return inputs;
}

/** Records of each label in a split: its planned images less the ones skipped. */
function countPerClass(items: readonly ImageItem[], numClasses: number, skipped: readonly SkippedImage[]): number[] {
  const left = new Set(skipped.map((s) => s.path));
  const counts = new Array<number>(numClasses).fill(0);
  for (const item of items) if (!left.has(item.path)) counts[item.label]++;
  return counts;
}

/**
 * Validates every image with sharp in `numThreads` worker threads and writes the original bytes as
 * TF-Slim image Examples. Output appears under final names only when everything succeeded.
 */
export async function convertImageFolder(options: ConvertOptions): Promise<ConvertResult> {
  const o = resolveConvertOptions(options);
  o.trainDir = resolve(o.trainDir);
  o.outputDir = resolve(o.outputDir);
  if (o.validationDir !== undefined) o.validationDir = resolve(o.validationDir);
  checkAborted(o.signal);

  const { classNames, items } = await planSplits(o);
  await checkOutputDir(o);
  checkAborted(o.signal);

  const splits: SplitName[] = items.validation.length > 0 ? ['train', 'validation'] : ['train'];
  const done: Record<SplitName, number> = { train: 0, validation: 0 };
  const skipped: SkippedImage[] = [];
  const progress = (split: SplitName) => {
    done[split]++;
    o.onProgress?.({ split, done: done[split], total: items[split].length });
  };

  const staging = await createStaging(o.outputDir, o.datasetName);
  try {
    const shards = await runWorkers(workerInputs(o, items, splits, staging.path), {
      signal: o.signal,
      onImage: progress,
      onSkipped: (split, image) => {
        skipped.push(image);
        progress(split);
      },
    });
    const splitEntries: Manifest['splits'] = {};
    for (const split of splits) {
      const mine = shards.filter((s) => s.split === split).sort((a, b) => a.shard - b.shard);
      const entry: SplitEntry = {
        numImages: mine.reduce((n, s) => n + s.records, 0),
        numImagesPerClass: countPerClass(items[split], classNames.length, skipped),
        shards: mine.map(({ file, records, bytes, sha256 }) => ({ file, records, bytes, sha256 })),
      };
      splitEntries[split] = entry;
    }
    skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest: Manifest = {
      formatVersion: MANIFEST_FORMAT_VERSION,
      datasetName: o.datasetName,
      createdAt: new Date().toISOString(),
      source: { trainDir: o.trainDir, validationDir: o.validationDir ?? null, validationRatio: o.validationRatio, seed: o.seed },
      numClasses: classNames.length,
      classNames,
      labelsFile: LABELS_FILE,
      splits: splitEntries,
      skipped,
    };
    // label.txt line i is the name of label i (the wording; slim's own writes "i:name").
    await writeFileSynced(join(staging.path, LABELS_FILE), classNames.map((n) => `${n}\n`).join(''));
    await writeFileSynced(join(staging.path, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    checkAborted(o.signal);
    const files = splits.flatMap((s) => (splitEntries[s] as SplitEntry).shards.map((e) => e.file));
    await publishStaged(staging, o.outputDir, o.datasetName, [...files, LABELS_FILE, MANIFEST_FILE]);
    return { manifest: { ...manifest, dir: o.outputDir }, skipped };
  } catch (err) {
    await staging.discard();
    throw err;
  }
}
