// SHA-256 of a version's files, and of the version as a whole, so a server can refuse a damaged artifact.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { InvalidModelError } from './errors';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The artifact checksum: SHA-256 of the lines `sha256sum` prints for its files (`<hex>  <name>\n`),
 * sorted by name; so `sha256sum * | sort -k2 | sha256sum` outside the metadata file reproduces it.
 */
export function artifactChecksum(files: Record<string, string>): string {
  const lines = Object.keys(files)
    .sort()
    .map((name) => `${files[name]}  ${name}\n`)
    .join('');
  return createHash('sha256').update(lines).digest('hex');
}

/** Recomputes every listed file's checksum and the artifact's; throws InvalidModelError on the first mismatch. */
export async function verifyFiles(dir: string, files: Record<string, string>, expectedArtifact: string): Promise<void> {
  for (const [name, expected] of Object.entries(files)) {
    let actual: string;
    try {
      actual = await sha256File(path.join(dir, name));
    } catch (cause) {
      throw new InvalidModelError(path.join(dir, name), `cannot be read (${(cause as Error).message})`, { cause });
    }
    if (actual !== expected) throw new InvalidModelError(path.join(dir, name), `SHA-256 is ${actual} but the metadata records ${expected}: the file was changed or damaged`);
  }
  const artifact = artifactChecksum(files);
  if (artifact !== expectedArtifact) throw new InvalidModelError(dir, `artifact SHA-256 is ${artifact}, expected ${expectedArtifact}`);
}
