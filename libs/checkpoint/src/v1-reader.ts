// Reads a V1 checkpoint (TensorSliceWriter table, as TF-Slim's 2016 `model.ckpt`), one or more shard files.
import type { CheckpointReader, VariableInfo } from './checkpoint-reader';
import { closeNames } from '@finetune/runtime/close-names';
import { type DType, dtypeFromEnum, enumName, numElements, type TensorValues, type TypedArray } from './dtypes';
import { CorruptCheckpointError, NotACheckpointError, UnknownVariableError, UnsupportedCheckpointError } from './errors';
import { tensorNameKeyPrefix } from './ordered-code';
import { ProtoDecodeError } from './proto-wire';
import { openRandomAccess, type RandomAccess } from './random-access';
import { copySlice, sliceBounds } from './slice-assembly';
import { TableReader } from './sstable-reader';
import { tensorProtoValues } from './tensor-proto-values';
import { decodeSavedMeta, decodeSavedSlice, type SavedSliceMeta } from './v1-protos';

interface V1Variable {
  meta: SavedSliceMeta;
  /** Tables (shard files) whose meta lists this tensor. */
  tables: TableReader[];
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

export class V1Reader implements CheckpointReader {
  readonly format = 'v1';
  private readonly infos: VariableInfo[];

  private constructor(
    readonly path: string,
    private readonly tables: TableReader[],
    private readonly variables: Map<string, V1Variable>,
  ) {
    this.infos = [...variables.values()]
      .map(({ meta }) => ({ name: meta.name, dtype: dtypeFromEnum(meta.dtype) ?? ('unsupported' as const), tfDtype: enumName(meta.dtype), shape: meta.shape }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Opens the shard `files` of one V1 checkpoint (a single file for TF-Slim's `model.ckpt`). */
  static async open(path: string, files: readonly string[]): Promise<V1Reader> {
    const tables: TableReader[] = [];
    const variables = new Map<string, V1Variable>();
    try {
      for (const f of files) {
        let file: RandomAccess;
        try {
          file = await openRandomAccess(f);
        } catch (err) {
          throw new NotACheckpointError(f, `cannot open (${(err as NodeJS.ErrnoException).code ?? err})`, { cause: err });
        }
        let table: TableReader;
        try {
          table = await TableReader.open(file);
        } catch (err) {
          await file.close();
          throw err;
        }
        tables.push(table);
        for (const meta of await readMeta(table, f)) {
          const existing = variables.get(meta.name);
          if (existing) existing.tables.push(table);
          else variables.set(meta.name, { meta, tables: [table] });
        }
      }
    } catch (err) {
      await Promise.all(tables.map((t) => t.close()));
      throw err;
    }
    return new V1Reader(path, tables, variables);
  }

  list(): VariableInfo[] {
    return this.infos.map((i) => ({ ...i, shape: [...i.shape] }));
  }

  has(name: string): boolean {
    return this.variables.has(name);
  }

  info(name: string): VariableInfo {
    const { meta } = this.variable(name);
    return { name, dtype: dtypeFromEnum(meta.dtype) ?? 'unsupported', tfDtype: enumName(meta.dtype), shape: [...meta.shape] };
  }

  async read(name: string): Promise<TensorValues> {
    const values = await this.readValues(name);
    return Array.isArray(values) ? values.map((b) => new TextDecoder().decode(b)) : values;
  }

  async readBytes(name: string): Promise<Uint8Array[]> {
    const values = await this.readValues(name);
    if (!Array.isArray(values)) throw new UnsupportedCheckpointError(this.path, `readBytes of non-string variable ${name}`);
    return values;
  }

  async readAll(): Promise<Map<string, TensorValues>> {
    const out = new Map<string, TensorValues>();
    for (const { name, dtype } of this.infos) if (dtype !== 'unsupported') out.set(name, await this.read(name));
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.tables.map((t) => t.close()));
  }

  private variable(name: string): V1Variable {
    const v = this.variables.get(name);
    if (!v) throw new UnknownVariableError(name, closeNames(name, [...this.variables.keys()]), this.path);
    return v;
  }

  /** Finds every saved slice of the tensor by its key prefix and assembles the full tensor. */
  private async readValues(name: string): Promise<TypedArray | Uint8Array[]> {
    const { meta, tables } = this.variable(name);
    const dtype = dtypeFromEnum(meta.dtype);
    if (!dtype) throw new UnsupportedCheckpointError(this.path, `dtype ${enumName(meta.dtype)} of variable ${name}`);
    const total = numElements(meta.shape);
    const prefix = tensorNameKeyPrefix(name);
    let full: TypedArray | Uint8Array[] | undefined;
    let covered = 0;
    // The meta's slices must tile the tensor; checking first keeps a corrupt shape from allocating a huge array.
    const claimed = meta.slices.reduce((sum, extents) => {
      const b = sliceBounds(meta.shape, extents);
      return sum + (typeof b === 'string' ? 0 : numElements(b.map((x) => x.length)));
    }, 0);
    if (claimed !== total) throw new CorruptCheckpointError(tables[0].file.name, name, `the meta's slices cover ${claimed} of ${total} elements`);
    for (const table of tables) {
      const file = table.file.name;
      for await (const { key, value } of table.seek(prefix)) {
        if (!startsWith(key, prefix)) break;
        const values = decodeSlice(file, name, meta.shape, dtype, value);
        // A slice with every element is the whole tensor (TF-Slim's single-slice case).
        if (values.count === total) return values.data;
        full ??= Array.isArray(values.data) ? new Array<Uint8Array>(total) : new (values.data.constructor as new (n: number) => TypedArray)(total);
        copySlice(full, meta.shape, values.bounds, values.data);
        covered += values.count;
      }
    }
    if (!full || covered !== total) {
      throw new CorruptCheckpointError(tables.map((t) => t.file.name).join(', '), name, `saved slices cover ${covered} of ${total} elements`);
    }
    return full;
  }
}

async function readMeta(table: TableReader, file: string): Promise<SavedSliceMeta[]> {
  for await (const { key, value } of table.entries()) {
    if (key.length !== 0) break;
    let meta: SavedSliceMeta[] | undefined;
    try {
      meta = decodeSavedMeta(value);
    } catch (err) {
      if (!(err instanceof ProtoDecodeError)) throw err;
      throw new CorruptCheckpointError(file, undefined, `undecodable SavedTensorSlices meta: ${err.message}`, { cause: err });
    }
    if (!meta) break;
    return meta;
  }
  throw new NotACheckpointError(file, 'the table has no SavedTensorSlices meta under the empty key (a V2 .index or another table)');
}

function decodeSlice(
  file: string,
  name: string,
  shape: number[],
  dtype: DType,
  value: Uint8Array,
): { bounds: { start: number; length: number }[]; count: number; data: TypedArray | Uint8Array[] } {
  const fail = (detail: string, cause?: unknown): never => {
    throw new CorruptCheckpointError(file, name, detail, { cause });
  };
  let saved;
  try {
    saved = decodeSavedSlice(value);
  } catch (err) {
    if (!(err instanceof ProtoDecodeError)) throw err;
    return fail(`undecodable SavedSlice: ${err.message}`, err);
  }
  if (!saved?.data) return fail('a slice entry without data');
  if (saved.name !== name) fail(`slice entry is named ${JSON.stringify(saved.name)}`);
  const bounds = sliceBounds(shape, saved.slice);
  if (typeof bounds === 'string') return fail(bounds);
  const count = numElements(bounds.map((b) => b.length));
  const data = tensorProtoValues(saved.data, dtype, count);
  if (typeof data === 'string') return fail(data);
  return { bounds, count, data };
}
