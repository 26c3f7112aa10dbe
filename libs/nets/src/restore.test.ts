import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClassCountMismatchError, MissingVariablesError, ShapeMismatchError, UnknownScopeError } from './errors';
import type { Net } from './net-def';
import { mobilenetV2 } from './nets/mobilenet-v2';
import { restoreVariables } from './restore';
import { fakeCheckpoint, useWasm } from './testing';

const HEAD = mobilenetV2.headScopes;
const small = (numClasses: number, depthMultiplier = 0.35) => mobilenetV2.build({ numClasses, depthMultiplier, imageSize: 32 });

/** A net's variables as an in-memory checkpoint. */
function checkpointOf(net: Net, drop: (name: string) => boolean = () => false) {
  const vars: Record<string, [number[], Float32Array]> = {};
  for (const [name, v] of net.variables) {
    if (!drop(name)) vars[name] = [v.shape as number[], v.read().dataSync() as Float32Array];
  }
  return fakeCheckpoint(vars);
}

function values(net: Net, name: string): Float32Array {
  return net.variables.get(name)!.read().dataSync() as Float32Array;
}

/** Bytewise equality; vitest's toEqual walks typed arrays element by element, far too slowly here. */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('restore', () => {
  beforeAll(useWasm);

  it('restore - copies every unexcluded variable and reports the excluded ones as initialised', async () => {
    const source = small(5);
    const target = small(3);
    const result = await restoreVariables(target, checkpointOf(source), { excludeScopes: 'MobilenetV2/Logits', headScopes: HEAD });
    expect(result.initialised).toEqual(['MobilenetV2/Logits/Conv2d_1c_1x1/weights', 'MobilenetV2/Logits/Conv2d_1c_1x1/biases']);
    expect(result.restored).toHaveLength(target.variables.size - 2);
    const differing = result.restored.filter((name) => !sameValues(values(target, name), values(source, name)));
    expect(differing).toEqual([]);
    // The features now agree; the temporary tensors written from were disposed without losing the values.
    const x = tf.randomUniform([1, 32, 32, 3], -1, 1);
    const features = (n: Net) => tf.model({ inputs: n.model.inputs, outputs: n.endPoints.global_pool }).predict(x) as tf.Tensor;
    expect(features(target).sub(features(source)).abs().max().dataSync()[0]).toBe(0);
  });

  it('restore - a different class count in an unexcluded head suggests excluding the head scopes', async () => {
    const err = await restoreVariables(small(3), checkpointOf(small(5)), { headScopes: HEAD }).catch((e) => e);
    expect(err).toBeInstanceOf(ClassCountMismatchError);
    expect(err.variable).toBe('MobilenetV2/Logits/Conv2d_1c_1x1/weights');
    expect(err.message).toContain('the checkpoint has 5 classes and the net 3');
    expect(err.message).toContain('--checkpoint_exclude_scopes=MobilenetV2/Logits');
  });

  it('restore - a backbone shape mismatch names the variable and writes nothing', async () => {
    const target = small(3, 0.35);
    const before = values(target, 'MobilenetV2/Conv/weights').slice();
    const err = await restoreVariables(target, checkpointOf(small(3, 0.75)), { excludeScopes: HEAD }).catch((e) => e);
    expect(err).toBeInstanceOf(ShapeMismatchError);
    expect(err).not.toBeInstanceOf(ClassCountMismatchError);
    expect(err.message).toMatch(/^MobilenetV2\/Conv\/weights: checkpoint shape \[3,3,3,24\] differs from the net's \[3,3,3,16\]/);
    expect(sameValues(values(target, 'MobilenetV2/Conv/weights'), before)).toBe(true);
  });

  it('restore - variables missing from the checkpoint fail unless excluded or ignoreMissingVars', async () => {
    const backboneOnly = checkpointOf(small(3), (n) => n.startsWith('MobilenetV2/Logits'));
    const err = await restoreVariables(small(3), backboneOnly, { headScopes: HEAD }).catch((e) => e);
    expect(err).toBeInstanceOf(MissingVariablesError);
    expect(err.message).toContain('fake.ckpt lacks variables of the net: MobilenetV2/Logits/Conv2d_1c_1x1/weights');
    expect(err.message).toContain('--checkpoint_exclude_scopes=MobilenetV2/Logits');
    const result = await restoreVariables(small(3), backboneOnly, { ignoreMissingVars: true });
    expect(result.initialised).toHaveLength(2);
  });

  it('restore - a variable stored with another dtype is refused by name', async () => {
    const net = small(3);
    const source = checkpointOf(net);
    const list = source.list().map((e) => (e.name === 'MobilenetV2/Conv/weights' ? { ...e, dtype: 'float16' } : e));
    const err = await restoreVariables(net, { ...source, list: () => list }).catch((e) => e);
    expect(err.message).toBe("MobilenetV2/Conv/weights: fake.ckpt stores it as float16; the net's variables are float32");
  });

  it('restore - an exclude scope that matches nothing is an UnknownScopeError', async () => {
    const err = await restoreVariables(small(3), checkpointOf(small(3)), { excludeScopes: 'InceptionV3/Logits' }).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownScopeError);
    expect(err.message).toContain('MobilenetV2/Logits');
  });
});
