// Typed errors of the contracts library; each names the thing at fault.

/** A service key or fully-qualified name that the loaded contracts do not define. */
export class UnknownServiceError extends Error {
  readonly service: string;

  constructor(service: string, known: readonly string[], options?: ErrorOptions) {
    super(`unknown gRPC service "${service}"; the contracts define: ${known.join(', ')}`, options);
    this.name = 'UnknownServiceError';
    this.service = service;
  }
}

/** proto-loader-gen-types failed; carries its output so the offending .proto line is visible. */
export class ContractGenerationError extends Error {
  readonly output: string;

  constructor(message: string, output: string, options?: ErrorOptions) {
    super(`${message}\n${output}`.trimEnd(), options);
    this.name = 'ContractGenerationError';
    this.output = output;
  }
}
