// Checks NetOptions once, before any weight is allocated, and fills in each net's reference defaults.
import type { NetOptions } from '../net-def';
import { InvalidNetOptionError } from './invalid-net-option-error';

/** What a net accepts, and its reference defaults. */
export interface NetOptionRules {
  net: string;
  defaultImageSize: number;
  /** Smallest square input the architecture can take. */
  minImageSize: number;
  /** The reference's keep probability; null when the net has no dropout (an explicit value is then rejected). */
  defaultDropoutKeepProb: number | null;
  /** Whether the reference net takes a depth_multiplier (an explicit value other than 1 is otherwise rejected). */
  acceptsDepthMultiplier: boolean;
}

export interface ResolvedNetOptions {
  numClasses: number;
  imageSize: number;
  depthMultiplier: number;
  /** 1 when the net has no dropout. */
  dropoutKeepProb: number;
}

export function resolveNetOptions(options: NetOptions, rules: NetOptionRules): ResolvedNetOptions {
  const { net } = rules;
  const { numClasses } = options;
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new InvalidNetOptionError(net, 'numClasses', numClasses, 'must be an integer of at least 1');
  }
  const imageSize = options.imageSize ?? rules.defaultImageSize;
  if (!Number.isInteger(imageSize) || imageSize < rules.minImageSize) {
    throw new InvalidNetOptionError(net, 'imageSize', imageSize, `must be an integer of at least ${rules.minImageSize}`);
  }
  const depthMultiplier = options.depthMultiplier ?? 1;
  if (!rules.acceptsDepthMultiplier && depthMultiplier !== 1) {
    // TF-Slim's nets_factory would fail with an unexpected keyword argument; so do we, rather than ignore it.
    throw new InvalidNetOptionError(net, 'depthMultiplier', depthMultiplier, 'is not an option of this net (it has no channel multiplier)');
  }
  if (!(depthMultiplier > 0) || !Number.isFinite(depthMultiplier)) {
    throw new InvalidNetOptionError(net, 'depthMultiplier', depthMultiplier, 'must be greater than zero (0.25–1.4 for published checkpoints)');
  }
  let dropoutKeepProb = 1;
  if (rules.defaultDropoutKeepProb === null) {
    if (options.dropoutKeepProb !== undefined && options.dropoutKeepProb !== 1) {
      throw new InvalidNetOptionError(net, 'dropoutKeepProb', options.dropoutKeepProb, 'is not an option of this net (it has no dropout)');
    }
  } else {
    dropoutKeepProb = options.dropoutKeepProb ?? rules.defaultDropoutKeepProb;
    if (!(dropoutKeepProb > 0 && dropoutKeepProb <= 1)) {
      throw new InvalidNetOptionError(net, 'dropoutKeepProb', dropoutKeepProb, 'must be in (0, 1]');
    }
  }
  return { numClasses, imageSize, depthMultiplier, dropoutKeepProb };
}
