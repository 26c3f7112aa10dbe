// The split executor against plain tfjs: same forward as model.predict, same gradients as tf over the whole model.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SplitExecutor } from './split-executor';
import type { FrozenBatchNorm } from './split-plan';
import { maxAbsDiff, namesUnder, tinyBatch, tinyNet } from './testing';
import type { TinyNet } from './testing';

const MODES: Record<string, string[]> = {
  head: ['Tiny/Logits', 'Tiny/AuxLogits'],
  deeper: ['Tiny/Conv2d_2_pointwise', 'Tiny/Logits', 'Tiny/AuxLogits'],
  everything: ['Tiny'],
};

function executorFor(net: TinyNet, scopes: string[], frozenBatchNorm: FrozenBatchNorm = 'inference') {
  const trained = [...net.variables.keys()]
    .filter((n) => scopes.includes(n) || namesUnder(net.variables, scopes).includes(n))
    .filter((n) => !/moving_(mean|variance)$/.test(n))
    .map((n) => net.variables.get(n)!);
  const set = new Set(trained);
  return { executor: new SplitExecutor(net.model, (w) => set.has(w), { frozenBatchNorm }), trained };
}

function crossEntropy(logits: tf.Tensor, labels: Int32Array): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, 'int32'), 3), logits) as tf.Scalar;
}

/** Gradients of the split: prefix outside the tape, suffix inside. */
function splitGradients(executor: SplitExecutor, trained: tf.LayerVariable[], images: tf.Tensor, labels: Int32Array) {
  const boundary = executor.runFrozen(images);
  const grads = tf.tidy(() => {
    const xs = trained.map((v) => v.read());
    const out = tf.engine().gradients(() => crossEntropy(executor.runTrainable(boundary)[0]!, labels), xs, undefined, true);
    return out.grads.map((g, i) => g ?? tf.zerosLike(xs[i]!));
  });
  tf.dispose(boundary);
  return grads;
}

/** Gradients by tf.variableGrads over model.apply, frozen variables simply left out of the list. */
function plainGradients(net: TinyNet, trained: tf.LayerVariable[], images: tf.Tensor, labels: Int32Array, training: boolean) {
  return tf.tidy(() => {
    const vars = trained.map((v) => v.read() as tf.Variable);
    const wasTrainable = vars.map((v) => v.trainable);
    vars.forEach((v) => (v.trainable = true));
    const { grads } = tf.variableGrads(() => {
      const out = net.model.apply(images, { training }) as tf.Tensor | tf.Tensor[];
      return crossEntropy(Array.isArray(out) ? out[0]! : out, labels);
    }, vars);
    vars.forEach((v, i) => (v.trainable = wasTrainable[i]!));
    // Variables the loss does not reach (the aux head) get no gradient from tf; the split gives zeros.
    return vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
  });
}

