// Places the values of one saved slice into the full tensor of a partitioned variable.
import { numElements } from './dtypes';
import type { SliceExtent } from './tensor-protos';

/** Start and length of each dimension; an empty extent list or a missing length means the full extent. */
export function sliceBounds(fullShape: readonly number[], extents: readonly SliceExtent[]): { start: number; length: number }[] | string {
  if (extents.length === 0) return fullShape.map((d) => ({ start: 0, length: d }));
  if (extents.length !== fullShape.length) return `a ${extents.length}-d slice of a ${fullShape.length}-d tensor`;
  const out: { start: number; length: number }[] = [];
  for (let d = 0; d < fullShape.length; d++) {
    const e = extents[d];
    const start = e.length === undefined ? 0 : e.start;
    const length = e.length === undefined ? fullShape[d] : e.length;
    if (start + length > fullShape[d]) return `slice [${start}, ${start + length}) outside dimension ${d} of size ${fullShape[d]}`;
    out.push({ start, length });
  }
  return out;
}

/** Copies `part` (row-major, shaped by `bounds`) into `full` (row-major, `fullShape`). */
export function copySlice<T extends { [i: number]: unknown; length: number }>(
  full: T,
  fullShape: readonly number[],
  bounds: readonly { start: number; length: number }[],
  part: T,
): void {
  const rank = fullShape.length;
  if (rank === 0) {
    full[0] = part[0];
    return;
  }
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * fullShape[d + 1];
  const inner = bounds[rank - 1].length;
  const rows = numElements(bounds.map((b) => b.length)) / Math.max(inner, 1);
  const index = new Array<number>(rank - 1).fill(0);
  let src = 0;
  for (let row = 0; row < rows && inner > 0; row++) {
    let dst = bounds[rank - 1].start;
    for (let d = 0; d < rank - 1; d++) dst += (bounds[d].start + index[d]) * strides[d];
    for (let i = 0; i < inner; i++) full[dst + i] = part[src + i];
    src += inner;
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d] < bounds[d].length) break;
      index[d] = 0;
    }
  }
}
