import { describe, expect, it } from 'vitest';
import { UnknownBuiltinError } from '../errors';
import { builtinPaths, isBuiltin, openBuiltin } from './builtin-checkpoint';
import { loadNsfwjsArtifacts } from './nsfwjs-artifacts';

describe('builtin checkpoint', () => {
  it('builtin - recognises builtin: paths and lists the known ones', () => {
    expect(isBuiltin('builtin:inception_v3')).toBe(true);
    expect(isBuiltin('/ckpt/model.ckpt-100')).toBe(false);
    expect(builtinPaths()).toEqual(['builtin:inception_v3', 'builtin:mobilenet_v2']);
  });

  it('builtin - an unknown builtin is an UnknownBuiltinError listing the known ones', async () => {
    const err = await openBuiltin('builtin:resnet_v1_50').catch((e) => e);
    expect(err).toBeInstanceOf(UnknownBuiltinError);
    expect(err.kind).toBe('not-found');
    expect(err.message).toBe('builtin:resnet_v1_50: no such builtin checkpoint; known: builtin:inception_v3, builtin:mobilenet_v2');
    await expect(openBuiltin('builtin:toString')).rejects.toBeInstanceOf(UnknownBuiltinError);
  });

  it('builtin - serves the MobileNetV2 backbone under Slim names, without a head, dequantized', async () => {
    const source = await openBuiltin('builtin:mobilenet_v2');
    expect(source.path).toBe('builtin:mobilenet_v2');
    const entries = source.list();
    expect(entries).toHaveLength(260);
    expect(entries.find((e) => e.name === 'MobilenetV2/Conv/weights')).toEqual({ name: 'MobilenetV2/Conv/weights', shape: [3, 3, 3, 32], dtype: 'float32' });
    expect(entries.find((e) => e.name === 'MobilenetV2/Conv_1/weights')?.shape).toEqual([1, 1, 320, 1280]);
    expect(entries.some((e) => e.name.includes('/Logits/'))).toBe(false);

    // uint8 quantization: every value is min + q * scale for an integer q in [0, 255].
    const spec = loadNsfwjsArtifacts('mobilenet_v2').weightSpecs!.find((s) => s.name === 'Conv1/kernel')!;
    const { min, scale } = spec.quantization as { min: number; scale: number };
    const values = await source.read('MobilenetV2/Conv/weights');
    expect(values).toHaveLength(3 * 3 * 3 * 32);
    const steps = Array.from(values, (v) => (v - min) / scale);
    expect(steps.every((q) => q > -1e-3 && q < 255 + 1e-3 && Math.abs(q - Math.round(q)) < 1e-3)).toBe(true);
    expect(new Set(steps.map(Math.round)).size).toBeGreaterThan(50);
    await expect(source.read('MobilenetV2/Logits/Conv2d_1c_1x1/weights')).rejects.toThrow(/has no variable/);
  });
});
