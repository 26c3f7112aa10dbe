// Seeded randomness for the training distortions, injectable so tests and reruns are deterministic.

/** Returns a uniform number in [0, 1), like Math.random. */
export type Random = () => number;

/** mulberry32: a small 32-bit generator; good enough for crops and flips, not for cryptography. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** tf.random_uniform([], lo, hi) for floats: [lo, hi). */
export function uniform(random: Random, lo: number, hi: number): number {
  return lo + (hi - lo) * random();
}

/** A uniform integer in [lo, hi], both inclusive. */
export function randomInt(random: Random, lo: number, hi: number): number {
  return lo + Math.min(Math.floor(random() * (hi - lo + 1)), hi - lo);
}
