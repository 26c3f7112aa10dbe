// Picks the first compute backend that loads, in the order of the design, or the one forced by FINETUNE_BACKEND.
import { BackendUnavailableError, NoBackendError, UnknownBackendError } from './backend-errors';

/** Backends in order of preference. */
export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The environment variable that forces one backend. */
export const BACKEND_ENV_VAR = 'FINETUNE_BACKEND';

/** Makes one backend the active tfjs backend, or throws saying why it cannot. */
export type BackendLoader = () => Promise<void>;

/** Which backend runs and why, for the start-up log line. */
export interface BackendChoice {
  name: BackendName;
  /** e.g. `forced by FINETUNE_BACKEND=wasm` or `first that loaded; skipped tensorflow-gpu: not installed` */
  reason: string;
}

/** The forced backend in `env`, or undefined when the variable is unset or empty. */
export function forcedBackend(env: Readonly<Record<string, string | undefined>>): BackendName | undefined {
  const raw = env[BACKEND_ENV_VAR]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const name = BACKEND_NAMES.find((candidate) => candidate === raw);
  if (name === undefined) throw new UnknownBackendError(BACKEND_ENV_VAR, raw, BACKEND_NAMES);
  return name;
}

/** Loads the forced backend, or the first of BACKEND_NAMES whose loader succeeds. */
export async function chooseBackend(
  env: Readonly<Record<string, string | undefined>>,
  loaders: Readonly<Record<BackendName, BackendLoader>>,
): Promise<BackendChoice> {
  const forced = forcedBackend(env);
  if (forced !== undefined) {
    try {
      await loaders[forced]();
    } catch (cause) {
      throw new BackendUnavailableError(BACKEND_ENV_VAR, forced, describe(cause), { cause });
    }
    return { name: forced, reason: `forced by ${BACKEND_ENV_VAR}=${forced}` };
  }
  const skipped: string[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      await loaders[name]();
    } catch (cause) {
      skipped.push(`${name}: ${describe(cause)}`);
      continue;
    }
    const reason = skipped.length === 0 ? 'first choice' : `first that loaded; skipped ${skipped.join('; ')}`;
    return { name, reason };
  }
  throw new NoBackendError(skipped.join('; '));
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = 'code' in cause ? cause.code : undefined;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return 'not installed (optional dependency)';
    return cause.message.split('\n')[0] ?? cause.name;
  }
  return String(cause);
}
