// Original file: proto/grpc/health/v1/health.proto


// Original file: proto/grpc/health/v1/health.proto

/**
 * Whether a service can take calls.
 */
export const _grpc_health_v1_HealthCheckResponse_ServingStatus = {
  /**
   * Status not known yet.
   */
  UNKNOWN: 'UNKNOWN',
  /**
   * Ready to take calls.
   */
  SERVING: 'SERVING',
  /**
   * Up but not taking calls, e.g. while starting or shutting down.
   */
  NOT_SERVING: 'NOT_SERVING',
  /**
   * Used only by Watch: the server does not know the service asked about.
   */
  SERVICE_UNKNOWN: 'SERVICE_UNKNOWN',
} as const;

/**
 * Whether a service can take calls.
 */
export type _grpc_health_v1_HealthCheckResponse_ServingStatus =
  /**
   * Status not known yet.
   */
  | 'UNKNOWN'
  | 0
  /**
   * Ready to take calls.
   */
  | 'SERVING'
  | 1
  /**
   * Up but not taking calls, e.g. while starting or shutting down.
   */
  | 'NOT_SERVING'
  | 2
  /**
   * Used only by Watch: the server does not know the service asked about.
   */
  | 'SERVICE_UNKNOWN'
  | 3

/**
 * Whether a service can take calls.
 */
export type _grpc_health_v1_HealthCheckResponse_ServingStatus__Output = typeof _grpc_health_v1_HealthCheckResponse_ServingStatus[keyof typeof _grpc_health_v1_HealthCheckResponse_ServingStatus]

/**
 * The serving status of the service asked about.
 */
export interface HealthCheckResponse {
  /**
   * The service's current status.
   */
  'status'?: (_grpc_health_v1_HealthCheckResponse_ServingStatus);
}

/**
 * The serving status of the service asked about.
 */
export interface HealthCheckResponse__Output {
  /**
   * The service's current status.
   */
  'status': (_grpc_health_v1_HealthCheckResponse_ServingStatus__Output);
}
