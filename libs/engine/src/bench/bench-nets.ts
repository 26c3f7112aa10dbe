// The zoo as the engine bench runs it: each net at its default size, the scopes of its fine-tuning modes, and the
// batch and rounds that keep the slow nets affordable on two cores.
import type { NetName } from '@finetune/nets';
import { WARM_UP_ROUNDS, type Rounds } from './bench-timing';

export type BenchNet = NetName;

/** Per net: --trainable_scopes of head-only and deeper training, and its rounds. */
interface BenchNetSpec {
  head: string;
  deeper: string;
  /** Images per batch; rounds after `warmUps` untimed ones. */
  rounds: Rounds;
}

// inception_v3's full step at batch 8 takes ~15 s here, resnet_v1_50's ~10 s and vgg_16's more: one timed run each.
const SPECS: Record<BenchNet, BenchNetSpec> = {
  inception_v3: {
    head: 'InceptionV3/Logits,InceptionV3/AuxLogits',
    deeper: 'InceptionV3/Mixed_7c,InceptionV3/Logits,InceptionV3/AuxLogits',
    rounds: { batch: 8, runs: 1, warmUps: WARM_UP_ROUNDS },
  },
  mobilenet_v1: {
    head: 'MobilenetV1/Logits',
    deeper: 'MobilenetV1/Conv2d_13_depthwise,MobilenetV1/Conv2d_13_pointwise,MobilenetV1/Logits',
    rounds: { batch: 32, runs: 2, warmUps: WARM_UP_ROUNDS },
  },
  mobilenet_v2: {
    head: 'MobilenetV2/Logits',
    deeper: 'MobilenetV2/expanded_conv_16,MobilenetV2/Conv_1,MobilenetV2/Logits',
    rounds: { batch: 32, runs: 3, warmUps: WARM_UP_ROUNDS },
  },
  resnet_v1_50: {
    head: 'resnet_v1_50/logits',
    deeper: 'resnet_v1_50/block4,resnet_v1_50/logits',
    rounds: { batch: 8, runs: 1, warmUps: 1 },
  },
  vgg_16: {
    head: 'vgg_16/fc8',
    deeper: 'vgg_16/fc7,vgg_16/fc8',
    rounds: { batch: 8, runs: 1, warmUps: 1 },
  },
};

export const BENCH_NETS = Object.keys(SPECS) as readonly BenchNet[];

export function isBenchNet(name: string): name is BenchNet {
  return Object.hasOwn(SPECS, name);
}

/** --trainable_scopes of a mode; undefined (every layer) for everything. */
export function benchScopes(net: BenchNet, mode: 'head' | 'deeper' | 'everything'): string | undefined {
  return mode === 'everything' ? undefined : SPECS[net][mode];
}

/** The net's rounds with what the run's options override. */
export function benchRounds(net: BenchNet, o: { batch?: number; runs?: number }): Rounds {
  const r = SPECS[net].rounds;
  return { batch: o.batch ?? r.batch, runs: o.runs ?? r.runs, warmUps: r.warmUps };
}
