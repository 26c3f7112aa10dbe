// --artifact-store: volume copies nothing; nats without NATS, or with a --data-root apart from the state dir,
// is refused at start with one line naming the flag.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@finetune/runtime';
import { createArtifactStore } from './artifact-store';
import { openArtifactTransfer } from './artifact-store-option';

const store = createArtifactStore('/srv/finetune');

describe('artifact store option', () => {
  it('artifact store option - volume needs nothing; nats needs NATS and the state dir as the data root', async () => {
    expect((await openArtifactTransfer({ artifactStore: 'volume', stateDir: '/srv/finetune', dataRoot: '/data' }, undefined, store)).kind).toBe('volume');
    const noNats = openArtifactTransfer({ artifactStore: 'nats', stateDir: '/srv/finetune' }, undefined, store);
    await expect(noNats).rejects.toThrow(ConfigError);
    await expect(noNats).rejects.toMatchObject({ flag: 'artifact-store', message: expect.stringMatching(/needs --nats-url/) });
    const apart = openArtifactTransfer({ artifactStore: 'nats', stateDir: '/srv/finetune', dataRoot: '/data' }, undefined, store);
    await expect(apart).rejects.toMatchObject({ flag: 'data-root', message: expect.stringMatching(/leave --data-root empty/) });
  });
});
