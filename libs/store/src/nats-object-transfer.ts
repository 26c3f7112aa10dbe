// Artifacts through NATS JetStream's object store, for services that share no volume: each file is an
// object named by its path under the root, and a manifest object per artifact, written last, lists
// them with their digests, so a fetch sees a whole artifact or none.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StorageType, type NatsConnection, type ObjectStore } from 'nats';
import { StagedFile } from '@finetune/runtime/atomic-write';
import type { ArtifactStore } from './artifact-store';
import { artifactName, type ArtifactTransfer } from './artifact-transfer';
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** The bucket every service of one install shares. */
export const ARTIFACT_BUCKET = 'finetune-artifacts';
const MANIFEST = 'manifest:';
const FILE = 'file:';

interface Manifest {
  artifact: string;
  /** In the order a fetch writes them; paths relative to the root. */
  files: Array<{ path: string; size: number; digest: string }>;
}

/** A manifest or file object that is not what a publisher wrote: named, with what to do. */
export class ArtifactTransferError extends FinetuneError {
  constructor(
    readonly artifact: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super('unavailable', `artifact ${artifact} in the object store bucket ${ARTIFACT_BUCKET}: ${reason}`, options);
  }
}

export async function natsObjectTransfer(nats: NatsConnection, store: ArtifactStore, bucket = ARTIFACT_BUCKET): Promise<ArtifactTransfer> {
  const objects = await nats.jetstream().views.os(bucket, { storage: StorageType.File });
  return {
    kind: 'nats',
    publish: (artifact, files) => publish(objects, store, artifact, files),
    fetch: (artifact) => fetch(objects, store, artifact),
    async list(prefix) {
      const names = (await objects.list()).filter((o) => !o.deleted && o.name.startsWith(MANIFEST + prefix)).map((o) => o.name.slice(MANIFEST.length));
      return names.sort();
    },
  };
}

async function publish(objects: ObjectStore, store: ArtifactStore, artifact: string, files: readonly string[]): Promise<void> {
  const manifest: Manifest = { artifact, files: [] };
  for (const file of files) {
    const name = artifactName(store, file);
    // Node's web stream and the DOM one nats.js declares are the same at run time.
    const info = await objects.put({ name: FILE + name }, Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>);
    manifest.files.push({ path: name, size: info.size, digest: info.digest });
  }
  await objects.putBlob({ name: MANIFEST + artifact }, new TextEncoder().encode(JSON.stringify(manifest)));
}

async function fetch(objects: ObjectStore, store: ArtifactStore, artifact: string): Promise<boolean> {
  const blob = await objects.getBlob(MANIFEST + artifact);
  if (!blob) return false;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(blob)) as Manifest;
  } catch (cause) {
    throw new ArtifactTransferError(artifact, 'its manifest is not JSON; publish the artifact again', { cause });
  }
  for (const file of manifest.files) {
    // A manifest comes over the network: its paths must stay inside the local root too.
    const target = store.resolve(`manifest of ${artifact}`, file.path);
    if (await sameFile(target, file)) continue;
    const result = await objects.get(FILE + file.path);
    if (!result) throw new ArtifactTransferError(artifact, `lists ${file.path}, which is not in the bucket; publish the artifact again`);
    // Another publish may have replaced the file since this manifest was written.
    if (result.info.digest !== file.digest) throw new ArtifactTransferError(artifact, `${file.path} changed since the manifest was written; fetch again`);
    await mkdir(path.dirname(target), { recursive: true });
    await download(result.data, result.error, target);
  }
  return true;
}

/** Whether `file` already holds what was published: same size, then the same digest as nats computes it. */
async function sameFile(file: string, published: Manifest['files'][number]): Promise<boolean> {
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : -1),
    () => -1,
  );
  if (size !== published.size) return false;
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  // nats writes "SHA-256=" and the padded base64url of the hash.
  return `SHA-256=${hash.digest('base64').replace(/\+/g, '-').replace(/\//g, '_')}` === published.digest;
}

/** Streams one object to a staged file beside `target`, checks nats' digest, then publishes it in place. */
async function download(data: ReadableStream<Uint8Array>, digestError: Promise<Error | null>, target: string): Promise<void> {
  const staged = await StagedFile.open(target);
  try {
    for await (const chunk of Readable.fromWeb(data as unknown as import('node:stream/web').ReadableStream<Uint8Array>)) await staged.write(chunk as Uint8Array);
    const err = await digestError;
    if (err) throw err;
  } catch (err) {
    await staged.discard();
    throw err;
  }
  await staged.publish();
}
