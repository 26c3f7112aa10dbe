// Tests that read ../shared/fixtures must be reported as skipped where it is absent, never as passed:
// a reader of the report has to see that compatibility with TensorFlow's files was not checked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@finetune/runtime';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(full) : e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const USES_FIXTURES = /shared\/fixtures|fixturesDir|haveFixtures/;
/** A test body that gives up quietly when the fixtures are absent passes without checking anything. */
const QUIET_RETURN = /if \(!(haveFixtures|existsSync\([^)]*fixtures[^)]*\))\) return;/;

describe('fixture skips', () => {
  it('fixture skips - every test that reads ../shared/fixtures uses skipIf and never returns early', () => {
    const files = ['libs', 'services', 'test'].flatMap((d) => testFiles(path.join(REPO_ROOT, d))).filter((f) => !f.endsWith('fixture-skips.test.ts'));
    const users = files.filter((f) => USES_FIXTURES.test(readFileSync(f, 'utf8')));
    expect(users.length).toBeGreaterThan(5);
    const bad = users.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return !/(it|describe)\.skipIf\(/.test(text) || QUIET_RETURN.test(text);
    });
    expect(bad.map((f) => path.relative(REPO_ROOT, f))).toEqual([]);
  });
});
