// Checks that the committed generated types are exactly what `npm run proto:gen` produces now.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateContractTypes, generatorFlags } from './generate-types';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
    })
    .sort();
}

describe('generate types', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'finetune-contracts-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('generate types - generator flags mirror PROTO_LOADER_OPTIONS', () => {
    expect(generatorFlags().sort()).toEqual(
      ['--defaults', '--enums=String', '--includeComments', '--keepCase', '--longs=String', '--oneofs'].sort(),
    );
  });

  it('generate types - regenerating gives the committed files byte for byte', () => {
    const outDir = path.join(scratch, 'generated');
    generateContractTypes(outDir);
    const committed = listFiles(GENERATED_DIR);
    expect(listFiles(outDir)).toEqual(committed);
    const differing = committed.filter(
      (file) => !readFileSync(path.join(outDir, file)).equals(readFileSync(path.join(GENERATED_DIR, file))),
    );
    expect(differing, 'run `npm run proto:gen` and commit the result').toEqual([]);
    expect(readdirSync(scratch).filter((name) => name.includes('staging'))).toEqual([]);
  });
});
