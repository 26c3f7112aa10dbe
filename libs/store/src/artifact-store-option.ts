// The --artifact-store option every service that reads or writes artifacts shares, and the transfer it picks.
import type { NatsConnection } from 'nats';
import { ConfigError, enumOption } from '@finetune/runtime';
import type { ArtifactStore } from './artifact-store';
import { volumeTransfer, type ArtifactTransfer } from './artifact-transfer';
import { natsObjectTransfer } from './nats-object-transfer';

export const artifactStoreOptions = {
  artifactStore: enumOption({
    flag: 'artifact-store',
    env: 'FINETUNE_ARTIFACT_STORE',
    doc:
      'How artifacts reach other services: volume (every service sees the same --state-dir) or nats (each keeps its own ' +
      '--state-dir; datasets, checkpoints and models go through the JetStream object store of --nats-url).',
    default: 'volume',
    values: ['volume', 'nats'] as const,
  }),
};

export async function openArtifactTransfer(kind: 'volume' | 'nats', nats: NatsConnection | undefined, store: ArtifactStore): Promise<ArtifactTransfer> {
  if (kind === 'volume') return volumeTransfer();
  if (!nats) throw new ConfigError('artifact-store', '--artifact-store nats needs --nats-url (or FINETUNE_NATS_URL): set it, or use --artifact-store volume');
  return natsObjectTransfer(nats, store);
}
