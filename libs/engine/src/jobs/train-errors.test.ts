// A wasm heap running out mid-step is told apart from other failures and reported as what to make smaller.
import { describe, expect, it } from 'vitest';
import { WorkerTaskError } from '../parallel/parallel-errors';
import { isWasmMemoryFailure, TrainingMemoryError } from './train-errors';

// The runtime's own error class (the project's TypeScript libs declare no WebAssembly globals).
const { RuntimeError } = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly;

describe('train errors', () => {
  it("train errors - the wasm runtime's out-of-memory failures, here or in a worker, and nothing else", () => {
    const abort = new RuntimeError('memory access out of bounds');
    expect(isWasmMemoryFailure(abort)).toBe(true);
    expect(isWasmMemoryFailure(new RuntimeError('Aborted(). Build with -sASSERTIONS for more info.'))).toBe(true);
    expect(isWasmMemoryFailure(new WorkerTaskError(1, 'train-step', 'RuntimeError', 'internal', 'memory access out of bounds'))).toBe(true);
    expect(isWasmMemoryFailure(new Error('--batch_size 0: must be >= 1'))).toBe(false);
    expect(isWasmMemoryFailure(new RuntimeError('unreachable'))).toBe(false);
    const error = new TrainingMemoryError('vgg_16', 'training every layer at --batch_size 32, 224px', abort);
    expect(error.kind).toBe('resource-exhausted');
    expect(error.message).toContain('vgg_16, training every layer at --batch_size 32, 224px: out of memory');
    expect(error.message).toContain('--trainable_scopes');
    expect(error.cause).toBe(abort);
  });
});
