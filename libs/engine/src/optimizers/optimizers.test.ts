// Each optimizer against TF1's update equations written out in float64 on plain numbers, over several steps.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerName, ParameterHandle } from './optimizer';
import { StateShapeError, UnknownOptimizerError } from './optimizer-errors';
import { getOptimizer, OPTIMIZER_NAMES } from './optimizers-factory';

/** TF1's kernels (training_ops.cc) per element, with the reference's defaults. */
type Reference = (w: number[], g: number[], lr: number, state: Record<string, number[] | number>) => number[];

const zeros = (n: number) => new Array<number>(n).fill(0);
/** --opt_epsilon as the reference's train_image_classifier sets it, passed explicitly (the default is 1e-8). */
const EPS = 1.0;

const references: Record<OptimizerName, Reference> = {
  sgd: (w, g, lr) => w.map((x, i) => x - lr * g[i]!),
  momentum: (w, g, lr, s) => {
    const acc = ((s.acc as number[]) ??= zeros(w.length));
    return w.map((x, i) => x - lr * (acc[i] = 0.9 * acc[i]! + g[i]!));
  },
  rmsprop: (w, g, lr, s) => {
    const ms = ((s.ms as number[]) ??= new Array<number>(w.length).fill(1));
    const mom = ((s.mom as number[]) ??= zeros(w.length));
    return w.map((x, i) => {
      ms[i] = 0.9 * ms[i]! + 0.1 * g[i]! ** 2;
      mom[i] = 0.9 * mom[i]! + (lr * g[i]!) / Math.sqrt(ms[i]! + EPS);
      return x - mom[i]!;
    });
  },
  adam: (w, g, lr, s) => {
    const m = ((s.m as number[]) ??= zeros(w.length));
    const v = ((s.v as number[]) ??= zeros(w.length));
    const t = ((s.t as number) ?? 0) + 1;
    s.t = t;
    const lrT = (lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    return w.map((x, i) => {
      m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * g[i]! ** 2;
      return x - (lrT * m[i]!) / (Math.sqrt(v[i]!) + EPS);
    });
  },
  adagrad: (w, g, lr, s) => {
    const acc = ((s.acc as number[]) ??= new Array<number>(w.length).fill(0.1));
    return w.map((x, i) => x - (lr * g[i]!) / Math.sqrt((acc[i] = acc[i]! + g[i]! ** 2)));
  },
  adadelta: (w, g, lr, s) => {
    const acc = ((s.acc as number[]) ??= zeros(w.length));
    const upd = ((s.upd as number[]) ??= zeros(w.length));
    return w.map((x, i) => {
      acc[i] = 0.95 * acc[i]! + 0.05 * g[i]! ** 2;
      const u = (Math.sqrt(upd[i]! + EPS) / Math.sqrt(acc[i]! + EPS)) * g[i]!;
      upd[i] = 0.95 * upd[i]! + 0.05 * u * u;
      return x - lr * u;
    });
  },
  ftrl: (w, g, lr, s) => {
    const acc = ((s.acc as number[]) ??= new Array<number>(w.length).fill(0.1));
    const lin = ((s.lin as number[]) ??= zeros(w.length));
    return w.map((x, i) => {
      const accNew = acc[i]! + g[i]! ** 2;
      lin[i] = lin[i]! + g[i]! - ((Math.sqrt(accNew) - Math.sqrt(acc[i]!)) / lr) * x;
      acc[i] = accNew;
      const quadratic = Math.sqrt(accNew) / lr;
      return Math.abs(lin[i]!) > 0 ? -lin[i]! / quadratic : 0;
    });
  },
};

function handle(name: string, variable: tf.Variable): ParameterHandle {
  return { name, read: () => variable, write: (value) => variable.assign(value) };
}

const GRADIENTS = [
  [0.5, -1.5, 2.0],
  [-0.25, 0.75, 3.0],
  [1.0, 0.0, -2.0],
  [0.1, -0.2, 0.3],
];

describe('optimizers', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const name of OPTIMIZER_NAMES) {
    it(`optimizers - ${name} follows TF1's update equations over four steps`, () => {
      const start = [0.3, -0.7, 1.1];
      const variable = tf.variable(tf.tensor1d(start));
      const optimizer = getOptimizer(name, { optEpsilon: EPS });
      optimizer.register([handle('Net/Logits/weights', variable)]);
      const state: Record<string, number[] | number> = {};
      let expected = start;
      for (const g of GRADIENTS) {
        const gradient = tf.tensor1d(g);
        optimizer.applyGradients(new Map([['Net/Logits/weights', gradient]]), 0.1);
        gradient.dispose();
        expected = references[name](expected, g, 0.1, state);
        const actual = Array.from(variable.dataSync());
        actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
      }
      optimizer.dispose();
      variable.dispose();
    });
  }

  it('optimizers - state carries TF slot names and survives export and import', () => {
    const variable = tf.variable(tf.tensor1d([1, 2]));
    const first = getOptimizer('adam');
    first.register([handle('A/weights', variable)]);
    const g = tf.tensor1d([0.5, -0.5]);
    first.applyGradients(new Map([['A/weights', g]]), 0.01);
    expect(first.stateNames().sort()).toEqual(['A/weights/Adam', 'A/weights/Adam_1', 'beta1_power', 'beta2_power']);
    const state = first.exportState();
    expect(state.get('beta1_power')?.dataSync()[0]).toBeCloseTo(0.81, 6);

    const second = getOptimizer('adam');
    second.register([handle('A/weights', variable)]);
    expect([...second.importState(state)].sort()).toEqual([...state.keys()].sort());
    const copy = second.exportState();
    for (const [name, value] of state) {
      expect(Array.from(copy.get(name)!.dataSync())).toEqual(Array.from(value.dataSync()));
    }
    const wrong = new Map([['A/weights/Adam', tf.zeros([3])]]);
    expect(() => second.importState(wrong)).toThrow(StateShapeError);
    tf.dispose([...state.values(), ...copy.values(), ...wrong.values(), g, variable]);
    first.dispose();
    second.dispose();
  });

  it('optimizers - rmsprop slots are named RMSProp (ms, starts at 1) and RMSProp_1 (momentum)', () => {
    const variable = tf.variable(tf.tensor1d([1]));
    const optimizer = getOptimizer('rmsprop');
    optimizer.register([handle('W/weights', variable)]);
    const state = optimizer.exportState();
    expect(state.get('W/weights/RMSProp')?.dataSync()[0]).toBe(1);
    expect(state.get('W/weights/RMSProp_1')?.dataSync()[0]).toBe(0);
    tf.dispose([...state.values(), variable]);
    optimizer.dispose();
  });

  it('optimizers - an unknown --optimizer names the allowed values', () => {
    expect(() => getOptimizer('adamw')).toThrow(UnknownOptimizerError);
    expect(() => getOptimizer('constructor')).toThrow(/allowed values: adadelta, adagrad, adam/);
    expect(() => getOptimizer('rmsprop', { rmspropDecay: 1.5 })).toThrow(/--rmsprop_decay=1.5/);
  });
});
