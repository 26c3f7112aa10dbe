// How a process proves itself to NATS and protects the connection: a token, a user and password, or a
// creds file (JWT and nkey seed), and TLS with a CA and, for mutual TLS, a client certificate.
import { readFileSync } from 'node:fs';
import { credsAuthenticator, type ConnectionOptions } from 'nats';
import { ConfigError, optionalStringOption } from './config';

export interface NatsSecurity {
  token?: string;
  user?: string;
  password?: string;
  /** A .creds file as `nsc` writes it. */
  creds?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
}

export const natsSecurityOptions = {
  natsToken: optionalStringOption({ flag: 'nats-token', env: 'FINETUNE_NATS_TOKEN', doc: 'Token NATS expects (authorization { token }).' }),
  natsUser: optionalStringOption({ flag: 'nats-user', env: 'FINETUNE_NATS_USER', doc: 'NATS user name; with --nats-password.' }),
  natsPassword: optionalStringOption({ flag: 'nats-password', env: 'FINETUNE_NATS_PASSWORD', doc: 'Password of --nats-user.' }),
  natsCreds: optionalStringOption({ flag: 'nats-creds', env: 'FINETUNE_NATS_CREDS', doc: 'NATS .creds file (user JWT and nkey seed).' }),
  natsTlsCa: optionalStringOption({ flag: 'nats-tls-ca', env: 'FINETUNE_NATS_TLS_CA', doc: 'PEM CA that signed the NATS server certificate; turns TLS on.' }),
  natsTlsCert: optionalStringOption({ flag: 'nats-tls-cert', env: 'FINETUNE_NATS_TLS_CERT', doc: 'PEM client certificate for NATS mutual TLS; with --nats-tls-key.' }),
  natsTlsKey: optionalStringOption({ flag: 'nats-tls-key', env: 'FINETUNE_NATS_TLS_KEY', doc: 'PEM private key of --nats-tls-cert.' }),
};

export function natsSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): NatsSecurity {
  const get = (name: string) => env[name] || undefined;
  return {
    token: get('FINETUNE_NATS_TOKEN'),
    user: get('FINETUNE_NATS_USER'),
    password: get('FINETUNE_NATS_PASSWORD'),
    creds: get('FINETUNE_NATS_CREDS'),
    tlsCa: get('FINETUNE_NATS_TLS_CA'),
    tlsCert: get('FINETUNE_NATS_TLS_CERT'),
    tlsKey: get('FINETUNE_NATS_TLS_KEY'),
  };
}

/** The connect() options for `s`; one bad combination is one ConfigError naming the flag. */
export function natsConnectOptions(s: NatsSecurity): Partial<ConnectionOptions> {
  const ways = [s.token && 'nats-token', (s.user || s.password) && 'nats-user', s.creds && 'nats-creds'].filter(Boolean);
  if (ways.length > 1) throw new ConfigError(String(ways[1]), `--${ways[0]} and --${ways[1]} both given: NATS takes one way to authenticate`);
  if (Boolean(s.user) !== Boolean(s.password)) {
    const missing = s.user ? 'nats-password' : 'nats-user';
    throw new ConfigError(missing, `--${missing} is missing: --nats-user and --nats-password go together`);
  }
  if (Boolean(s.tlsCert) !== Boolean(s.tlsKey)) {
    const missing = s.tlsCert ? 'nats-tls-key' : 'nats-tls-cert';
    throw new ConfigError(missing, `--${missing} is missing: --nats-tls-cert and --nats-tls-key go together`);
  }
  const options: Partial<ConnectionOptions> = {};
  if (s.token) options.token = s.token;
  if (s.user) Object.assign(options, { user: s.user, pass: s.password });
  if (s.creds) {
    let creds: Uint8Array;
    try {
      creds = readFileSync(s.creds);
    } catch (err) {
      throw new ConfigError('nats-creds', `--nats-creds ${s.creds}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the .creds file nsc wrote`);
    }
    options.authenticator = credsAuthenticator(creds);
  }
  if (s.tlsCa || s.tlsCert) {
    for (const [flag, file] of [['nats-tls-ca', s.tlsCa], ['nats-tls-cert', s.tlsCert], ['nats-tls-key', s.tlsKey]] as const) {
      if (file) {
        try {
          readFileSync(file);
        } catch (err) {
          throw new ConfigError(flag, `--${flag} ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give a readable PEM file`);
        }
      }
    }
    options.tls = { ...(s.tlsCa && { caFile: s.tlsCa }), ...(s.tlsCert && { certFile: s.tlsCert, keyFile: s.tlsKey }) };
  }
  return options;
}
