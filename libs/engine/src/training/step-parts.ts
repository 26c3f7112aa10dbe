// Where a training step's seconds go on its thread, part by part: what the bench reports as shares of a step.

/** Seconds of one step's parts. */
export interface StepParts {
  /** The frozen prefix's forward pass (or reading its cached output); a feature trainer adds what it waited for ONNX Runtime or its workers. */
  frozenSeconds: number;
  /** The trainable suffix's forward and backward passes, micro-batches summed. */
  trainableSeconds: number;
  /** Weight decay, the finite-loss check, the optimizer and the moving averages. */
  updateSeconds: number;
}

/** Adds the time since the previous lap (or since it was made) to the part named. */
export class StepClock {
  readonly parts: StepParts = { frozenSeconds: 0, trainableSeconds: 0, updateSeconds: 0 };
  private mark = performance.now();

  lap(part: keyof StepParts): void {
    const now = performance.now();
    this.parts[part] += (now - this.mark) / 1000;
    this.mark = now;
  }
}
