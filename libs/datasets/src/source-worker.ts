// Starts a worker thread on a TypeScript entry file: the code runs from source through tsx, as the services do.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** file: URL of tsx's ESM register API, read from its package exports so a tsx upgrade cannot move it silently. */
function tsxRegisterUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

/**
 * URL of a worker entry beside the caller: `<base>.ts` when the caller runs from source, `<base>.js` when
 * compiled. `callerUrl` is the caller's `import.meta.url`.
 */
export function workerEntryUrl(base: string, callerUrl: string): URL {
  return new URL(`${base}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);
}

/**
 * `execArgv: ['--import', 'tsx']` is not enough on Node 20: the worker's entry is resolved before the
 * loader hooks are active and fails with ERR_UNKNOWN_FILE_EXTENSION. So a two-line bootstrap registers
 * tsx inside the worker and then imports the entry. A compiled `.js` entry is imported directly.
 */
export function startSourceWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const href = JSON.stringify(entry.href);
  const code = entry.pathname.endsWith('.ts')
    ? `import(${JSON.stringify(tsxRegisterUrl())}).then((tsx) => { tsx.register(); return import(${href}); });`
    : `import(${href});`;
  return new Worker(code, { ...options, eval: true });
}
