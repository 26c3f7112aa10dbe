// Throughput over an interval (since the last report): images/s, seconds per step, share of time waiting for input.

export interface Throughput {
  steps: number;
  images: number;
  seconds: number;
  imagesPerSec: number;
  /** Mean wall-clock seconds per step, input wait included (the reference's sec/step covers the whole step). */
  secsPerStep: number;
  /** Seconds waiting for a batch over wall-clock seconds, in [0, 1]. */
  inputWaitRatio: number;
}

export class ThroughputMeter {
  private steps = 0;
  private images = 0;
  private waitSeconds = 0;
  private started: number;

  constructor(private readonly now: () => number = () => performance.now() / 1000) {
    this.started = now();
  }

  add(images: number, waitSeconds: number): void {
    this.steps++;
    this.images += images;
    this.waitSeconds += waitSeconds;
  }

  /** What the interval measured; `reset` starts the next one. */
  read(reset = true): Throughput {
    const now = this.now();
    const seconds = Math.max(now - this.started, 1e-9);
    const out: Throughput = {
      steps: this.steps,
      images: this.images,
      seconds,
      imagesPerSec: this.images / seconds,
      secsPerStep: this.steps > 0 ? seconds / this.steps : 0,
      inputWaitRatio: Math.min(1, this.waitSeconds / seconds),
    };
    if (reset) {
      this.steps = 0;
      this.images = 0;
      this.waitSeconds = 0;
      this.started = now;
    }
    return out;
  }
}
