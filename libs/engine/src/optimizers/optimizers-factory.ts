// --optimizer -> an optimizer, as TF-Slim's _configure_optimizer; one map, one function.
import { adadeltaRule } from './adadelta';
import { adagradRule } from './adagrad';
import { adamRule } from './adam';
import { ftrlRule } from './ftrl';
import { momentumRule } from './momentum';
import type { OptimizerName, SlimOptimizer } from './optimizer';
import { InvalidOptimizerOptionError, UnknownOptimizerError } from './optimizer-errors';
import { defaultOptimizerOptions, OPTIMIZER_FLAGS } from './optimizer-options';
import type { OptimizerOptions } from './optimizer-options';
import { rmspropRule } from './rmsprop';
import { sgdRule } from './sgd';
import { SlotOptimizer } from './slot-optimizer';
import type { UpdateRule } from './update-rule';

const optimizers: Record<OptimizerName, (o: OptimizerOptions) => UpdateRule> = {
  adadelta: (o) => adadeltaRule({ rho: o.adadeltaRho, epsilon: o.optEpsilon }),
  adagrad: (o) => adagradRule(o.adagradInitialAccumulatorValue),
  adam: (o) => adamRule({ beta1: o.adamBeta1, beta2: o.adamBeta2, epsilon: o.optEpsilon }),
  ftrl: (o) =>
    ftrlRule({
      learningRatePower: o.ftrlLearningRatePower,
      initialAccumulatorValue: o.ftrlInitialAccumulatorValue,
      l1: o.ftrlL1,
      l2: o.ftrlL2,
    }),
  momentum: (o) => momentumRule(o.momentum),
  rmsprop: (o) => rmspropRule({ decay: o.rmspropDecay, momentum: o.rmspropMomentum, epsilon: o.optEpsilon }),
  sgd: () => sgdRule(),
};

export const OPTIMIZER_NAMES = Object.keys(optimizers) as OptimizerName[];

/** Ranges TF itself enforces (or that make the update meaningless), so a bad flag fails at start, not as NaN later. */
function validate(o: OptimizerOptions): void {
  const check = (key: keyof OptimizerOptions, ok: boolean, why: string) => {
    if (!ok) throw new InvalidOptimizerOptionError(OPTIMIZER_FLAGS[key], o[key], why);
  };
  for (const key of Object.keys(o) as (keyof OptimizerOptions)[]) check(key, Number.isFinite(o[key]), 'must be a finite number');
  check('optEpsilon', o.optEpsilon >= 0, 'must be >= 0');
  for (const key of ['rmspropDecay', 'rmspropMomentum', 'adamBeta1', 'adamBeta2', 'momentum', 'adadeltaRho'] as const) {
    check(key, o[key] >= 0 && o[key] < 1, 'must be in [0, 1)');
  }
  check('adagradInitialAccumulatorValue', o.adagradInitialAccumulatorValue > 0, 'must be > 0');
  check('ftrlInitialAccumulatorValue', o.ftrlInitialAccumulatorValue > 0, 'must be > 0');
  check('ftrlLearningRatePower', o.ftrlLearningRatePower <= 0, 'must be <= 0');
  check('ftrlL1', o.ftrlL1 >= 0, 'must be >= 0');
  check('ftrlL2', o.ftrlL2 >= 0, 'must be >= 0');
}

/** A fresh optimizer (no slots yet) for `name` with the reference's defaults overridden by `options`. */
export function getOptimizer(name: string, options: Partial<OptimizerOptions> = {}): SlimOptimizer {
  const rule = Object.hasOwn(optimizers, name) ? optimizers[name as OptimizerName] : undefined;
  if (!rule) throw new UnknownOptimizerError(name, OPTIMIZER_NAMES);
  const resolved = { ...defaultOptimizerOptions(), ...options };
  validate(resolved);
  return new SlotOptimizer(rule(resolved));
}
