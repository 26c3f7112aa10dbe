// The allowed range of a numeric flag, checked and described in one place: the factories and the flag table share it.

/** Bounds of a value; an open bound excludes itself (`{ min: 0, minOpen: true }` is > 0). */
export interface ValueRange {
  readonly min?: number;
  readonly max?: number;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
}

export const AT_LEAST_ZERO: ValueRange = { min: 0 };
export const ABOVE_ZERO: ValueRange = { min: 0, minOpen: true };
export const AT_MOST_ZERO: ValueRange = { max: 0 };
/** [0, 1): decays, momenta and label smoothing. */
export const UNIT_INTERVAL: ValueRange = { min: 0, max: 1, maxOpen: true };

export function inRange(value: number, r: ValueRange): boolean {
  if (!Number.isFinite(value)) return false;
  if (r.min !== undefined && (r.minOpen ? value <= r.min : value < r.min)) return false;
  if (r.max !== undefined && (r.maxOpen ? value >= r.max : value > r.max)) return false;
  return true;
}

/** `>= 0`, `> 0`, `<= 0` or `in [0, 1)`, for messages and help. */
export function describeRange(r: ValueRange): string {
  if (r.min !== undefined && r.max !== undefined) return `in ${r.minOpen ? '(' : '['}${r.min}, ${r.max}${r.maxOpen ? ')' : ']'}`;
  if (r.min !== undefined) return `${r.minOpen ? '>' : '>='} ${r.min}`;
  if (r.max !== undefined) return `${r.maxOpen ? '<' : '<='} ${r.max}`;
  return '(finite)';
}
