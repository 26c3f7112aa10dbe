// Which variables --weight_decay applies to, as the Slim arg_scopes set weights_regularizer.

/**
 * Conv and fully-connected `weights` only: never biases or BatchNorm, and never MobileNets'
 * `depthwise_weights` (their arg_scopes set the depthwise regularizer to None).
 */
export function weightDecayVariables(names: readonly string[]): string[] {
  return names.filter((name) => name.endsWith('/weights'));
}
