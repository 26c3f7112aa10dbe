// Typed errors for the wasm gradient kernels: they name the kernel and the attribute or input at fault.

/** A kernel was called with an input or attribute it cannot use. */
export class KernelArgumentError extends Error {
  override readonly name = 'KernelArgumentError';
  readonly kernel: string;
  readonly field: string;

  constructor(kernel: string, field: string, message: string, options?: ErrorOptions) {
    super(`${kernel}: ${field} ${message}`, options);
    this.kernel = kernel;
    this.field = field;
  }
}
