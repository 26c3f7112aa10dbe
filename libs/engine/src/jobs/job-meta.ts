// What every checkpoint of a job records about it (the sidecar): the net's build options and label names, so
// evaluation and export rebuild the same net, and the moving averages' decay, so evaluation reads them.
import type { CheckpointMeta } from '@finetune/checkpoint';
import type { LoadedManifest } from '@finetune/datasets';
import { getNet } from '@finetune/nets';
import type { TrainOptions } from './train-options';

/** The sidecar's fields known before the start point is restored (preprocessing and background come from it). */
export function jobMeta(o: TrainOptions, manifest: LoadedManifest, numClasses: number): CheckpointMeta {
  return {
    modelName: o.modelName,
    numClasses,
    labelNames: manifest.classNames.slice(o.labelsOffset),
    imageSize: o.trainImageSize ?? getNet(o.modelName).defaultImageSize,
    ...(o.depthMultiplier !== undefined && { depthMultiplier: o.depthMultiplier }),
    ...(o.movingAverageDecay !== undefined && { movingAverageDecay: o.movingAverageDecay }),
  };
}
