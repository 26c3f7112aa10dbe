// The cores this process may use: os.availableParallelism() sees the node's CPUs (and the affinity mask), not a
// container's CPU limit, so a pod limited to 2 CPUs on a 64-core node would otherwise start 64 workers.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

/** Where the cgroup files are; tests point it elsewhere. */
export const CGROUP_ROOT = '/sys/fs/cgroup';

/**
 * The CFS quota in whole CPUs, rounded up: cgroup v2's `cpu.max` ("200000 100000", or "max 100000" for none),
 * else cgroup v1's `cpu/cpu.cfs_quota_us` over `cpu/cpu.cfs_period_us` (-1 for none). Undefined without a limit.
 */
export function cgroupCpuLimit(root = CGROUP_ROOT): number | undefined {
  const v2 = read(path.join(root, 'cpu.max'))?.split(/\s+/);
  if (v2) return cpus(v2[0], v2[1]);
  return cpus(read(path.join(root, 'cpu', 'cpu.cfs_quota_us')), read(path.join(root, 'cpu', 'cpu.cfs_period_us')));
}

/** min(available parallelism, the cgroup's CPU limit), at least 1. */
export function cpuBudget(root = CGROUP_ROOT): number {
  return Math.max(1, Math.min(availableParallelism(), cgroupCpuLimit(root) ?? Number.POSITIVE_INFINITY));
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function cpus(quota: string | undefined, period: string | undefined): number | undefined {
  const q = Number(quota);
  const p = Number(period);
  if (!(q > 0 && p > 0)) return undefined;
  return Math.ceil(q / p);
}
