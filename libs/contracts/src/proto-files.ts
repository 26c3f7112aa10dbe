// Where the .proto contracts live on disk and which files they are, found once by walking proto/.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `proto/`, the include root every import in the contracts is relative to. */
export const PROTO_ROOT: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../proto');

/** Absolute path of the repository root (the parent of `proto/`). */
export const REPO_ROOT: string = path.dirname(PROTO_ROOT);

function listProtoFiles(root: string, dir = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    // Posix separators: these names are proto import paths, not OS paths.
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listProtoFiles(root, relative));
    else if (entry.name.endsWith('.proto')) files.push(relative);
  }
  return files;
}

/**
 * Every contract file relative to PROTO_ROOT (`finetune/trainer/v1/trainer.proto`), sorted so that
 * loading and code generation see them in the same order on every machine.
 */
export const PROTO_FILES: readonly string[] = Object.freeze(listProtoFiles(PROTO_ROOT).sort());
