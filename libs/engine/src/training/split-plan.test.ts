// The split plan of the real nets in head-only mode: the boundary sits after the parameter-free pools.
import * as tf from '@tensorflow/tfjs';
import { getNet, trainableVariables } from '@finetune/nets';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLayerGraph } from './layer-graph';
import { planSplit } from './split-plan';

/** Per-example boundary shapes and the frozen/trainable layer names of `net` with `--trainable_scopes=scopes`. */
function headPlan(netName: string, imageSize: number, scopes: string) {
  const net = getNet(netName).build({ numClasses: 5, imageSize });
  const names = trainableVariables([...net.variables].filter(([, v]) => v.trainable).map(([n]) => n), scopes);
  const trained = new Set(names.map((n) => net.variables.get(n)!));
  const plan = planSplit(buildLayerGraph(net.model), (w) => trained.has(w), { frozenBatchNorm: 'inference' });
  const result = {
    boundary: plan.boundary.map((id) => [plan.graph.names.get(id), plan.graph.shapes.get(id)?.slice(1)]),
    frozen: plan.frozen.map((p) => p.node.layer.name),
    trainable: plan.trainable.map((p) => p.node.layer.name),
  };
  net.model.dispose();
  return result;
}

describe('split plan', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('split plan - inception_v3 head only: the cache holds the pooled 1x1x2048 and 5x5x768 maps, not Mixed_6e', () => {
    const plan = headPlan('inception_v3', 299, 'InceptionV3/Logits,InceptionV3/AuxLogits');
    expect(plan.boundary).toEqual([
      ['InceptionV3/Logits/AvgPool_1a_8x8:0:0', [1, 1, 2048]],
      ['InceptionV3/AuxLogits/AvgPool_1a_5x5:0:0', [5, 5, 768]],
    ]);
    expect(plan.frozen).toContain('InceptionV3/AuxLogits/AvgPool_1a_5x5');
    expect(plan.trainable[0]).toBe('InceptionV3/Logits/Dropout_1b');
    expect(plan.trainable).toContain('InceptionV3/AuxLogits/Conv2d_1b_1x1');
  });

  it('split plan - mobilenet_v2 head only: the cache holds the globally pooled 1x1x1280 features', () => {
    const plan = headPlan('mobilenet_v2', 96, 'MobilenetV2/Logits');
    expect(plan.boundary).toEqual([['MobilenetV2/Logits/AvgPool:0:0', [1, 1, 1280]]]);
  });
});
