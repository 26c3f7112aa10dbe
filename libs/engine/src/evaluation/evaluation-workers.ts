// Engine workers kept from one evaluation to the next: an evaluator sees checkpoint after checkpoint of the same
// net, so its workers stay and only the weights travel (starting workers costs seconds; a weight copy, milliseconds).
import { createParallelPredictor, type ParallelPredictor } from '../parallel/parallel-predictor';

export interface EvaluationWorkersSpec {
  netName: string;
  netOptions: { numClasses: number; imageSize: number; depthMultiplier?: number };
  workers: number;
  backend: 'wasm' | 'cpu';
}

/** One predictor at a time, for one evaluation at a time (the evaluator's queue runs them in turn). */
export class EvaluationWorkers {
  private current: { key: string; predictor: ParallelPredictor } | undefined;

  /** The workers for `spec` holding `weights`: the ones kept when the net is the same, else new ones. */
  async predictorFor(spec: EvaluationWorkersSpec, weights: ReadonlyMap<string, Float32Array>): Promise<ParallelPredictor> {
    const key = JSON.stringify([spec.netName, spec.netOptions.numClasses, spec.netOptions.imageSize, spec.netOptions.depthMultiplier, spec.workers, spec.backend]);
    if (this.current?.key === key) {
      try {
        await this.current.predictor.load(weights);
        return this.current.predictor;
      } catch {
        // A worker died since the last evaluation: start afresh below.
      }
    }
    await this.close();
    const predictor = await createParallelPredictor({ ...spec, weights });
    this.current = { key, predictor };
    return predictor;
  }

  /** Ends the kept workers; the next predictorFor starts new ones. */
  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.predictor.dispose();
  }
}
