// The zoo: one record per model name users type (TF-Slim's nets_factory), looked up by one function.
import { UnknownModelError } from './errors';
import type { NetDef, NetName } from './net-def';
import { inceptionV3 } from './nets/inception-v3';
import { mobilenetV1 } from './nets/mobilenet-v1';
import { mobilenetV2 } from './nets/mobilenet-v2';
import { resnetV1_50 } from './nets/resnet-v1-50';
import { vgg16 } from './nets/vgg-16';

const nets: Record<NetName, NetDef> = {
  inception_v3: inceptionV3,
  mobilenet_v1: mobilenetV1,
  mobilenet_v2: mobilenetV2,
  resnet_v1_50: resnetV1_50,
  vgg_16: vgg16,
};

/** Model names in the zoo, in a stable order for messages and tests. */
export function netNames(): NetName[] {
  return (Object.keys(nets) as NetName[]).sort();
}

/** The net for `--model_name`; an unknown name is an UnknownModelError listing the known ones. */
export function getNet(name: string): NetDef {
  const net = Object.hasOwn(nets, name) ? nets[name as NetName] : undefined;
  if (!net) throw new UnknownModelError(name, netNames());
  return net;
}
