import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { removeAbandonedTemps, STALE_TEMP_MS } from './abandoned-temps';
import { StagedFile, writeFileAtomic } from './staged-file';
import { StagedFolder } from './staged-folder';
import { syncFolder } from './sync-folder';
import { hostTag, parseTempName, tempPathFor } from './temp-names';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'atomic-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A pid no process has: one that just exited. */
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

describe('atomic write', () => {
  it('atomic write - replaces the file whole and leaves no temporary file behind', async () => {
    const d = tmp();
    const target = path.join(d, 'manifest.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new contents');
    expect(readFileSync(target, 'utf8')).toBe('new contents');
    expect(readdirSync(d)).toEqual(['manifest.json']);
  });

  it('atomic write - a failed write keeps the old file', async () => {
    const d = tmp();
    const target = path.join(d, 'missing-dir', 'x.json');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(d)).toEqual([]);
  });

  it('atomic write - a process killed mid-write leaves the old file intact, and the next run removes its temp', async () => {
    const d = tmp();
    const target = path.join(d, 'model.ckpt-1.index');
    writeFileSync(target, 'old index');
    const script = path.join(d, 'killed-writer.mts');
    writeFileSync(
      script,
      `import { StagedFile } from ${JSON.stringify(path.join(here, 'staged-file.ts'))};
const staged = await StagedFile.open(${JSON.stringify(target)});
await staged.write(new Uint8Array(1 << 20).fill(7));
await staged.handle.sync();
process.kill(process.pid, 'SIGKILL');`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const left = readdirSync(d).filter((n) => parseTempName(n));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.model\\.ckpt-1\\.index\\.tmp-${hostTag()}-${child.pid}-[0-9a-f]+$`));
    expect(readFileSync(target, 'utf8')).toBe('old index');
    expect(await removeAbandonedTemps(d)).toEqual(left);
    expect(readdirSync(d).sort()).toEqual(['killed-writer.mts', 'model.ckpt-1.index']);
  });

  it('atomic write - the cleaner keeps live writers\' temps and removes dead, stale and earlier-scheme ones', async () => {
    const d = tmp();
    const dead = deadPid();
    const names = {
      mine: path.basename(tempPathFor(path.join(d, 'a.json'))),
      deadHere: `.b.json.tmp-${hostTag()}-${dead}-ab12`,
      liveHere: `.c.json.tmp-${hostTag()}-${process.ppid}-ab12`,
      otherHostFresh: `.d.json.tmp-elsewhere-${dead}-ab12`,
      otherHostStale: `.e.json.tmp-elsewhere-${dead}-cd34`,
      legacyCheckpoint: `model.ckpt-2.index.tmp-${dead}-dead`,
      legacyStaging: `.flowers.staging-${dead}-def456-x2`,
      notATemp: 'model.ckpt-2.index',
    };
    for (const n of Object.values(names)) writeFileSync(path.join(d, n), 'partial');
    const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    utimesSync(path.join(d, names.otherHostStale), old, old);
    const removed = await removeAbandonedTemps(d);
    expect(removed.sort()).toEqual([names.deadHere, names.otherHostStale, names.legacyCheckpoint, names.legacyStaging].sort());
    expect(readdirSync(d).sort()).toEqual([names.mine, names.liveHere, names.otherHostFresh, names.notATemp].sort());
  });

  it('atomic write - a discarded staged file leaves the target as it was', async () => {
    const d = tmp();
    const target = path.join(d, 'shard.tfrecord');
    const staged = await StagedFile.open(target);
    await staged.write('half');
    await staged.discard();
    await staged.discard();
    expect(readdirSync(d)).toEqual([]);
  });

  it('atomic write - a staged folder is published by one rename that refuses a non-empty target', async () => {
    const d = tmp();
    const parent = path.join(d, 'flowers');
    const first = await StagedFolder.create(parent, 'version');
    writeFileSync(path.join(first.path, 'labels.txt'), 'a\n');
    const second = await StagedFolder.create(parent, 'version');
    writeFileSync(path.join(second.path, 'labels.txt'), 'b\n');
    await first.publishAs(path.join(parent, '1'));
    await expect(second.publishAs(path.join(parent, '1'))).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTEMPTY|EEXIST)$/) });
    expect(readFileSync(path.join(parent, '1', 'labels.txt'), 'utf8')).toBe('a\n');
    await second.discard();
    expect(readdirSync(parent)).toEqual(['1']);
  });

  it('atomic write - a staged folder\'s entries move in the given order and the folder goes', async () => {
    const d = tmp();
    const staged = await StagedFolder.create(d, 'flowers');
    for (const n of ['flowers_train_00000-of-00001.tfrecord', 'manifest.json']) writeFileSync(path.join(staged.path, n), n);
    await staged.publishEntries(d, ['flowers_train_00000-of-00001.tfrecord', 'manifest.json']);
    expect(readdirSync(d).sort()).toEqual(['flowers_train_00000-of-00001.tfrecord', 'manifest.json']);
  });

  it('atomic write - a folder fsync fails on a missing folder rather than pretending', async () => {
    const d = tmp();
    mkdirSync(path.join(d, 'there'));
    await syncFolder(path.join(d, 'there'));
    await expect(syncFolder(path.join(d, 'not-there'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
