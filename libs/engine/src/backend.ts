// The one place that chooses the compute backend for the process; every service calls initBackend at start.
import { BackendConflictError } from './backend-errors';
import { BACKEND_ENV_VAR, chooseBackend, forcedBackend } from './backend-choice';
import type { BackendChoice, BackendName } from './backend-choice';
import { backendLoaders } from './backend-loaders';

export interface InitBackendOptions {
  /**
   * Environment holding FINETUNE_BACKEND.
   * @default process.env
   */
  env: Readonly<Record<string, string | undefined>>;
}

export function defaultInitBackendOptions(): InitBackendOptions {
  return { env: process.env };
}

let pending: Promise<BackendChoice> | undefined;
let chosen: BackendChoice | undefined;

/**
 * Loads tensorflow-gpu, tensorflow, wasm or cpu (the first that loads, or the one FINETUNE_BACKEND
 * forces), registers the kernels wasm lacks, and returns the choice to log. Later calls return
 * the first choice; a failed call can be retried.
 */
export async function initBackend(options: Partial<InitBackendOptions> = {}): Promise<BackendChoice> {
  const { env } = { ...defaultInitBackendOptions(), ...options };
  const forced = forcedBackend(env);
  pending ??= chooseBackend(env, backendLoaders).then(
    (choice) => (chosen = choice),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  const choice = await pending;
  if (forced !== undefined && forced !== choice.name) throw new BackendConflictError(BACKEND_ENV_VAR, choice.name, forced);
  return choice;
}

/** The backend initBackend chose, or undefined before it has finished. */
export function backendName(): BackendName | undefined {
  return chosen?.name;
}
