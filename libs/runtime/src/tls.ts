// gRPC transport security from three files: a certificate and its key turn TLS on, and a CA makes it mutual
// (a server then requires client certificates it signed; a client checks the server against it).
import { readFileSync } from 'node:fs';
import { credentials, ServerCredentials, type ChannelCredentials } from '@grpc/grpc-js';
import { ConfigError, optionalStringOption } from './config';

export interface TlsFiles {
  /** PEM certificate chain of this process. */
  cert?: string;
  /** PEM private key of `cert`. */
  key?: string;
  /** PEM CA: a server requires and verifies client certificates against it; a client verifies the server. */
  ca?: string;
}

/** The TLS flags every service and gRPC client share; the environment variables are the same for all. */
export const tlsOptions = {
  tlsCert: optionalStringOption({ flag: 'grpc-tls-cert', env: 'FINETUNE_GRPC_TLS_CERT', doc: 'PEM certificate (chain) this process presents; with --grpc-tls-key turns gRPC TLS on. Unset: plaintext.' }),
  tlsKey: optionalStringOption({ flag: 'grpc-tls-key', env: 'FINETUNE_GRPC_TLS_KEY', doc: 'PEM private key of --grpc-tls-cert.' }),
  tlsCa: optionalStringOption({
    flag: 'grpc-tls-ca',
    env: 'FINETUNE_GRPC_TLS_CA',
    doc: 'PEM CA. A server then requires client certificates signed by it (mutual TLS); a client verifies the server with it.',
  }),
};

function read(flag: string, file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(flag, `--${flag} ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give a readable PEM file`);
  }
}

function pair(tls: TlsFiles): { cert?: Buffer; key?: Buffer } {
  if (Boolean(tls.cert) !== Boolean(tls.key)) {
    const missing = tls.cert ? 'grpc-tls-key' : 'grpc-tls-cert';
    throw new ConfigError(missing, `--${missing} is missing: --grpc-tls-cert and --grpc-tls-key go together`);
  }
  return { cert: read('grpc-tls-cert', tls.cert), key: read('grpc-tls-key', tls.key) };
}

/** Plaintext without a certificate; TLS with one; mutual TLS when a CA is given too. */
export function serverCredentials(tls: TlsFiles): ServerCredentials {
  const { cert, key } = pair(tls);
  const ca = read('grpc-tls-ca', tls.ca);
  if (!cert || !key) {
    if (ca) throw new ConfigError('grpc-tls-ca', '--grpc-tls-ca needs --grpc-tls-cert and --grpc-tls-key: a server checks client certificates only over TLS');
    return ServerCredentials.createInsecure();
  }
  return ServerCredentials.createSsl(ca ?? null, [{ cert_chain: cert, private_key: key }], Boolean(ca));
}

/** Plaintext when no file is given; otherwise TLS checked against the CA (or the system's roots), with a client certificate if one is given. */
export function channelCredentials(tls: TlsFiles): ChannelCredentials {
  const { cert, key } = pair(tls);
  const ca = read('grpc-tls-ca', tls.ca);
  if (!ca && !cert) return credentials.createInsecure();
  return credentials.createSsl(ca ?? null, key ?? null, cert ?? null);
}
