// TF-Slim MobileNet's channel rounding: depth * multiplier to a multiple of 8, never losing more than 10%.

/** conv_blocks._make_divisible, step for step (int() truncates toward zero, like Math.trunc). */
export function makeDivisible(value: number, divisor: number, minValue = divisor): number {
  let rounded = Math.max(minValue, Math.floor(Math.trunc(value + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * value) rounded += divisor;
  return rounded;
}
