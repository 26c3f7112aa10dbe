// Executes a GeometryPlan on raw RGB pixels in plain JS: the reference for the sharp path, and its fallback.
import type { GeometryPlan } from './geometry-plan';
import type { RawImage } from './raw-image';

/**
 * Bilinear with half-pixel centres and edge clamping (as libvips and TF2's resize do; TF1's
 * align_corners=False mapping is shifted by half a pixel). No antialiasing when shrinking, like TF's
 * resize_bilinear. Only the pixels the crop keeps are computed. Returns crop.width*crop.height*3 bytes.
 */
export function applyGeometryRaw(image: RawImage, plan: GeometryPlan): RawImage {
  const { extract, resize, crop, flip } = plan;
  const out = new Uint8Array(crop.width * crop.height * 3);
  const scaleX = extract.width / resize.width;
  const scaleY = extract.height / resize.height;
  const src = image.data;
  const stride = image.width * 3;
  for (let y = 0; y < crop.height; y++) {
    const sy = clamp((crop.top + y + 0.5) * scaleY - 0.5, 0, extract.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, extract.height - 1);
    const fy = sy - y0;
    const row0 = (extract.top + y0) * stride;
    const row1 = (extract.top + y1) * stride;
    for (let x = 0; x < crop.width; x++) {
      const rx = crop.left + (flip ? crop.width - 1 - x : x);
      const sx = clamp((rx + 0.5) * scaleX - 0.5, 0, extract.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, extract.width - 1);
      const fx = sx - x0;
      const c0 = (extract.left + x0) * 3;
      const c1 = (extract.left + x1) * 3;
      const o = (y * crop.width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = src[row0 + c0 + c] * (1 - fx) + src[row0 + c1 + c] * fx;
        const bottom = src[row1 + c0 + c] * (1 - fx) + src[row1 + c1 + c] * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { data: out, width: crop.width, height: crop.height, channels: 3 };
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}
