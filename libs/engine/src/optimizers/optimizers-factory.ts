// --optimizer -> an optimizer, as TF-Slim's _configure_optimizer; one map, one function.
import { adadeltaRule } from './adadelta';
import { adagradRule } from './adagrad';
import { adamRule } from './adam';
import { ftrlRule } from './ftrl';
import { momentumRule } from './momentum';
import type { OptimizerName, SlimOptimizer } from './optimizer';
import { InvalidOptimizerOptionError, UnknownOptimizerError } from './optimizer-errors';
import { flagName } from '../options/flag-name';
import { describeRange, inRange } from '../options/value-range';
import { defaultOptimizerOptions, OPTIMIZER_OPTIONS, type OptimizerOptions } from './optimizer-options';
import { rmspropRule } from './rmsprop';
import { sgdRule } from './sgd';
import { SlotOptimizer } from './slot-optimizer';
import type { UpdateRule } from './update-rule';

// In the order --optimizer's help lists them: the reference default first.
const optimizers: Record<OptimizerName, (o: OptimizerOptions) => UpdateRule> = {
  rmsprop: (o) => rmspropRule({ decay: o.rmspropDecay, momentum: o.rmspropMomentum, epsilon: o.optEpsilon }),
  adam: (o) => adamRule({ beta1: o.adamBeta1, beta2: o.adamBeta2, epsilon: o.optEpsilon }),
  momentum: (o) => momentumRule(o.momentum),
  sgd: () => sgdRule(),
  adagrad: (o) => adagradRule(o.adagradInitialAccumulatorValue),
  adadelta: (o) => adadeltaRule({ rho: o.adadeltaRho, epsilon: o.optEpsilon }),
  ftrl: (o) =>
    ftrlRule({
      learningRatePower: o.ftrlLearningRatePower,
      initialAccumulatorValue: o.ftrlInitialAccumulatorValue,
      l1: o.ftrlL1,
      l2: o.ftrlL2,
    }),
};

/** The names --optimizer accepts. */
export const OPTIMIZER_NAMES = Object.keys(optimizers) as OptimizerName[];

/** A bad flag fails at start, not as NaN later. */
function validate(o: OptimizerOptions): void {
  for (const key of Object.keys(OPTIMIZER_OPTIONS) as (keyof OptimizerOptions)[]) {
    const { range } = OPTIMIZER_OPTIONS[key];
    if (!Number.isFinite(o[key])) throw new InvalidOptimizerOptionError(flagName(key), o[key], 'must be a finite number');
    if (!inRange(o[key], range)) throw new InvalidOptimizerOptionError(flagName(key), o[key], `must be ${describeRange(range)}`);
  }
}

/** A fresh optimizer (no slots yet) for `name` with the reference's defaults overridden by `options`. */
export function getOptimizer(name: string, options: Partial<OptimizerOptions> = {}): SlimOptimizer {
  const rule = Object.hasOwn(optimizers, name) ? optimizers[name as OptimizerName] : undefined;
  if (!rule) throw new UnknownOptimizerError(name, [...OPTIMIZER_NAMES].sort());
  const resolved = { ...defaultOptimizerOptions(), ...options };
  validate(resolved);
  return new SlotOptimizer(rule(resolved));
}
