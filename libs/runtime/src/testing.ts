// Test helpers of the runtime: Prometheus' own linter over a /metrics text, where Debian's `prometheus` is installed,
// and real X.509 certificates made with openssl at test time (nothing downloaded).
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Why promtool tests skip here, or undefined when `promtool` runs. */
export function promtoolMissing(): string | undefined {
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? 'promtool is not installed (Debian: apt-get install prometheus); the metrics lint is skipped' : undefined;
}

/** `promtool check metrics` over an exposition text: its problems, one a line; empty when it passes. */
export function promtoolProblems(metricsText: string): string[] {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: metricsText, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim()).filter(Boolean);
  if (r.status === 0) return [];
  return lines.length > 0 ? lines : [`promtool exited ${r.status} without a message`];
}

export interface TestCertificates {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** Signed by another CA: a server checking client certificates must refuse it. */
  rogueCert: string;
  rogueKey: string;
}

/** Whether openssl is on PATH; tests that need certificates skip with a message without it. */
export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

/** A CA, a server certificate for 127.0.0.1 and localhost, a client certificate, and a rogue client's, as PEM files in `dir`. */
export function makeTestCertificates(dir: string): TestCertificates {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const selfSignedCa = (name: string) =>
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.crt`),
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const signed = (name: string, ca: string, ext: string) => {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
    writeFileSync(file(`${name}.ext`), ext);
    openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${ca}.crt`), '-CAkey', file(`${ca}.key`), '-CAcreateserial', '-days', '2', '-out', file(`${name}.crt`), '-extfile', file(`${name}.ext`));
  };
  selfSignedCa('ca');
  selfSignedCa('rogue-ca');
  signed('server', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  signed('client', 'ca', 'extendedKeyUsage=clientAuth\n');
  signed('rogue', 'rogue-ca', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: file('ca.crt'),
    serverCert: file('server.crt'),
    serverKey: file('server.key'),
    clientCert: file('client.crt'),
    clientKey: file('client.key'),
    rogueCert: file('rogue.crt'),
    rogueKey: file('rogue.key'),
  };
}
