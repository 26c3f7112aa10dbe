// The records of each shard as the pipeline first read them, so later epochs can replay ids and labels without
// reading the file again, and the bytes of a few replayed records can be fetched when they are needed after all.
import type { LoadedManifest, ShardEntry, SplitEntry } from '../manifest';
import { type PipelineRecord, readShardExamples } from './example-stream';

export class ShardRecall {
  /** Labels by record index, for each shard read through to its end (a shard left halfway is not known). */
  private readonly labels = new Map<string, Int32Array>();
  /** Records read from shard files, replays excluded: the count a test or bench holds "no reads" against. */
  recordsRead = 0;

  private readonly shards: Map<string, ShardEntry>;

  constructor(private readonly manifest: LoadedManifest, split: SplitEntry) {
    this.shards = new Map(split.shards.map((s) => [s.file, s]));
  }

  /** The shard's records from the file, or with `replay` and the shard known, its ids and labels from memory. */
  async *records(shard: ShardEntry, replay: boolean): AsyncGenerator<PipelineRecord> {
    const known = this.labels.get(shard.file);
    if (replay && known) {
      for (let index = 0; index < known.length; index++) yield { shard: shard.file, index, label: known[index]! };
      return;
    }
    const labels = new Int32Array(shard.records);
    for await (const record of readShardExamples(this.manifest, shard)) {
      this.recordsRead++;
      labels[record.index] = record.label;
      yield record;
    }
    // readShardExamples has checked the count against the manifest: every label is set.
    this.labels.set(shard.file, labels);
  }

  /**
   * `records` with the bytes of the replayed ones filled in, each shard scanned once up to the last index wanted.
   * Rare: only a batch formed before the consumer had all of its examples' features needs it.
   */
  async withBytes<R extends PipelineRecord>(records: readonly R[]): Promise<(R & { encoded: Uint8Array })[]> {
    const wanted = new Map<string, Set<number>>();
    for (const r of records) if (!r.encoded) wanted.set(r.shard, (wanted.get(r.shard) ?? new Set()).add(r.index));
    const bytes = new Map<string, Uint8Array>();
    for (const [file, indices] of wanted) {
      const shard = this.shards.get(file);
      if (!shard) throw new Error(`shard ${file} is not one of the split's in ${this.manifest.dir}`);
      const last = Math.max(...indices);
      for await (const record of readShardExamples(this.manifest, shard)) {
        this.recordsRead++;
        if (indices.has(record.index)) bytes.set(`${file}:${record.index}`, record.encoded!);
        if (record.index === last) break;
      }
    }
    return records.map((r) => ({ ...r, encoded: r.encoded ?? bytes.get(`${r.shard}:${r.index}`) ?? new Uint8Array(0) }));
  }
}
