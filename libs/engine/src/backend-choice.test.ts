import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES, chooseBackend, forcedBackend } from './backend-choice';
import type { BackendLoader, BackendName } from './backend-choice';
import { BackendUnavailableError, NoBackendError, UnknownBackendError } from './backend-errors';
import { backendLoaders } from './backend-loaders';

/** Loaders that succeed only for `available`, recording what was tried. */
function fakeLoaders(available: BackendName[], tried: BackendName[] = []): Record<BackendName, BackendLoader> {
  const entries = BACKEND_NAMES.map((name): [BackendName, BackendLoader] => [name, async () => {
    tried.push(name);
    if (!available.includes(name)) throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
  }]);
  return Object.fromEntries(entries) as Record<BackendName, BackendLoader>;
}

describe('backend choice', () => {
  it('backend choice - tries tensorflow-gpu, tensorflow, wasm, cpu in that order and says why each was skipped', async () => {
    const tried: BackendName[] = [];
    const choice = await chooseBackend({}, fakeLoaders(['wasm', 'cpu'], tried));
    expect(tried).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm']);
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toBe('first that loaded; skipped tensorflow-gpu: not installed (optional dependency); tensorflow: not installed (optional dependency)');
  });

  it('backend choice - FINETUNE_BACKEND forces one backend and nothing else is tried', async () => {
    const tried: BackendName[] = [];
    const choice = await chooseBackend({ FINETUNE_BACKEND: 'cpu' }, fakeLoaders(['tensorflow', 'cpu'], tried));
    expect(tried).toEqual(['cpu']);
    expect(choice).toEqual({ name: 'cpu', reason: 'forced by FINETUNE_BACKEND=cpu' });
  });

  it('backend choice - an unknown FINETUNE_BACKEND names the variable and the allowed values', () => {
    expect(() => forcedBackend({ FINETUNE_BACKEND: 'gpu' })).toThrow(UnknownBackendError);
    expect(() => forcedBackend({ FINETUNE_BACKEND: 'gpu' })).toThrow(
      'FINETUNE_BACKEND="gpu" is not a backend; allowed values: tensorflow-gpu, tensorflow, wasm, cpu',
    );
    expect(forcedBackend({ FINETUNE_BACKEND: ' ' })).toBeUndefined();
  });

  it('backend choice - a forced backend that cannot load says why', async () => {
    const run = chooseBackend({ FINETUNE_BACKEND: 'tensorflow-gpu' }, fakeLoaders(['cpu']));
    await expect(run).rejects.toThrow(BackendUnavailableError);
    await expect(run).rejects.toThrow('FINETUNE_BACKEND=tensorflow-gpu forces the tensorflow-gpu backend, but it cannot be loaded: not installed (optional dependency)');
  });

  it('backend choice - fails with every reason when nothing loads', async () => {
    await expect(chooseBackend({}, fakeLoaders([]))).rejects.toThrow(NoBackendError);
  });

  // tfjs-node is an optional dependency that cannot install here (its install downloads libtensorflow).
  it('backend choice - the real tensorflow loader reports tfjs-node as not installed when it is absent', async () => {
    const run = chooseBackend({ FINETUNE_BACKEND: 'tensorflow' }, backendLoaders);
    await expect(run).rejects.toThrow(/FINETUNE_BACKEND=tensorflow forces the tensorflow backend, but it cannot be loaded: /);
  });
});
