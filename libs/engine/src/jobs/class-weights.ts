// --class_weights: per-class loss weights from the manifest's per-class counts of the split trained on, so an
// imbalanced folder's small classes count as much as its large ones.
import { join } from 'node:path';
import { MANIFEST_FILE, type LoadedManifest } from '@finetune/datasets';
import { TrainOptionError } from './train-errors';
import type { TrainOptions } from './train-options';

/** The names --class_weights accepts: `none` weighs every example 1, as the reference. */
export type ClassWeighting = 'none' | 'balanced';
export const CLASS_WEIGHTING_CHOICES: readonly ClassWeighting[] = ['none', 'balanced'];
/** --class_weights default: unweighted, the reference's loss. */
export const CLASS_WEIGHTING: ClassWeighting = 'none';

/**
 * sklearn's and Keras's `balanced`: n_samples / (n_classes * count_c), over the classes the split holds, so the
 * weights average 1 over the split's examples and the loss keeps its scale. A class with no example gets 0 (it
 * never appears as a label).
 */
export function balancedClassWeights(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? total / (present * c) : 0));
}

/**
 * The job's per-class weights, one per class of the net (after --labels_offset), or undefined for `none`.
 * A manifest from before per-class counts cannot say how imbalanced it is: it is refused, naming it and how to rebuild it.
 */
export function jobClassWeights(o: Pick<TrainOptions, 'classWeights' | 'datasetSplitName' | 'labelsOffset'>, manifest: LoadedManifest): number[] | undefined {
  if (o.classWeights === 'none') return undefined;
  const counts = manifest.splits[o.datasetSplitName]?.numImagesPerClass;
  if (!counts) {
    const file = join(manifest.dir, MANIFEST_FILE);
    throw new TrainOptionError(
      'class_weights',
      o.classWeights,
      `${file} has no per-class counts (splits.${o.datasetSplitName}.numImagesPerClass); rebuild it with \`${prepareCommand(manifest)}\`, or train with --class_weights none`,
    );
  }
  return balancedClassWeights(counts.slice(o.labelsOffset));
}

/** The `finetune prepare` that rebuilds a dataset from the folders its manifest records, with per-class counts. */
function prepareCommand(m: LoadedManifest): string {
  const validation = m.source.validationDir ? ` -v ${m.source.validationDir}` : m.source.validationRatio > 0 ? ` --validation-ratio ${m.source.validationRatio}` : '';
  return `finetune prepare -t ${m.source.trainDir}${validation} -o ${m.dir} --dataset-name ${m.datasetName} --seed ${m.source.seed} --overwrite`;
}
