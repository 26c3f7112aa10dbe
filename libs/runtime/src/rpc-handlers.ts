// Wraps async handlers into grpc-js handlers that answer exactly once, and fills every RPC
// of a service that has no handler with UNIMPLEMENTED, so nothing pretends to work.
import {
  status,
  type ServiceDefinition,
  type UntypedServiceImplementation,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServerDuplexStream,
  type ServerReadableStream,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { toServiceError } from './errors';
import type { Logger } from './logger';

/** A unary RPC: return the response or throw a typed error. */
export type UnaryHandler<Req = any, Res = any> = (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Res>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A server-streaming RPC: write to the call; resolve when done, throw to fail it. */
export type ServerStreamHandler<Req = any, Res = any> = (request: Req, call: ServerWritableStream<Req, Res>) => Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A client-streaming RPC: consume the call, return one response. */
export type ClientStreamHandler<Req = any, Res = any> = (call: ServerReadableStream<Req, Res>) => Promise<Res>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A bidirectional RPC: read and write the call; resolve when done. */
export type BidiHandler<Req = any, Res = any> = (call: ServerDuplexStream<Req, Res>) => Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type AnyHandler = UnaryHandler | ServerStreamHandler | ClientStreamHandler | BidiHandler;
export type Handlers = Record<string, AnyHandler>;

/** Calls in flight, so shutdown can wait for them and end the streams that would never end alone. */
export interface CallTracker {
  begin(cancel: () => void): () => void;
}

export function implementService(
  definition: ServiceDefinition,
  handlers: Handlers,
  deps: { log: Logger; tracker: CallTracker; serviceName: string; onCall?: (method: string, code: status, seconds: number) => void },
): UntypedServiceImplementation {
  const known = new Set(Object.keys(definition));
  for (const name of Object.keys(handlers)) {
    if (!known.has(name)) throw new Error(`${deps.serviceName} has no RPC named ${name}; it has ${[...known].join(', ')}`);
  }
  const impl: UntypedServiceImplementation = {};
  for (const [method, def] of Object.entries(definition)) {
    const handler = handlers[method];
    const fail = (err: unknown) => {
      const e = toServiceError(err);
      if (e.code === status.INTERNAL) deps.log.error(`${method} failed`, { err });
      return e;
    };
    const observe = <T>(run: () => Promise<T>, cancel: () => void): Promise<T> => {
      const started = process.hrtime.bigint();
      const done = deps.tracker.begin(cancel);
      const record = (code: status) => deps.onCall?.(method, code, Number(process.hrtime.bigint() - started) / 1e9);
      return run().then(
        (v) => (record(status.OK), done(), v),
        // The error is converted (and an INTERNAL one logged) here, once; callers send what this rejects with.
        (err) => {
          const e = fail(err);
          record(e.code);
          done();
          return Promise.reject(e);
        },
      );
    };
    if (!handler) {
      impl[method] = ((call: { destroy?: unknown }, callback?: sendUnaryData<unknown>) => {
        const err = { code: status.UNIMPLEMENTED, details: `${deps.serviceName}.${method} is not built yet` };
        if (callback) callback(err);
        else (call as ServerWritableStream<unknown, unknown>).emit('error', err);
      }) as never;
      continue;
    }
    if (!def.requestStream && !def.responseStream) {
      const h = handler as UnaryHandler;
      impl[method] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        observe(() => h(call.request, call), () => undefined).then(
          (res) => callback(null, res),
          (err) => callback(err),
        );
      };
    } else if (!def.requestStream && def.responseStream) {
      const h = handler as ServerStreamHandler;
      impl[method] = (call: ServerWritableStream<unknown, unknown>) => {
        // Not ended from outside on shutdown, which would read OK to a client whose answer never came: the
        // handler finishes its answer or ends with its own status; the grace period bounds it.
        observe(() => h(call.request, call), () => undefined).then(
          () => call.end(),
          (err) => call.emit('error', err),
        );
      };
    } else if (def.requestStream && !def.responseStream) {
      const h = handler as ClientStreamHandler;
      impl[method] = (call: ServerReadableStream<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        observe(() => h(call), () => undefined).then(
          (res) => callback(null, res),
          (err) => callback(err),
        );
      };
    } else {
      const h = handler as BidiHandler;
      impl[method] = (call: ServerDuplexStream<unknown, unknown>) => {
        // Not ended from outside on shutdown: a bidi handler drains on the shutdown signal (stops taking
        // requests, answers those it took) and ends itself; the grace period bounds it.
        observe(() => h(call), () => undefined).then(
          () => call.end(),
          (err) => call.emit('error', err),
        );
      };
    }
  }
  return impl;
}
