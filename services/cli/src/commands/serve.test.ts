import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@finetune/runtime';

const finetune = (...args: string[]) =>
  spawnSync(process.execPath, ['services/cli/bin/finetune.js', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

describe('serve', () => {
  it('serve - a service --help prints its flags and exits 0, starting nothing', () => {
    const r = finetune('serve', 'trainer', '--help');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^trainer service\n/);
    expect(r.stdout).toContain('--max-concurrent-jobs');
    expect(r.stdout).toContain('--grpc-port');
  });

  it('serve - serve all --help prints its flags and exits 0', () => {
    const r = finetune('serve', 'all', '--help');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--state-dir');
    expect(r.stdout).toContain('--host');
  });
});
