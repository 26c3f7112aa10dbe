// An optimizer that keeps the gradients a training session hands it instead of applying them: how a worker
// runs the engine's own step (micro-batching, split executor, feature cache) and returns gradients only.
import type * as tf from '@tensorflow/tfjs';
import { gradientTensor, type Gradient, type ParameterHandle, type SlimOptimizer } from '../optimizers/optimizer';

export class GradientCapture implements SlimOptimizer {
  readonly name = 'sgd';
  private names: string[] = [];
  private captured: Float32Array[] | null = null;

  register(parameters: readonly ParameterHandle[]): void {
    this.names = parameters.map((p) => p.name);
  }

  /** Copies every gradient out (a parameter without one gets zeros); variables are not touched. */
  applyGradients(gradients: ReadonlyMap<string, Gradient>): void {
    this.captured = this.names.map((name) => {
      const entry = gradients.get(name);
      if (!entry) throw new Error(`internal: the session gave no gradient for ${name}`);
      const { tensor, made } = gradientTensor(entry);
      // A copy: the cpu backend hands out its own storage, and these arrays are transferred to another thread.
      const values = (tensor.dataSync() as Float32Array).slice();
      if (made) tensor.dispose();
      return values;
    });
  }

  /** The last step's gradients in registration order; each step's can be taken once. */
  take(): Float32Array[] {
    const captured = this.captured;
    if (!captured) throw new Error('internal: no gradients were captured; the step did not reach its update');
    this.captured = null;
    return captured;
  }

  get parameterNames(): readonly string[] {
    return this.names;
  }

  stateNames(): string[] {
    return [];
  }

  exportState(): Map<string, tf.Tensor> {
    return new Map();
  }

  importState(): Set<string> {
    return new Set();
  }

  dispose(): void {
    this.captured = null;
  }
}
