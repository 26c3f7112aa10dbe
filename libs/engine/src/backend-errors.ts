// Typed errors of backend selection; each names FINETUNE_BACKEND or the backend at fault.

/** FINETUNE_BACKEND holds a name that is not a backend. */
export class UnknownBackendError extends Error {
  readonly kind = 'invalid-argument';
  override readonly name = 'UnknownBackendError';

  constructor(
    readonly variable: string,
    readonly value: string,
    readonly allowed: readonly string[],
  ) {
    super(`${variable}=${JSON.stringify(value)} is not a backend; allowed values: ${allowed.join(', ')}`);
  }
}

/** The backend FINETUNE_BACKEND forces could not be loaded. */
export class BackendUnavailableError extends Error {
  readonly kind = 'failed-precondition';
  override readonly name = 'BackendUnavailableError';

  constructor(
    readonly variable: string,
    readonly backend: string,
    readonly why: string,
    options?: ErrorOptions,
  ) {
    super(`${variable}=${backend} forces the ${backend} backend, but it cannot be loaded: ${why}`, options);
  }
}

/** No backend in the list could be loaded (not even cpu). */
export class NoBackendError extends Error {
  readonly kind = 'failed-precondition';
  override readonly name = 'NoBackendError';

  constructor(readonly why: string) {
    super(`no compute backend could be loaded: ${why}`);
  }
}

/** initBackend was called again, forcing a different backend than the one already running. */
export class BackendConflictError extends Error {
  readonly kind = 'failed-precondition';
  override readonly name = 'BackendConflictError';

  constructor(
    readonly variable: string,
    readonly running: string,
    readonly requested: string,
  ) {
    super(`${variable}=${requested} but the ${running} backend was already chosen in this process; set it before start`);
  }
}
