// The PyTorch peer of the benchmarks: /work/shared/bench/torch_peer.py on the same shapes, where Debian's python3-torch is installed.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const TORCH_PEER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/bench/torch_peer.py');
/** The zoo's nets torch_peer.py builds (torchvision's names); vgg_16 through EXTRA_NETS; mobilenet_v1 is not in torchvision. */
const TORCH_NAMES: Record<string, string> = { mobilenet_v2: 'mobilenet_v2', inception_v3: 'inception_v3', resnet_v1_50: 'resnet50', vgg_16: 'vgg16' };
/**
 * torchvision nets torch_peer.py (shared, read-only) does not build: its main() run with a build() that knows them
 * too, so timing, optimizer and head replacement stay the script's own. VGG's head is classifier[6].
 */
const EXTRA_NETS = `
import runpy, sys, torchvision
sys.argv = sys.argv[1:]
peer = runpy.run_path(sys.argv[0], run_name='torch_peer')
known = peer['build']
def build(name):
    if name == 'vgg16':
        return torchvision.models.vgg16(), 224, ('classifier', 6)
    return known(name)
peer['main'].__globals__['build'] = build
peer['main']()
`;

export function hasTorchPeer(net: string): boolean {
  return Object.hasOwn(TORCH_NAMES, net);
}

export type TorchMode = 'infer' | 'full' | 'head';
export type TorchFigures = Partial<Record<TorchMode, number>>;

export async function torchAvailable(): Promise<boolean> {
  if (!existsSync(TORCH_PEER)) return false;
  try {
    await run(PYTHON, ['-c', 'import torch, torchvision']);
    return true;
  } catch {
    return false;
  }
}

/** Median images/s of torch_peer.py per mode (random weights, 2 threads). */
export async function torchPeer(net: string, batch: number, runs: number, modes: readonly TorchMode[] = ['infer', 'full', 'head']): Promise<TorchFigures> {
  const figures: TorchFigures = {};
  for (const mode of modes) {
    const env = { ...process.env, BATCH: String(batch), RUNS: String(runs), WARMUP: '1', THREADS: '2' };
    const name = TORCH_NAMES[net];
    if (!name) throw new Error(`torch_peer.py has no ${net}; it knows ${Object.values(TORCH_NAMES).join(', ')}`);
    // After -c, argv is ['-c', script, net, mode]: EXTRA_NETS drops the '-c' before torch_peer.py reads it.
    const { stdout } = await run(PYTHON, ['-c', EXTRA_NETS, TORCH_PEER, name, mode], { env, maxBuffer: 1 << 20 });
    const line = stdout.trim().split('\n').pop() ?? '{}';
    figures[mode] = (JSON.parse(line) as { images_per_s?: number }).images_per_s;
  }
  return figures;
}
