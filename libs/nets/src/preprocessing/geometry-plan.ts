// The geometric part of preprocessing as data: which region to keep, what size, whether to mirror.

/** A region in integer pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Applied in this order: extract from the source, resize (not aspect-preserving), crop from the resized
 * image, then mirror left-right. Inception uses extract + resize; vgg uses resize + crop.
 */
export interface GeometryPlan {
  extract: Box;
  resize: { width: number; height: number };
  crop: Box;
  flip: boolean;
}

export function wholeImage(width: number, height: number): Box {
  return { left: 0, top: 0, width, height };
}

export function isWhole(box: Box, width: number, height: number): boolean {
  return box.left === 0 && box.top === 0 && box.width === width && box.height === height;
}
