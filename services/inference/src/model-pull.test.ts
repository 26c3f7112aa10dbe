// Model pull without a shared volume, on a real nats-server -js: a replica copies the newest version of
// each served name (or its pinned one, or only --model-name's) and nothing else.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerProcess } from '@finetune/runtime';
import { MODEL_METADATA_FILE, versionDir } from '@finetune/serving';
import { createArtifactStore, natsObjectTransfer, publishFolder } from '@finetune/store';
import { modelPull } from './model-pull';

let dir: string;
let server: NatsServerProcess;
let nats: NatsConnection;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-pull-'));
  server = await startNatsServer({ storeDir: path.join(dir, 'nats') });
  nats = await connect({ servers: server.url });
  const exporter = createArtifactStore(path.join(dir, 'exporter'));
  const transfer = await natsObjectTransfer(nats, exporter);
  for (const [name, version] of [['flowers', 1], ['flowers', 2], ['flowers', 3], ['cars', 1]] as const) {
    const folder = versionDir(exporter.modelRepository(), name, version);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'weights.bin'), `${name} ${version}`);
    writeFileSync(path.join(folder, MODEL_METADATA_FILE), '{}');
    await publishFolder(transfer, exporter, folder, MODEL_METADATA_FILE);
  }
}, 30_000);

afterAll(async () => {
  await nats?.drain();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function pulled(replica: string, served: { modelName: string; pinnedVersion: number }): Promise<string[]> {
  const store = createArtifactStore(path.join(dir, replica));
  await modelPull(await natsObjectTransfer(nats, store), store, served).pullServed();
  const all = [['flowers', 1], ['flowers', 2], ['flowers', 3], ['cars', 1]] as const;
  return all.filter(([n, v]) => existsSync(path.join(versionDir(store.modelRepository(), n, v), MODEL_METADATA_FILE))).map(([n, v]) => `${n}/${v}`);
}

describe('inference model pull', () => {
  it('model pull - the newest version of every name, a pinned version, or only the named model', async () => {
    expect(await pulled('all', { modelName: '', pinnedVersion: 0 })).toEqual(['flowers/3', 'cars/1']);
    expect(await pulled('pinned', { modelName: 'flowers', pinnedVersion: 2 })).toEqual(['flowers/2']);
    expect(await pulled('named', { modelName: 'cars', pinnedVersion: 0 })).toEqual(['cars/1']);
    expect(await pulled('absent', { modelName: 'flowers', pinnedVersion: 9 })).toEqual([]);
  });
});
