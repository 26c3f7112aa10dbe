// Runs one Finetune service as its own process and waits for its "ready" log line to learn its ports.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceKey } from '@finetune/contracts';
import { FinetuneError } from '../errors';
import { stopProcess } from './nats-server';

/** A Finetune service that runs as its own process: every service of the contracts but health, which each one serves. */
export type ServiceName = Exclude<ServiceKey, 'health'>;

/** Workflow order, the order `serve all` starts them in; a Record, so a service added to the contracts needs a place here. */
const WORKFLOW_ORDER: Record<ServiceName, number> = { dataset: 0, trainer: 1, evaluator: 2, exporter: 3, inference: 4 };

/** The services, in workflow order. */
export const SERVICE_NAMES: readonly ServiceName[] = Object.freeze((Object.keys(WORKFLOW_ORDER) as ServiceName[]).sort((a, b) => WORKFLOW_ORDER[a] - WORKFLOW_ORDER[b]));

/** How long a service may take from spawn to "ready" (loading tfjs and weights is the slow part). */
export const SERVICE_START_TIMEOUT_MS = 60_000;

export interface ServiceProcess {
  name: ServiceName;
  grpcPort: number;
  metricsPort: number;
  process: ChildProcess;
  /** Log lines seen so far (JSON objects, or raw text for anything else). */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The repository root, found from this file: services are started from their TypeScript source. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export function serviceEntry(name: ServiceName): string {
  return path.join(REPO_ROOT, 'services', name, 'src', 'main.ts');
}

export async function startServiceProcess(
  name: ServiceName,
  options: { args?: string[]; env?: NodeJS.ProcessEnv; echo?: (line: string) => void } = {},
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serviceEntry(name), ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let buffered = '';
  const ready = new Promise<{ grpcPort: number; metricsPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new FinetuneError('unavailable', `${name} did not become ready in ${SERVICE_START_TIMEOUT_MS} ms`)), SERVICE_START_TIMEOUT_MS);
    child.once('error', (err) => reject(err));
    child.once('exit', (code) => {
      clearTimeout(timer);
      const last = logs.at(-1);
      reject(new FinetuneError('unavailable', `${name} exited with code ${code} before it was ready: ${last ? (last.msg ?? JSON.stringify(last)) : ''}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        options.echo?.(line);
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          entry = { msg: line };
        }
        logs.push(entry);
        if (entry.msg === 'ready') {
          clearTimeout(timer);
          resolve({ grpcPort: Number(entry.grpcPort), metricsPort: Number(entry.metricsPort) });
        }
      }
    });
  });
  try {
    const ports = await ready;
    child.removeAllListeners('exit');
    return { name, ...ports, process: child, logs, stop: () => stopProcess(child) };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
