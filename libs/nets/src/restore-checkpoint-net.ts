// Builds the net a checkpoint was saved from and restores every variable of it: for evaluation and export.
import type { CheckpointEntry, CheckpointSource } from './checkpoint-source';
import type { Net, NetDef } from './net-def';
import { InvalidNetOptionError } from './nets/invalid-net-option-error';
import { restoreVariables } from './restore';

/**
 * Channel multipliers of the published MobileNet checkpoints, tried in this order when the checkpoint
 * does not say which one it was saved with (TensorFlow's do not; Finetune's meta sidecar does).
 */
export const STANDARD_DEPTH_MULTIPLIERS: readonly number[] = [1, 0.35, 0.5, 0.75, 1.3, 1.4, 0.25];

/** Variable shapes do not depend on the input size, so candidates are probed as small as each net allows. */
const PROBE_IMAGE_SIZES: Record<string, number> = { inception_v3: 107, mobilenet_v1: 32, mobilenet_v2: 32 };

export interface CheckpointNet {
  net: Net;
  depthMultiplier: number;
}

function fits(net: Net, entries: ReadonlyMap<string, CheckpointEntry>): boolean {
  for (const [name, variable] of net.variables) {
    const entry = entries.get(name);
    if (!entry || entry.shape.length !== variable.shape.length || entry.shape.some((d, i) => d !== variable.shape[i])) return false;
  }
  return true;
}

/** The given multiplier, else the standard one whose variable shapes all match the checkpoint, else 1. */
function resolveDepthMultiplier(netDef: NetDef, source: CheckpointSource, numClasses: number): number {
  const entries = new Map(source.list().map((e) => [e.name, e]));
  // 1.0 last: a net without a multiplier refuses the first other value before allocating any weight,
  // so vgg_16 is never built just to be probed. Only one multiplier can fit, so the order is free.
  const candidates = [...STANDARD_DEPTH_MULTIPLIERS.filter((m) => m !== 1), 1];
  for (const depthMultiplier of candidates) {
    let net: Net;
    try {
      net = netDef.build({ numClasses, imageSize: PROBE_IMAGE_SIZES[netDef.name] ?? netDef.defaultImageSize, depthMultiplier });
    } catch (err) {
      if (err instanceof InvalidNetOptionError && err.option === 'depthMultiplier') return 1; // the net has no multiplier
      throw err;
    }
    const ok = fits(net, entries);
    net.model.dispose();
    if (ok) return depthMultiplier;
  }
  return 1; // restoring then names the first variable that differs
}

/**
 * Builds `netDef` at `imageSize` with the given depth multiplier (or the standard one that fits the
 * checkpoint) and restores all its variables: none excluded, none missing.
 */
export async function restoreCheckpointNet(
  netDef: NetDef,
  source: CheckpointSource,
  options: { numClasses: number; imageSize: number; depthMultiplier?: number },
): Promise<CheckpointNet> {
  const depthMultiplier = options.depthMultiplier ?? resolveDepthMultiplier(netDef, source, options.numClasses);
  const net = netDef.build({ numClasses: options.numClasses, imageSize: options.imageSize, ...(depthMultiplier !== 1 ? { depthMultiplier } : {}) });
  try {
    await restoreVariables(net, source, { headScopes: netDef.headScopes });
  } catch (err) {
    net.model.dispose();
    throw err;
  }
  return { net, depthMultiplier };
}
