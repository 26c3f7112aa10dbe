// Typed errors of backend selection; each names FINETUNE_BACKEND or the backend at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** FINETUNE_BACKEND holds a name that is not a backend. */
export class UnknownBackendError extends FinetuneError {
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly allowed: readonly string[],
  ) {
    super('invalid-argument', `${variable}=${JSON.stringify(value)} is not a backend; allowed values: ${allowed.join(', ')}`);
  }
}

/** The backend FINETUNE_BACKEND forces could not be loaded. */
export class BackendUnavailableError extends FinetuneError {
  constructor(
    readonly variable: string,
    readonly backend: string,
    readonly why: string,
    options?: ErrorOptions,
  ) {
    super('failed-precondition', `${variable}=${backend} forces the ${backend} backend, but it cannot be loaded: ${why}`, options);
  }
}

/** No backend in the list could be loaded (not even cpu). */
export class NoBackendError extends FinetuneError {
  constructor(readonly why: string) {
    super('failed-precondition', `no compute backend could be loaded: ${why}`);
  }
}

/** initBackend was called again, forcing a different backend than the one already running. */
export class BackendConflictError extends FinetuneError {
  constructor(
    readonly variable: string,
    readonly running: string,
    readonly requested: string,
  ) {
    super('failed-precondition', `${variable}=${requested} but the ${running} backend was already chosen in this process; set it before start`);
  }
}
