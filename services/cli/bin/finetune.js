#!/usr/bin/env node
// The `finetune` command: registers the TypeScript loader, then runs the CLI from source.
await import('tsx');
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
