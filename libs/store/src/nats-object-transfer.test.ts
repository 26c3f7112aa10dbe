// The NATS object store transfer on a real nats-server -js: two roots that share no folder exchange a
// folder artifact and a prefix artifact, byte for byte; a manifest cannot write outside the root or a changed file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerProcess } from '@finetune/runtime';
import { createArtifactStore } from './artifact-store';
import { PathOutsideRootError } from './path-guard';
import { filesUnder } from './artifact-transfer';
import { ArtifactTransferError, natsObjectTransfer } from './nats-object-transfer';

let dir: string;
let server: NatsServerProcess;
let nats: NatsConnection;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'store-nats-'));
  server = await startNatsServer({ storeDir: path.join(dir, 'nats') });
  nats = await connect({ servers: server.url });
}, 30_000);

afterAll(async () => {
  await nats?.drain();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function root(name: string) {
  const r = path.join(dir, name);
  mkdirSync(r, { recursive: true });
  return createArtifactStore(r);
}

describe('nats object transfer', () => {
  it('nats transfer - a folder and a checkpoint prefix published from one root are fetched into another', async () => {
    const a = root('a');
    const b = root('b');
    const dataset = path.join(a.datasetsDir(), 'flowers');
    mkdirSync(path.join(dataset, 'sub'), { recursive: true });
    const shard = Buffer.alloc(300_000); // several 128 KiB chunks
    for (let i = 0; i < shard.length; i++) shard[i] = (i * 31) % 251;
    writeFileSync(path.join(dataset, 'flowers_train_00000-of-00001.tfrecord'), shard);
    writeFileSync(path.join(dataset, 'sub', 'note.txt'), 'nested\n');
    writeFileSync(path.join(dataset, 'label.txt'), 'water\nice\n');
    const train = a.trainDir('job-1');
    mkdirSync(train, { recursive: true });
    for (const f of ['model.ckpt-100.data-00000-of-00001', 'model.ckpt-100.index', 'model.ckpt-200.index']) writeFileSync(path.join(train, f), f);

    const from = await natsObjectTransfer(nats, a);
    const to = await natsObjectTransfer(nats, b);
    await from.publish('datasets/flowers', await filesUnder(dataset));
    await from.publish('train/job-1/model.ckpt-100', [path.join(train, 'model.ckpt-100.data-00000-of-00001'), path.join(train, 'model.ckpt-100.index')]);

    expect(await to.list('train/job-1/')).toEqual(['train/job-1/model.ckpt-100']);
    expect(await to.fetch('datasets/flowers')).toBe(true);
    expect(await to.fetch('train/job-1/model.ckpt-100')).toBe(true);
    expect(await to.fetch('models/flowers/1')).toBe(false);
    const copied = path.join(b.datasetsDir(), 'flowers');
    expect((await filesUnder(copied)).map((f) => path.relative(copied, f))).toEqual(['flowers_train_00000-of-00001.tfrecord', 'label.txt', 'sub/note.txt']);
    expect(readFileSync(path.join(copied, 'flowers_train_00000-of-00001.tfrecord')).equals(shard)).toBe(true);
    expect(readFileSync(path.join(b.trainDir('job-1'), 'model.ckpt-100.index'), 'utf8')).toBe('model.ckpt-100.index');
    // Only what was published: the other checkpoint stays on the machine that wrote it.
    expect(existsSync(path.join(b.trainDir('job-1'), 'model.ckpt-200.index'))).toBe(false);

    // A second fetch finds the files in place (same digest) and keeps them; a changed one is replaced.
    writeFileSync(path.join(copied, 'label.txt'), 'WATER\nice\n');
    expect(await to.fetch('datasets/flowers')).toBe(true);
    expect(readFileSync(path.join(copied, 'label.txt'), 'utf8')).toBe('water\nice\n');
  });

  it('nats transfer - a manifest naming a path outside the root, or a file that changed, is refused', async () => {
    const a = root('c');
    const b = root('d');
    const from = await natsObjectTransfer(nats, a);
    const to = await natsObjectTransfer(nats, b);
    const objects = await nats.jetstream().views.os('finetune-artifacts');
    await objects.putBlob({ name: 'manifest:evil' }, new TextEncoder().encode(JSON.stringify({ artifact: 'evil', files: [{ path: '../../etc/passwd', size: 1, digest: 'x' }] })));
    await expect(to.fetch('evil')).rejects.toThrow(PathOutsideRootError);

    const file = path.join(a.root, 'models', 'm', '1', 'model.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'v1');
    await from.publish('models/m/1', [file]);
    writeFileSync(file, 'v2, longer');
    await objects.put({ name: 'file:models/m/1/model.json' }, new Blob(['v2, longer']).stream());
    await expect(to.fetch('models/m/1')).rejects.toThrow(ArtifactTransferError);
    expect(existsSync(path.join(b.root, 'models', 'm', '1', 'model.json'))).toBe(false);
  });
});
