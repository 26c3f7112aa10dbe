// Builds the net a checkpoint was saved from and restores every variable of it.
import type { CheckpointReader } from '@finetune/checkpoint';
import { readFloat32 } from '@finetune/checkpoint';
import { InvalidNetOptionError, restoreVariables, type CheckpointEntry, type CheckpointSource, type Net, type NetDef } from '@finetune/nets';

/**
 * Channel multipliers of the published MobileNet checkpoints, tried in this order when the checkpoint
 * does not say which one it was saved with (Finetune's meta sidecar does not record it yet).
 */
export const STANDARD_DEPTH_MULTIPLIERS: readonly number[] = [1, 0.35, 0.5, 0.75, 1.3, 1.4, 0.25];

export interface CheckpointNet {
  net: Net;
  depthMultiplier: number;
}

/** A checkpoint reader as the nets library's CheckpointSource. */
export function checkpointSource(reader: CheckpointReader): CheckpointSource {
  return {
    path: reader.path,
    list: () => reader.list().map((v) => ({ name: v.name, shape: v.shape, dtype: v.dtype })),
    read: (name) => readFloat32(reader, name),
  };
}

function fits(net: Net, entries: ReadonlyMap<string, CheckpointEntry>): boolean {
  for (const [name, variable] of net.variables) {
    const entry = entries.get(name);
    if (!entry || entry.shape.length !== variable.shape.length || entry.shape.some((d, i) => d !== variable.shape[i])) return false;
  }
  return true;
}

/**
 * Builds `netDef` with the given depth multiplier, or else the standard one whose variable shapes all
 * match the checkpoint, and restores all variables (none excluded, none missing). When nothing fits,
 * restoring the default build raises the nets library's error naming the first variable that differs.
 */
export async function restoreCheckpointNet(
  netDef: NetDef,
  source: CheckpointSource,
  options: { numClasses: number; imageSize: number; depthMultiplier?: number },
): Promise<CheckpointNet> {
  const build = (depthMultiplier: number) => netDef.build({ numClasses: options.numClasses, imageSize: options.imageSize, depthMultiplier });
  let chosen: CheckpointNet | undefined;
  if (options.depthMultiplier !== undefined) {
    chosen = { net: build(options.depthMultiplier), depthMultiplier: options.depthMultiplier };
  } else {
    const entries = new Map(source.list().map((e) => [e.name, e]));
    for (const depthMultiplier of STANDARD_DEPTH_MULTIPLIERS) {
      let net: Net;
      try {
        net = build(depthMultiplier);
      } catch (err) {
        if (err instanceof InvalidNetOptionError && err.option === 'depthMultiplier') break; // the net has no multiplier
        throw err;
      }
      if (fits(net, entries)) {
        chosen = { net, depthMultiplier };
        break;
      }
      net.model.dispose();
    }
    chosen ??= { net: build(1), depthMultiplier: 1 };
  }
  try {
    await restoreVariables(chosen.net, source, { headScopes: netDef.headScopes });
  } catch (err) {
    chosen.net.model.dispose();
    throw err;
  }
  return chosen;
}
