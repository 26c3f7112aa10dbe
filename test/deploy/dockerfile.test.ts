// The Dockerfile, read as text (Docker is not on this machine): one non-root target per service running its
// main.ts, the CPU images on node 20, the trainer's on CUDA 11 with tfjs-node-gpu.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, SERVICE_NAMES, SERVICES } from './rendered-overlays';

describe('deploy docker', () => {
  // Docker is not on this machine: the file is checked as text, stage by stage.
  const dockerfile = readFileSync(path.join(repoRoot, 'deploy/docker/Dockerfile'), 'utf8');
  const args = Object.fromEntries([...dockerfile.matchAll(/^ARG (\w+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!]));
  const stages = new Map<string, { from: string; body: string }>();
  for (const m of dockerfile.matchAll(/^FROM (\S+) AS (\S+)\n([\s\S]*?)(?=^FROM |(?![\s\S]))/gm)) stages.set(m[2]!, { from: m[1]!, body: m[3]! });
  /** A stage's instructions with those of the stages it builds on, nearest last. */
  const chain = (name: string): string => {
    const stage = stages.get(name);
    return stage ? chain(stage.from) + stage.body : '';
  };
  const image = (ref: string) => ref.replace(/^\$\{(\w+)\}$/, (_, arg: string) => args[arg] ?? ref);
  const rootImage = (name: string): string => (stages.has(stages.get(name)!.from) ? rootImage(stages.get(name)!.from) : image(stages.get(name)!.from));

  it('deploy docker - one target per service runs its main.ts through tsx as a non-root user', () => {
    for (const [target, svc] of [...SERVICE_NAMES.map((s) => [s, s]), ['trainer-cpu', 'trainer']] as const) {
      expect(stages.has(target), `target ${target}`).toBe(true);
      const instructions = chain(target);
      const cmds = [...instructions.matchAll(/^CMD (.+)$/gm)].map((m) => JSON.parse(m[1]!) as string[]);
      expect(cmds.at(-1), target).toEqual(['node', '--import', 'tsx', `services/${svc}/src/main.ts`]);
      expect([...instructions.matchAll(/^USER (\S+)$/gm)].at(-1)?.[1], target).toBe('1000:1000');
      expect(instructions, target).toMatch(new RegExp(`^EXPOSE ${SERVICES[svc]} ${SERVICES[svc] + 1000}$`, 'm'));
      expect(instructions, target).toMatch(/^COPY proto proto$/m);
    }
  });

  it('deploy docker - CPU images are node 20 bookworm-slim, the trainer CUDA 11 with tfjs-node-gpu', () => {
    for (const target of ['dataset', 'evaluator', 'exporter', 'inference', 'trainer-cpu']) expect(rootImage(target), target).toBe('node:20-bookworm-slim');
    expect(chain('deps')).toMatch(/npm ci --omit=dev/);
    // tfjs-node-gpu 4.x loads libcudart.so.11.0 and libcudnn.so.8: CUDA 12 images have neither.
    expect(rootImage('trainer')).toMatch(/^nvidia\/cuda:11\.\d+\.\d+-cudnn8-runtime-ubuntu22\.04$/);
    expect(chain('trainer')).toMatch(/npm ci --omit=dev[\s\S]*tfjs-node-gpu\/lib\/napi-v\*\/tfjs_binding\.node/);
  });
});
