// The handler wrapper: a failing RPC is answered once with its status, and an INTERNAL one is logged once.
import { status, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type { Logger } from './logger';
import { implementService } from './rpc-handlers';

function recordingLogger(errors: string[]): Logger {
  const log: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (msg) => void errors.push(msg), child: () => log };
  return log;
}

const definition = { Run: { path: '/t.T/Run', requestStream: false, responseStream: false } } as unknown as ServiceDefinition;

describe('rpc handlers', () => {
  it('rpc handlers - an unexpected error is answered INTERNAL once and logged once', async () => {
    const errors: string[] = [];
    const codes: status[] = [];
    const impl = implementService(
      definition,
      { Run: async () => Promise.reject(new Error('boom')) },
      { log: recordingLogger(errors), tracker: { begin: () => () => {} }, serviceName: 'T', onCall: (_m, code) => void codes.push(code) },
    );
    const answers = await new Promise<Array<ServiceError | null>>((resolve) => {
      const got: Array<ServiceError | null> = [];
      (impl.Run as (call: unknown, cb: (err: ServiceError | null) => void) => void)({ request: {} }, (err) => {
        got.push(err);
        setTimeout(() => resolve(got), 20);
      });
    });
    expect(answers).toHaveLength(1);
    expect(answers[0]?.code).toBe(status.INTERNAL);
    expect(codes).toEqual([status.INTERNAL]);
    expect(errors).toEqual(['Run failed']);
  });
});
