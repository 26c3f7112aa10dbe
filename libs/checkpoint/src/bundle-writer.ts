// Writes a TensorFlow V2 tensor bundle (one data shard) that TF's own tools can read, atomically.
import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StagedFile, syncFolder } from '@finetune/runtime/atomic-write';
import { dataShardPath, indexPath } from './bundle-paths';
import { encodeBundleEntry, encodeBundleHeader } from './bundle-protos';
import { crc32c, maskCrc } from '@finetune/tfrecord';
import { type DType, dtypeEnum, isDType, numElements, type TypedArray } from './dtypes';
import { InvalidVariableError } from './errors';
import { compareBytes } from './sstable-format';
import { TableBuilder } from './sstable-builder';
import { encodeStringTensor } from './string-tensor';
import { arrayClassFor, encodeTensorBytes } from './tensor-bytes';

export interface CheckpointVariable {
  name: string;
  dtype: DType;
  shape: readonly number[];
  /** Row-major; the typed array `read` returns for the dtype (half: Float32Array), or strings / bytes. */
  values: TypedArray | readonly string[] | readonly Uint8Array[];
}

export interface BundleWriteOptions {
  /** Extra files (e.g. `<prefix>.meta.json`) made visible after the data and before the `.index`. */
  sidecars?: { path: string; data: Uint8Array | string }[];
}

interface EncodedTensor {
  key: Uint8Array;
  variable: CheckpointVariable;
  bytes: Uint8Array;
  crc: number;
}

function encodeVariable(v: CheckpointVariable): EncodedTensor {
  const bad = (detail: string) => new InvalidVariableError(v.name, detail);
  const key = new TextEncoder().encode(v.name);
  // The empty key holds the header and keys starting with 0 hold slices of partitioned variables.
  if (key.length === 0 || key[0] === 0) throw bad('a variable name must be non-empty and not start with a NUL byte');
  if (!isDType(v.dtype)) throw bad(`unknown dtype ${String(v.dtype)}`);
  if (!v.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw bad(`shape [${v.shape}] must hold non-negative integers`);
  const count = numElements(v.shape);
  if (v.values.length !== count) throw bad(`${v.values.length} values for shape [${v.shape}] (${count} elements)`);
  if (v.dtype === 'string') {
    if (!Array.isArray(v.values)) throw bad('string values must be an array of strings or Uint8Arrays');
    const values = (v.values as readonly (string | Uint8Array)[]).map((s) => (typeof s === 'string' ? new TextEncoder().encode(s) : s));
    if (!values.every((s) => s instanceof Uint8Array)) throw bad('string values must be strings or Uint8Arrays');
    const { bytes, crc } = encodeStringTensor(values);
    return { key, variable: v, bytes, crc: maskCrc(crc) };
  }
  const want = arrayClassFor(v.dtype);
  if (!(v.values instanceof want)) throw bad(`${v.dtype} values must be a ${want.name}`);
  let values = v.values as TypedArray;
  // TF stores bool as one byte 0 or 1; normalise other truthy bytes.
  if (v.dtype === 'bool') values = Uint8Array.from(values as Uint8Array, (b) => (b ? 1 : 0));
  const bytes = encodeTensorBytes(v.dtype, values);
  return { key, variable: v, bytes, crc: maskCrc(crc32c(bytes)) };
}

/** The `.index` table and data-shard chunks of a bundle, without touching the disk. */
export function encodeBundle(variables: readonly CheckpointVariable[]): { index: Uint8Array; data: Uint8Array[] } {
  const tensors = variables.map(encodeVariable).sort((a, b) => compareBytes(a.key, b.key));
  for (let i = 1; i < tensors.length; i++) {
    if (compareBytes(tensors[i - 1].key, tensors[i].key) === 0) throw new InvalidVariableError(tensors[i].variable.name, 'appears twice');
  }
  const table = new TableBuilder();
  table.add(new Uint8Array(0), encodeBundleHeader(1));
  let offset = 0;
  for (const t of tensors) {
    const { dtype, shape } = t.variable;
    table.add(t.key, encodeBundleEntry({ dtype: dtypeEnum(dtype), shape: [...shape], shardId: 0, offset, size: t.bytes.length, crc32c: t.crc }));
    offset += t.bytes.length;
  }
  return { index: table.finish(), data: tensors.map((t) => t.bytes) };
}

/**
 * Writes `<prefix>.index` and `<prefix>.data-00000-of-00001`. Every file is written under a temp name and
 * fsynced; the data shard and sidecars are renamed first and the `.index` last, because the index is what
 * makes a checkpoint visible: a crash at any point leaves either the old state or the complete new one.
 */
export async function writeBundle(prefix: string, variables: readonly CheckpointVariable[], options: BundleWriteOptions = {}): Promise<void> {
  const { index, data } = encodeBundle(variables);
  const files = [
    { path: dataShardPath(prefix, 0, 1), chunks: data },
    ...(options.sidecars ?? []).map((s) => ({ path: s.path, chunks: [typeof s.data === 'string' ? new TextEncoder().encode(s.data) : s.data] })),
    { path: indexPath(prefix), chunks: [index] },
  ];
  const staged: StagedFile[] = [];
  let published = 0;
  try {
    for (const f of files) {
      const file = await StagedFile.open(f.path);
      staged.push(file);
      await file.write(f.chunks);
      await file.seal();
    }
    // Re-saving a prefix: hide the old checkpoint before its data shard is replaced under it.
    await unlink(indexPath(prefix)).catch(() => undefined);
    for (const file of staged) {
      await file.publish({ syncFolder: false });
      published++;
    }
  } catch (err) {
    await Promise.all(staged.slice(published).map((file) => file.discard()));
    throw err;
  }
  await syncFolder(dirname(prefix));
}
