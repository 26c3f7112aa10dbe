// The subset kustomize renderer the deploy tests fall back on: strategic merge as kustomize does it, a clear
// refusal of what it does not implement, and, where kustomize is installed, the same output for both overlays.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderKustomization, strategicMerge } from './kustomize-render';
import { byIdentity, kustomize, overlayDir, render } from './rendered-overlays';

describe('deploy renderer', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'finetune-kustomize-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('deploy renderer - merges keyed lists with the patch elements first, as kustomize does', () => {
    const base = { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }, { name: 'Z', value: '3' }] }, { name: 'b' }] };
    const patch = { containers: [{ name: 'a', env: [{ name: 'Z', value: '9' }, { name: 'W', value: '0' }] }] };
    expect(strategicMerge(base, patch, 'patch.yaml')).toEqual({
      containers: [
        {
          name: 'a',
          env: [
            { name: 'Z', value: '9' },
            { name: 'W', value: '0' },
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
        { name: 'b' },
      ],
    });
  });

  it('deploy renderer - deletes fields patched to null and replaces atomic lists whole', () => {
    const base = { nodeSelector: { gpu: 'true' }, tolerations: [{ key: 'a' }], resources: { limits: { cpu: '1', 'nvidia.com/gpu': 1 } } };
    const patch = { nodeSelector: null, tolerations: [{ key: 'b' }], resources: { limits: { 'nvidia.com/gpu': null } } };
    expect(strategicMerge(base, patch, 'patch.yaml')).toEqual({ tolerations: [{ key: 'b' }], resources: { limits: { cpu: '1' } } });
  });

  it('deploy renderer - refuses a kustomization field it does not implement, naming it', () => {
    writeFileSync(path.join(tmp, 'kustomization.yaml'), 'namePrefix: x-\nresources: []\n');
    expect(() => renderKustomization(tmp)).toThrow(/field "namePrefix" is not supported/);
  });

  it('deploy renderer - refuses to patch a list whose merge semantics it does not know', () => {
    expect(() => strategicMerge({ ports: [{ port: 1 }] }, { ports: [{ port: 2 }] }, 'patch.yaml')).toThrow(/patch.yaml: patching the list "ports"/);
  });

  it.skipIf(!kustomize)('deploy renderer - renders both overlays exactly as kustomize does', () => {
    for (const overlay of ['dev', 'prod']) {
      expect(byIdentity(renderKustomization(overlayDir(overlay))), overlay).toEqual(byIdentity(render(overlay)));
    }
  });
});
