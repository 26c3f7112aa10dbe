// Promise wrappers over generated gRPC clients, so the demo reads as a sequence of steps.
import type * as grpc from '@grpc/grpc-js';
import { describeGrpcError } from '../grpc-client';

type UnaryMethod<Req, Res> = (request: Req, callback: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

export function unary<Req, Res>(address: string, method: UnaryMethod<Req, Res>, request: Req): Promise<Res> {
  return new Promise((resolve, reject) =>
    method(request, (err, res) => (err ? reject(describeGrpcError(err, address)) : resolve(res as Res))),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
