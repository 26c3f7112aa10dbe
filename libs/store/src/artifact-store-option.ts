// The --artifact-store option every service that reads or writes artifacts shares, and the transfer it picks.
import path from 'node:path';
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

/**
 * The transfer --artifact-store picks. Artifacts are named by their path under the state dir, so with nats a
 * separate --data-root (which request paths are resolved in) is refused: names would not match across services.
 */
export async function openArtifactTransfer(
  config: { artifactStore: 'volume' | 'nats'; stateDir: string; dataRoot?: string },
  nats: NatsConnection | undefined,
  store: ArtifactStore,
): Promise<ArtifactTransfer> {
  if (config.artifactStore === 'volume') return volumeTransfer();
  if (config.dataRoot && path.resolve(config.dataRoot) !== path.resolve(config.stateDir)) {
    throw new ConfigError('data-root', `--data-root ${config.dataRoot} differs from --state-dir ${config.stateDir}, which --artifact-store nats does not support: leave --data-root empty`);
  }
  if (!nats) throw new ConfigError('artifact-store', '--artifact-store nats needs --nats-url (or FINETUNE_NATS_URL): set it, or use --artifact-store volume');
  return natsObjectTransfer(nats, store);
}
