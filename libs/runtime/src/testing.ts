// Test helpers of the runtime: Prometheus' own linter over a /metrics text, where Debian's `prometheus` is installed.
import { spawnSync } from 'node:child_process';

/** Why promtool tests skip here, or undefined when `promtool` runs. */
export function promtoolMissing(): string | undefined {
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? 'promtool is not installed (Debian: apt-get install prometheus); the metrics lint is skipped' : undefined;
}

/** `promtool check metrics` over an exposition text: its problems, one a line; empty when it passes. */
export function promtoolProblems(metricsText: string): string[] {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: metricsText, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim()).filter(Boolean);
  if (r.status === 0) return [];
  return lines.length > 0 ? lines : [`promtool exited ${r.status} without a message`];
}