describe('split executor', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const [mode, scopes] of Object.entries(MODES)) {
    it(`split executor - ${mode}: split forward equals model.predict within 1e-5`, () => {
      const net = tinyNet({ auxTower: true, dropoutRate: 0.5 });
      const { executor } = executorFor(net, scopes);
      const { images } = tinyBatch(4, 1);
      const expected = net.model.predict(images) as tf.Tensor[];
      const actual = executor.predict(images);
      expect(actual).toHaveLength(2);
      actual.forEach((t, i) => expect(maxAbsDiff(t, expected[i]!)).toBeLessThan(1e-5));
      tf.dispose([...expected, ...actual, images]);
    });
  }

  it('split executor - head only: boundary is the pooled features, dropout stays in the trained suffix', () => {
    const net = tinyNet({ aux: true });
    const { executor } = executorFor(net, MODES.head!);
    const names = (ids: readonly number[]) => ids.map((id) => executor.plan.graph.names.get(id));
    expect(names(executor.plan.boundary)).toEqual(['Tiny/Logits/Reshape:0:0', 'Tiny/AuxLogits/AvgPool:0:0']);
    expect(executor.plan.trainable.map((p) => p.node.layer.name).sort()).toEqual([
      'Tiny/AuxLogits/Conv2d_2b_1x1',
      'Tiny/AuxLogits/SpatialSqueeze',
      'Tiny/Logits/Conv2d_1c_1x1',
      'Tiny/Logits/Dropout',
      'Tiny/Logits/SpatialSqueeze',
    ]);
    expect(executor.plan.trainable.find((p) => p.node.layer.name === 'Tiny/Logits/Dropout')?.mode).toBe('training');
    expect(executor.plan.frozen.every((p) => p.mode === 'inference')).toBe(true);
    expect(executor.plan.frozenIsDeterministic).toBe(true);
  });

  it('split executor - head only, inception-like AuxLogits: the boundary moves past the parameter-free pool', () => {
    const net = tinyNet({ auxTower: true });
    const { executor } = executorFor(net, MODES.head!);
    const { boundary, graph, frozen, trainable } = executor.plan;
    expect(boundary.map((id) => graph.names.get(id))).toEqual(['Tiny/Logits/Reshape:0:0', 'Tiny/AuxLogits/AvgPool_1a_3x3:0:0']);
    // 3x3x8 per example instead of the 8x8x8 map the pool reads.
    expect(boundary.map((id) => graph.shapes.get(id))).toEqual([
      [null, 1, 1, 8],
      [null, 3, 3, 8],
    ]);
    expect(frozen.map((p) => p.node.layer.name)).toContain('Tiny/AuxLogits/AvgPool_1a_3x3');
    expect(trainable.map((p) => p.node.layer.name)).not.toContain('Tiny/AuxLogits/AvgPool_1a_3x3');
    expect(trainable.find((p) => p.node.layer.name === 'Tiny/AuxLogits/Conv2d_1b_1x1/BatchNorm')?.mode).toBe('batch-norm-update');
  });

  it('split executor - head only, inception-like AuxLogits: aux gradients equal tfjs training the tower on the pooled map', () => {
    // scale=true: tfjs's own BatchNormalization can only train with a gamma, and it is the reference here.
    const net = tinyNet({ auxTower: true, scale: true });
    const { executor } = executorFor(net, MODES.head!);
    const aux = namesUnder(net.variables, ['Tiny/AuxLogits'])
      .filter((n) => !/moving_(mean|variance)$/.test(n))
      .map((n) => net.variables.get(n)!);
    const { images, labels } = tinyBatch(5, 6);
    const boundary = executor.runFrozen(images);
    const ours = tf.tidy(() => {
      const xs = aux.map((v) => v.read());
      return tf.engine().gradients(() => crossEntropy(executor.runTrainable(boundary)[1]!, labels), xs, undefined, true).grads;
    });
    const pooled = net.model.getLayer('Tiny/AuxLogits/AvgPool_1a_3x3').output as tf.SymbolicTensor;
    const prefix = tf.model({ inputs: net.model.inputs, outputs: pooled });
    const tower = ['Conv2d_1b_1x1', 'Conv2d_1b_1x1/BatchNorm', 'Conv2d_1b_1x1/Relu', 'Conv2d_2a_3x3', 'Conv2d_2a_3x3/BatchNorm', 'Conv2d_2a_3x3/Relu', 'Conv2d_2b_1x1', 'SpatialSqueeze'];
    const plain = tf.tidy(() => {
      const x0 = prefix.predict(images) as tf.Tensor;
      const { grads } = tf.variableGrads(() => {
        const x = tower.reduce((x, name) => net.model.getLayer(`Tiny/AuxLogits/${name}`).apply(x, { training: true }) as tf.Tensor, x0);
        return crossEntropy(x, labels);
      }, aux.map((v) => v.read() as tf.Variable));
      return aux.map((v) => grads[(v.read() as tf.Variable).name]!);
    });
    expect(aux).toHaveLength(8);
    ours.forEach((g, i) => expect(maxAbsDiff(g, plain[i]!)).toBeLessThan(1e-5));
    tf.dispose([...boundary, ...ours, ...plain, images]);
  });

  it('split executor - everything: the boundary is the input image', () => {
    const net = tinyNet();
    const { executor } = executorFor(net, MODES.everything!);
    expect(executor.plan.boundary).toEqual(executor.plan.graph.inputs);
    expect(executor.plan.frozen).toHaveLength(0);
  });

  it('split executor - head only: gradients equal tf.variableGrads over the whole model (frozen BN in inference)', () => {
    // scale=true: tfjs's own batch norm cannot be differentiated through without a gamma.
    const net = tinyNet({ aux: true, scale: true });
    const { executor, trained } = executorFor(net, MODES.head!);
    const { images, labels } = tinyBatch(5, 2);
    const ours = splitGradients(executor, trained, images, labels);
    const plain = plainGradients(net, trained, images, labels, false);
    ours.forEach((g, i) => expect(maxAbsDiff(g, plain[i]!)).toBeLessThan(1e-5));
    tf.dispose([...ours, ...plain, images]);
  });

  it('split executor - deeper: gradients equal tfjs running the frozen part in inference and the rest in training', () => {
    // scale=true: tfjs's own BatchNormalization can only train with a gamma, and it is the reference here.
    const net = tinyNet({ scale: true });
    const { executor, trained } = executorFor(net, MODES.deeper!);
    const { images, labels } = tinyBatch(5, 3);
    const ours = splitGradients(executor, trained, images, labels);
    const layer = (name: string) => net.model.getLayer(name);
    const frozenOut = net.model.getLayer('Tiny/Conv2d_2_depthwise/Relu6').output as tf.SymbolicTensor;
    const prefix = tf.model({ inputs: net.model.inputs, outputs: frozenOut });
    const plain = tf.tidy(() => {
      const boundary = prefix.predict(images) as tf.Tensor;
      const { grads } = tf.variableGrads(() => {
        let x = layer('Tiny/Conv2d_2_pointwise').apply(boundary) as tf.Tensor;
        x = layer('Tiny/Conv2d_2_pointwise/BatchNorm').apply(x, { training: true }) as tf.Tensor;
        for (const name of ['Tiny/Conv2d_2_pointwise/Relu', 'Tiny/Logits/AvgPool', 'Tiny/Logits/Reshape', 'Tiny/Logits/Conv2d_1c_1x1', 'Tiny/Logits/SpatialSqueeze']) {
          x = layer(name).apply(x) as tf.Tensor;
        }
        return crossEntropy(x, labels);
      }, trained.map((v) => v.read() as tf.Variable));
      return trained.map((v) => grads[(v.read() as tf.Variable).name]!);
    });
    expect(ours).toHaveLength(plain.length);
    ours.forEach((g, i) => expect(maxAbsDiff(g, plain[i]!)).toBeLessThan(1e-5));
    tf.dispose([...ours, ...plain, images]);
  });

  it("split executor - deeper with 'batch-statistics': gradients equal model.apply(training=true) (the reference's mode)", () => {
    const net = tinyNet({ scale: true });
    const { executor, trained } = executorFor(net, MODES.deeper!, 'batch-statistics');
    expect(executor.plan.frozenIsDeterministic).toBe(false);
    const { images, labels } = tinyBatch(5, 4);
    const ours = splitGradients(executor, trained, images, labels);
    const plain = plainGradients(net, trained, images, labels, true);
    ours.forEach((g, i) => expect(maxAbsDiff(g, plain[i]!)).toBeLessThan(1e-5));
    tf.dispose([...ours, ...plain, images]);
  });

  const gammaModes: Record<string, string[]> = {
    everything: MODES.everything!,
    'conv weights without their batch norm': ['Tiny/Conv2d_2_pointwise/weights', 'Tiny/Logits'],
  };
  for (const [mode, scopes] of Object.entries(gammaModes)) {
    it(`split executor - ${mode}: batch norm without gamma (Slim scale=False) matches a gamma of ones`, () => {
      const withoutGamma = tinyNet({ scale: false, seed: 11 });
      const withGamma = tinyNet({ scale: true, seed: 11 });
      const a = executorFor(withoutGamma, scopes);
      const b = executorFor(withGamma, scopes);
      const { images, labels } = tinyBatch(4, 5);
      const ga = splitGradients(a.executor, a.trained, images, labels);
      const gb = splitGradients(b.executor, b.trained, images, labels);
      const byName = (net: TinyNet, trained: tf.LayerVariable[], grads: tf.Tensor[]) =>
        new Map([...net.variables].filter(([, v]) => trained.includes(v)).map(([n, v]) => [n, grads[trained.indexOf(v)]!]));
      const mapA = byName(withoutGamma, a.trained, ga);
      const mapB = byName(withGamma, b.trained, gb);
      expect(mapA.size).toBeGreaterThan(0);
      for (const [name, g] of mapA) expect(maxAbsDiff(g, mapB.get(name)!), name).toBeLessThan(1e-5);
      tf.dispose([...ga, ...gb, images]);
    });
  }
});
