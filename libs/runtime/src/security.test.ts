// Transport security against real sockets: gRPC TLS and mutual TLS with certificates made at test time,
// NATS tokens, passwords and TLS against a real nats-server, and the loopback-only default.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { startNatsServer, type NatsServerProcess } from './launch/nats-server';
import { createLogger } from './logger';
import { connectNats } from './nats';
import { startService, type RunningService } from './service';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from './testing';
import { channelCredentials } from './tls';

const contracts = loadContracts();
const log = createLogger({ test: 'security' }, { level: 'error' });
const openssl = hasOpenssl();
if (!openssl) console.warn('security tests skipped: openssl is not installed (apt-get install -y openssl)');
let dir: string;
let certs: TestCertificates;
const stops: Array<() => Promise<void>> = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'security-'));
  if (openssl) certs = makeTestCertificates(dir);
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function serve(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  const service = await startService(
    { name: 'trainer', packageDefinition: loadPackageDefinition(), options: {}, async setup() {
      return { services: { [SERVICE_NAMES.trainer]: {} } };
    } },
    ['--grpc-port=0', '--metrics-port=0', '--log-level=error', ...argv],
    env,
  );
  stops.push(() => service.stop());
  return service;
}
function health(address: string, creds: grpc.ChannelCredentials): Promise<string> {
  const client = new contracts.grpc.health.v1.Health(address, creds);
  return new Promise((resolve) =>
    client.Check({ service: '' }, { deadline: Date.now() + 3_000 }, (err, res) => {
      client.close();
      resolve(err ? grpc.status[err.code]! : String(res!.status));
    }),
  );
}
async function nats(args: string[]): Promise<NatsServerProcess> {
  const server = await startNatsServer({ storeDir: mkdtempSync(path.join(dir, 'nats-')), args });
  stops.push(() => server.stop());
  return server;
}

describe('security', () => {
  it('security - gRPC and /metrics listen on 127.0.0.1 unless told otherwise', async () => {
    const service = await serve([]);
    expect(await health(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure())).toBe('SERVING');
    const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!external) return console.warn('no non-loopback IPv4 address here: only the loopback half was checked');
    expect(await health(`${external}:${service.grpcPort}`, grpc.credentials.createInsecure())).toBe('UNAVAILABLE');
    await expect(fetch(`http://${external}:${service.metricsPort}/metrics`)).rejects.toThrow();
  });

  it.skipIf(!openssl)('security - gRPC over TLS: a client checking the CA gets through, a plaintext one does not', async () => {
    const service = await serve([`--grpc-tls-cert=${certs.serverCert}`, `--grpc-tls-key=${certs.serverKey}`]);
    const address = `127.0.0.1:${service.grpcPort}`;
    expect(await health(address, channelCredentials({ ca: certs.ca }))).toBe('SERVING');
    expect(await health(address, grpc.credentials.createInsecure())).toBe('UNAVAILABLE');
  });

  it.skipIf(!openssl)('security - mutual TLS from environment variables: only a client certificate the CA signed gets through', async () => {
    const service = await serve([], { FINETUNE_GRPC_TLS_CERT: certs.serverCert, FINETUNE_GRPC_TLS_KEY: certs.serverKey, FINETUNE_GRPC_TLS_CA: certs.ca });
    const address = `127.0.0.1:${service.grpcPort}`;
    expect(await health(address, channelCredentials({ ca: certs.ca, cert: certs.clientCert, key: certs.clientKey }))).toBe('SERVING');
    expect(await health(address, channelCredentials({ ca: certs.ca }))).toBe('UNAVAILABLE');
    expect(await health(address, channelCredentials({ ca: certs.ca, cert: certs.rogueCert, key: certs.rogueKey }))).toBe('UNAVAILABLE');
  });

  it('security - a TLS flag without its partner or file is one line naming the flag', async () => {
    await expect(serve(['--grpc-tls-cert=/nowhere/cert.pem'])).rejects.toThrowError(/--grpc-tls-key is missing: --grpc-tls-cert and --grpc-tls-key go together/);
    await expect(serve(['--grpc-tls-cert=/nowhere/cert.pem', '--grpc-tls-key=/nowhere/key.pem'])).rejects.toThrowError(/--grpc-tls-cert \/nowhere\/cert.pem: cannot read it \(ENOENT\)/);
    await expect(serve(['--nats-url=nats://127.0.0.1:1', '--nats-token=a', '--nats-user=u', '--nats-password=p'])).rejects.toThrowError(/--nats-token and --nats-user both given/);
  });

  it('security - NATS with a token or a user and password: refused without, connected with', async () => {
    const withToken = await nats(['--auth', 's3cret']);
    await expect(connectNats(withToken.url, 't', log)).rejects.toThrowError(/cannot reach NATS .*(Authorization|AUTHORIZATION)/i);
    const nc = await connectNats(withToken.url, 't', log, { token: 's3cret' });
    await nc.close();
    const withUser = await nats(['--user', 'trainer', '--pass', 'pw']);
    await expect(connectNats(withUser.url, 't', log, { user: 'trainer', password: 'wrong' })).rejects.toThrowError(/Authorization|AUTHORIZATION/i);
    const nc2 = await connectNats(withUser.url, 't', log, { user: 'trainer', password: 'pw' });
    await nc2.close();
  });

  it.skipIf(!openssl)('security - NATS over mutual TLS: the CA and a client certificate get through, no certificate does not', async () => {
    const server = await nats(['--tls', '--tlscert', certs.serverCert, '--tlskey', certs.serverKey, '--tlsverify', '--tlscacert', certs.ca]);
    const nc = await connectNats(server.url, 't', log, { tlsCa: certs.ca, tlsCert: certs.clientCert, tlsKey: certs.clientKey });
    await nc.jetstreamManager(); // a real round trip over the secured connection
    await nc.close();
    await expect(connectNats(server.url, 't', log, { tlsCa: certs.ca })).rejects.toThrowError(/cannot reach NATS/);
  });
});
