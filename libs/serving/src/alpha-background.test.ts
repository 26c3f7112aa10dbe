// Export records the alpha background the checkpoint was trained on (or the flag's), in finetune-model.json, the
// contract's InputSpec and model.onnx; what serves the version decodes with it, and an older version means white.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJsonPath } from '@finetune/checkpoint';
import { exportModel } from './export-model';
import { imageToInput } from './image-input';
import { inputSpecMessage } from './input-spec-message';
import { openLocalPredictor } from './local-predictor';
import { MODEL_METADATA_FILE, ONNX_MODEL_FILE, validateMetadata, type ModelMetadata } from './model-metadata';
import { useWasm, writeTinyCheckpoint } from './testing';

const LABELS = ['a', 'b'];
let root: string;
let trainDir: string;
let prefix: string;

beforeAll(async () => {
  await useWasm();
  root = mkdtempSync(path.join(os.tmpdir(), 'serving-alpha-'));
  trainDir = path.join(root, 'train');
  prefix = await writeTinyCheckpoint(trainDir, { step: 1, labels: LABELS, imageSize: 32 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Records `alphaBackground` in the checkpoint's sidecar as training does; undefined removes it (an older sidecar). */
function recordInSidecar(alphaBackground: string | undefined): void {
  const { alphaBackground: _old, ...sidecar } = JSON.parse(readFileSync(metaJsonPath(prefix), 'utf8'));
  writeFileSync(metaJsonPath(prefix), JSON.stringify({ ...sidecar, ...(alphaBackground !== undefined && { alphaBackground }) }));
}

const exportAs = (servedModelName: string, alphaBackground?: string) =>
  exportModel({ trainDir, selection: { kind: 'newest' }, modelName: 'mobilenet_v2', repository: path.join(root, 'models'), servedModelName, alphaBackground });

/** An 8x8 PNG, every pixel fully transparent (stored as opaque-looking green). */
const transparentPng = () => sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 0 } } }).png().toBuffer();

describe('served alpha background', () => {
  it('served alpha background - export records the sidecar’s colour, the flag overrides it, an older sidecar means white', async () => {
    recordInSidecar('#000000');
    const black = await exportAs('black');
    expect(black.metadata.alphaBackground).toBe('#000000');
    expect(JSON.parse(readFileSync(path.join(black.dir, MODEL_METADATA_FILE), 'utf8')).alphaBackground).toBe('#000000');
    expect(inputSpecMessage(black.metadata).alpha_background).toBe('#000000');
    expect(readFileSync(path.join(black.dir, ONNX_MODEL_FILE)).includes('alpha_background')).toBe(true);

    expect((await exportAs('told', 'White')).metadata.alphaBackground).toBe('#ffffff');
    recordInSidecar(undefined);
    expect((await exportAs('old')).metadata.alphaBackground).toBe('#ffffff');
  }, 120_000);

  it('served alpha background - a bad flag names alpha_background, a bad record the sidecar', async () => {
    await expect(exportAs('bad', 'clear')).rejects.toThrow(/^alpha_background: "clear" is not a colour #rrggbb/);
    recordInSidecar('#00000');
    await expect(exportAs('bad')).rejects.toThrow(/^the checkpoint sidecar field alphaBackground: "#00000" is not a colour/);
    recordInSidecar(undefined);
  }, 60_000);

  it('served alpha background - classify decodes with the exported colour; metadata without one is white, a bad one refused', async () => {
    recordInSidecar('#000000');
    const exported = await exportAs('classify-black');
    const local = await openLocalPredictor(exported.dir, { runtime: 'onnx', backend: 'wasm', onnxThreads: 1 });
    try {
      expect(local.alphaBackground).toBe('#000000');
      const input = await imageToInput(await transparentPng(), { size: 8, preprocessing: 'unit', alphaBackground: local.alphaBackground, maxPixels: 1e4, source: 'image' });
      expect(new Set(input)).toEqual(new Set([0]));
    } finally {
      await local.predictor.dispose();
    }
    const white = await imageToInput(await transparentPng(), { size: 8, preprocessing: 'unit', maxPixels: 1e4, source: 'image' });
    expect(new Set(white)).toEqual(new Set([1]));

    const { alphaBackground: _black, ...older } = exported.metadata;
    expect(validateMetadata(older, 'finetune-model.json').alphaBackground).toBeUndefined();
    expect(inputSpecMessage(older as ModelMetadata).alpha_background).toBe('#ffffff');
    expect(() => validateMetadata({ ...older, alphaBackground: 'Black' }, 'm/finetune-model.json')).toThrow(/m\/finetune-model\.json.*field alphaBackground must be a colour in lower-case #rrggbb, not "Black"/);
    recordInSidecar(undefined);
  }, 60_000);
});
