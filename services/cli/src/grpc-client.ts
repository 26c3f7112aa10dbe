// gRPC clients of the services, for commands given a service address: plain calls with promise results.
import * as grpc from '@grpc/grpc-js';
import { loadContracts } from '@finetune/contracts';
import { channelCredentials, type TlsFiles } from '@finetune/runtime';

export const contracts = loadContracts();

/** Maximum message size, matching the services' default, so large batches and manifests pass. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export const clientOptions: grpc.ClientOptions = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  // Round-robin over every address the name resolves to: a headless Service gives one per replica.
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
};

/**
 * Plaintext unless --grpc-tls-ca (env FINETUNE_GRPC_TLS_CA) names the CA to check the service with; for mutual
 * TLS --grpc-tls-cert and --grpc-tls-key (FINETUNE_GRPC_TLS_CERT, _KEY) are this client's certificate.
 */
export function clientCredentials(tls: { tlsCert?: string; tlsKey?: string; tlsCa?: string }): grpc.ChannelCredentials {
  const files: TlsFiles = { cert: tls.tlsCert, key: tls.tlsKey, ca: tls.tlsCa };
  return channelCredentials(files);
}

/** A gRPC failure as one line: the status name and the server's details. */
export function describeGrpcError(err: grpc.ServiceError, address: string): Error {
  const name = grpc.status[err.code] ?? String(err.code);
  return Object.assign(new Error(`${address}: ${name}: ${err.details || err.message}`), { kind: 'unavailable' });
}
