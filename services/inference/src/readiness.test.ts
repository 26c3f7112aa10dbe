// Inference readiness: Ready on a fresh install (nothing exported), not Ready while exported models are not
// loaded, Ready once the default model is live, and never again once blocked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthRegistry } from '@finetune/runtime';
import { MODEL_METADATA_FILE, versionDir } from '@finetune/serving';
import { hasExportedVersion, Readiness, readinessOf } from './readiness';

const SERVICE = 'finetune.inference.v1.InferenceService';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repository(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'readiness-'));
  dirs.push(dir);
  return path.join(dir, 'models'); // absent, as on a fresh install's empty volume
}

/** A version folder as the exporter leaves it once complete (its metadata file is written last). */
function exportVersion(repo: string, name: string, version: number): void {
  const dir = versionDir(repo, name, version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MODEL_METADATA_FILE), '{}');
}

describe('inference readiness', () => {
  it('readiness - serving the default model, or nothing exported yet, is SERVING; blocked never is', () => {
    expect(readinessOf({ blocked: false, exported: false, servingDefault: false })).toBe('SERVING');
    expect(readinessOf({ blocked: false, exported: true, servingDefault: false })).toBe('NOT_SERVING');
    expect(readinessOf({ blocked: false, exported: true, servingDefault: true })).toBe('SERVING');
    expect(readinessOf({ blocked: true, exported: false, servingDefault: false })).toBe('NOT_SERVING');
    expect(readinessOf({ blocked: true, exported: true, servingDefault: true })).toBe('NOT_SERVING');
  });

  it('readiness - an exported version counts only if complete and of the served name (and pinned version)', async () => {
    const repo = repository();
    expect(await hasExportedVersion(repo, '', 0)).toBe(false);
    mkdirSync(versionDir(repo, 'flowers', 1), { recursive: true }); // an export still being written
    expect(await hasExportedVersion(repo, '', 0)).toBe(false);
    exportVersion(repo, 'flowers', 2);
    expect(await hasExportedVersion(repo, '', 0)).toBe(true);
    expect(await hasExportedVersion(repo, 'flowers', 0)).toBe(true);
    expect(await hasExportedVersion(repo, 'cars', 0)).toBe(false);
    expect(await hasExportedVersion(repo, 'flowers', 3)).toBe(false);
    expect(await hasExportedVersion(repo, 'flowers', 2)).toBe(true);
  });

  it('readiness - a fresh install is Ready, an export takes it out until the model is live', async () => {
    const repo = repository();
    const health = new HealthRegistry();
    let live = false;
    let blocked = false;
    const readiness = new Readiness({ health, service: SERVICE, repository: repo, modelName: '', pinnedVersion: 0, blocked: () => blocked, servingDefault: () => live });
    expect(await readiness.update()).toBe('SERVING');
    expect(health.get(SERVICE)).toBe('SERVING');
    exportVersion(repo, 'flowers', 1);
    expect(await readiness.update()).toBe('NOT_SERVING');
    expect(health.get(SERVICE)).toBe('NOT_SERVING');
    live = true;
    expect(await readiness.update()).toBe('SERVING');
    // Broken workers set NOT_SERVING themselves; readiness must not undo it.
    health.setAll('NOT_SERVING');
    blocked = true;
    expect(await readiness.update()).toBe('NOT_SERVING');
    expect(health.get(SERVICE)).toBe('NOT_SERVING');
  });
});
