// Original file: proto/grpc/health/v1/health.proto


/**
 * Asks about one service.
 */
export interface HealthCheckRequest {
  /**
   * Fully-qualified service name, e.g. `finetune.trainer.v1.TrainerService`; empty asks about the
   * server as a whole.
   */
  'service'?: (string);
}

/**
 * Asks about one service.
 */
export interface HealthCheckRequest__Output {
  /**
   * Fully-qualified service name, e.g. `finetune.trainer.v1.TrainerService`; empty asks about the
   * server as a whole.
   */
  'service': (string);
}
