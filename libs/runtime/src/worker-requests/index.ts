// Request/reply over worker_threads, imported as @finetune/runtime/worker-requests by libraries that must not
// load the service runtime: the engine's net workers, serving's model workers, the input pipeline's batch workers.
export { toRemoteError, type RemoteError, type WorkerEnvelope, type WorkerReply } from './messages';
export { serveRequests, type Answer } from './serve-requests';
export { WorkerRequester, type WorkerEnd, type WorkerRequesterOptions } from './worker-requester';
