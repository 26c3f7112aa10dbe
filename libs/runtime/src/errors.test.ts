import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { FinetuneError, toServiceError } from './errors';

describe('errors', () => {
  it('errors - maps a typed error kind to its gRPC code and keeps the message for the client', () => {
    expect(toServiceError(new FinetuneError('not-found', 'no job "j1"'))).toMatchObject({ code: status.NOT_FOUND, details: 'no job "j1"' });
    const libError = Object.assign(new Error('scope InceptionV3/Logitz matches nothing'), { kind: 'invalid-argument' });
    expect(toServiceError(libError).code).toBe(status.INVALID_ARGUMENT);
  });

  it('errors - anything untyped is INTERNAL', () => {
    expect(toServiceError(new TypeError('x is undefined')).code).toBe(status.INTERNAL);
    expect(toServiceError('a string').code).toBe(status.INTERNAL);
  });
});
