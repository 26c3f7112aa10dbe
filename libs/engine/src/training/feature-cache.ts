// Boundary activations of the frozen prefix by example id: in memory up to a byte budget, then in a spill file.
import { tmpdir } from 'node:os';
import { FeatureSpillFile } from './feature-spill-file';
import type { SpillRecord } from './feature-spill-file';

/**
 * Default in-memory budget: mobilenet_v2's head input is 5 KiB per image (~100k images); inception_v3's is 83 KiB
 * (Logits' 2048 pooled features + AuxLogits' pooled 5x5x768 map), so ~6k images before the spill file.
 */
export const FEATURE_CACHE_MEMORY_BYTES = 512 * 1024 * 1024;

export interface FeatureCacheOptions {
  /** Bytes of features held in memory; later entries go to the spill file. @default 512 MiB */
  memoryBudgetBytes?: number;
  /** Where the spill file's temp directory is created. @default os.tmpdir() */
  spillDirectory?: string;
}

type Entry = { kind: 'memory'; arrays: Float32Array[] } | { kind: 'disk'; record: SpillRecord; lengths: number[] };

/**
 * Valid only while the frozen prefix is deterministic and unchanged: the training session refuses it with
 * batch-statistics batch norm and clears it when state is imported. Nothing is evicted: an epoch touches every
 * example, so eviction would only trade memory for re-reads.
 */
export class FeatureCache {
  private readonly entries = new Map<string, Entry>();
  private readonly spill: FeatureSpillFile;
  private readonly budget: number;
  private memoryBytes = 0;

  constructor(options: FeatureCacheOptions = {}) {
    this.budget = options.memoryBudgetBytes ?? FEATURE_CACHE_MEMORY_BYTES;
    this.spill = new FeatureSpillFile(options.spillDirectory ?? tmpdir());
  }

  get size(): number {
    return this.entries.size;
  }

  get bytesInMemory(): number {
    return this.memoryBytes;
  }

  get bytesOnDisk(): number {
    return this.spill.bytes;
  }

  has(exampleId: string): boolean {
    return this.entries.has(exampleId);
  }

  /** Stores copies' ownership: the arrays must not be changed by the caller afterwards. */
  put(exampleId: string, arrays: Float32Array[]): void {
    if (this.entries.has(exampleId)) return;
    const bytes = arrays.reduce((n, a) => n + a.byteLength, 0);
    if (this.memoryBytes + bytes <= this.budget) {
      this.entries.set(exampleId, { kind: 'memory', arrays });
      this.memoryBytes += bytes;
      return;
    }
    const packed = new Uint8Array(bytes);
    let at = 0;
    for (const a of arrays) {
      packed.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += a.byteLength;
    }
    this.entries.set(exampleId, { kind: 'disk', record: this.spill.append(packed), lengths: arrays.map((a) => a.length) });
  }

  get(exampleId: string): Float32Array[] | undefined {
    const entry = this.entries.get(exampleId);
    if (!entry) return undefined;
    if (entry.kind === 'memory') return entry.arrays;
    const bytes = this.spill.read(entry.record);
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    let at = 0;
    return entry.lengths.map((n) => all.subarray(at, (at += n)));
  }

  /** Forgets every entry (the frozen weights changed) and deletes the spill file. */
  clear(): void {
    this.entries.clear();
    this.memoryBytes = 0;
    this.spill.close();
  }

  close(): void {
    this.clear();
  }
}
