// Text like TensorFlow's inspect_checkpoint: one `name (DT_FLOAT) [100,70]` line per variable, values on request.
import type { CheckpointReader } from './checkpoint-reader';
import { numElements, type TensorValues } from './dtypes';

export interface InspectOptions {
  /** Print every tensor's values too (inspect_checkpoint --all_tensors). @default false */
  values: boolean;
  /** Only this variable, with its values (inspect_checkpoint --tensor_name). */
  tensorName: string | undefined;
  /** Above this many elements, show only `edgeItems` at each end of each axis, as numpy does. @default 1000 */
  threshold: number;
  /** @default 3 */
  edgeItems: number;
}

export function defaultInspectOptions(): InspectOptions {
  return { values: false, tensorName: undefined, threshold: 1000, edgeItems: 3 };
}

function formatScalar(v: unknown): string {
  if (typeof v === 'string') return `b${JSON.stringify(v).replace(/^"|"$/g, "'")}`;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)));
  return String(v);
}

/** numpy-style nested brackets; `summarize` elides the middle of long axes with `...`. */
export function formatValues(values: TensorValues, shape: readonly number[], summarize: boolean, edgeItems: number): string {
  const strides = shape.map((_, d) => numElements(shape.slice(d + 1)));
  const walk = (dim: number, offset: number, indent: string): string => {
    if (dim === shape.length) return formatScalar(values[offset]);
    const n = shape[dim];
    const idx = summarize && n > 2 * edgeItems ? [...Array(edgeItems).keys(), -1, ...Array.from({ length: edgeItems }, (_, i) => n - edgeItems + i)] : [...Array(n).keys()];
    const parts = idx.map((i) => (i < 0 ? '...' : walk(dim + 1, offset + i * strides[dim], `${indent} `)));
    const sep = dim === shape.length - 1 ? ' ' : `${'\n'.repeat(shape.length - dim - 1)}${indent} `;
    return `[${parts.join(sep)}]`;
  };
  return walk(0, 0, '');
}

export async function formatInspect(reader: CheckpointReader, options: Partial<InspectOptions> = {}): Promise<string> {
  const opts = { ...defaultInspectOptions(), ...options };
  if (opts.tensorName !== undefined) {
    const info = reader.info(opts.tensorName);
    const values = await reader.read(info.name);
    return `tensor_name:  ${info.name}\n${formatValues(values, info.shape, values.length > opts.threshold, opts.edgeItems)}\n`;
  }
  const lines: string[] = [];
  for (const v of reader.list()) {
    if (!opts.values) {
      lines.push(`${v.name} (${v.tfDtype}) [${v.shape.join(',')}]`);
      continue;
    }
    lines.push(`tensor_name:  ${v.name}`);
    if (v.dtype === 'unsupported') lines.push(`<${v.tfDtype} values not decoded>`);
    else {
      const values = await reader.read(v.name);
      lines.push(formatValues(values, v.shape, values.length > opts.threshold, opts.edgeItems));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
