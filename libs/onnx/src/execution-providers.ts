// Which ONNX Runtime execution providers this host has: CUDA where its provider library was installed
// (`ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node`), always the CPU build bundled in the package.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const CUDA_PROVIDER_LIBRARY = 'libonnxruntime_providers_cuda.so';

let cached: ('cuda' | 'cpu')[] | undefined;

/** ['cuda', 'cpu'] where the CUDA provider library sits beside the binding (ORT falls back per node), else ['cpu']. */
export function onnxExecutionProviders(): ('cuda' | 'cpu')[] {
  if (cached) return cached;
  let hasCuda = false;
  try {
    const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node')), '..', 'bin');
    for (const napi of readdirSync(bin)) {
      if (existsSync(path.join(bin, napi, process.platform, process.arch, CUDA_PROVIDER_LIBRARY))) hasCuda = true;
    }
  } catch {
    hasCuda = false; // no bin folder to look in: the CPU build only
  }
  cached = hasCuda ? ['cuda', 'cpu'] : ['cpu'];
  return cached;
}
