// Runs a model as frozen prefix + trainable suffix: the prefix under tf.tidy without a tape, the suffix for the tape.
import * as tf from '@tensorflow/tfjs';
import { runNodes } from './run-nodes';
import type { BatchMoments } from './batch-norm-training';
import { buildLayerGraph } from './layer-graph';
import { planSplit } from './split-plan';
import type { SplitOptions, SplitPlan } from './split-plan';
import { UnsupportedModelError } from './training-errors';

export class SplitExecutor {
  readonly plan: SplitPlan;

  constructor(
    readonly model: tf.LayersModel,
    isTrained: (weight: tf.LayerVariable) => boolean,
    options: SplitOptions,
  ) {
    if (model.inputs.length !== 1) {
      throw new UnsupportedModelError(model.name, `${model.inputs.length} inputs; an image classifier has one`);
    }
    this.plan = planSplit(buildLayerGraph(model), isTrained, options);
  }

  /** Boundary activations for `images`; the caller owns them. Never recorded by a gradient tape. */
  runFrozen(images: tf.Tensor, record: (m: BatchMoments) => void = disposeMoments): tf.Tensor[] {
    const feeds = new Map([[this.plan.graph.inputs[0]!, images]]);
    return tf.tidy(() => {
      const boundary = runNodes(this.plan.frozen, feeds, this.plan.boundary, { record, disposeEarly: true });
      // A boundary tensor that is the input itself must not be returned as the caller's own tensor.
      return boundary.map((t) => (t === images ? t.clone() : t));
    });
  }

  /**
   * Model outputs (logits first) from boundary activations. Meant to run inside a gradient function, so it
   * leaves disposal to the surrounding tidy.
   */
  runTrainable(boundary: readonly tf.Tensor[], record: (m: BatchMoments) => void = disposeMoments): tf.Tensor[] {
    const feeds = new Map(this.plan.boundary.map((id, i) => [id, boundary[i]!]));
    return runNodes(this.plan.trainable, feeds, this.plan.graph.outputs, {
      record,
      disposeEarly: false,
      tapeForms: true,
    });
  }

  /** Both halves with training=false: what model.predict computes, through the split. The caller owns the outputs. */
  predict(images: tf.Tensor): tf.Tensor[] {
    return tf.tidy(() => {
      const feeds = new Map([[this.plan.graph.inputs[0]!, images]]);
      const boundary = runNodes(this.plan.frozen, feeds, this.plan.boundary, {
        record: disposeMoments,
        disposeEarly: true,
        inferenceOnly: true,
      });
      const suffixFeeds = new Map(this.plan.boundary.map((id, i) => [id, boundary[i]!]));
      return runNodes(this.plan.trainable, suffixFeeds, this.plan.graph.outputs, {
        record: disposeMoments,
        disposeEarly: true,
        inferenceOnly: true,
      });
    });
  }
}

function disposeMoments(m: BatchMoments): void {
  tf.dispose([m.mean, m.variance]);
}
