// File names of a V2 tensor bundle: `<prefix>.index` and `<prefix>.data-00000-of-00001`.

export function indexPath(prefix: string): string {
  return `${prefix}.index`;
}

export function dataShardPath(prefix: string, shard: number, numShards: number): string {
  const pad = (n: number) => String(n).padStart(5, '0');
  return `${prefix}.data-${pad(shard)}-of-${pad(numShards)}`;
}

/** Finetune's sidecar with model name, labels and creation time (TF's own `.meta` is a MetaGraphDef). */
export function metaJsonPath(prefix: string): string {
  return `${prefix}.meta.json`;
}
