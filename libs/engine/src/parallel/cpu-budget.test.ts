// The CPU limit of a container is read from cgroup v2 or v1 files; no limit leaves the core count.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cgroupCpuLimit, cpuBudget } from './cpu-budget';

const dirs: string[] = [];
async function cgroup(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'cgroup-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), `${content}\n`);
  }
  return root;
}

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('cpu budget', () => {
  it('cpu budget - cgroup v2 cpu.max: a quota of 1.5 periods is 2 CPUs, "max" is no limit', async () => {
    expect(cgroupCpuLimit(await cgroup({ 'cpu.max': '150000 100000' }))).toBe(2);
    expect(cgroupCpuLimit(await cgroup({ 'cpu.max': 'max 100000' }))).toBeUndefined();
  });

  it('cpu budget - cgroup v1 cfs quota and period, -1 is no limit', async () => {
    expect(cgroupCpuLimit(await cgroup({ 'cpu/cpu.cfs_quota_us': '300000', 'cpu/cpu.cfs_period_us': '100000' }))).toBe(3);
    expect(cgroupCpuLimit(await cgroup({ 'cpu/cpu.cfs_quota_us': '-1', 'cpu/cpu.cfs_period_us': '100000' }))).toBeUndefined();
  });

  it('cpu budget - the smaller of the cores and the limit, at least one', async () => {
    expect(cpuBudget(await cgroup({ 'cpu.max': '100000 100000' }))).toBe(1);
    expect(cpuBudget(await cgroup({ 'cpu.max': `${1000 * 100000} 100000` }))).toBe(availableParallelism());
    expect(cpuBudget(await cgroup({}))).toBe(availableParallelism());
  });
});
