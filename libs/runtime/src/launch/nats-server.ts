// Starts a real `nats-server -js` as a child process: for `finetune serve all`, the demo and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { FinetuneError } from '../errors';

export interface NatsServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The nats-server binary: $NATS_SERVER_BIN, else the one on PATH (Debian's package installs it there). */
export function natsServerBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.NATS_SERVER_BIN ?? 'nats-server';
}

/** `args`: more nats-server flags, e.g. `--auth <token>` or `--tls --tlscert … --tlskey …`. */
export async function startNatsServer(options: { storeDir: string; port?: number; host?: string; args?: string[] }): Promise<NatsServerProcess> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  mkdirSync(options.storeDir, { recursive: true });
  const child = spawn(natsServerBinary(), ['-js', '-a', host, '-p', String(port), '-sd', options.storeDir, ...(options.args ?? [])], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `nats://${host}:${port}`;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const fail = (why: string) => reject(new FinetuneError('unavailable', `cannot start nats-server on ${url}: ${why}`));
    child.once('error', (err) => fail(`${err.message} (install it: apt-get install -y nats-server)`));
    child.once('exit', (code) => fail(`exited with code ${code}: ${output.trim().split('\n').pop()}`));
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server is ready')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return { url, port, process: child, stop: () => stopProcess(child) };
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
