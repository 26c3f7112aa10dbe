// The one check every client-given path passes: the path's text, then where it really lands once symlinks
// are followed, then what a `checkpoint` state file in it points at, must all lie inside the data root.
// Every refusal reads the same whether or not the outside path exists, so the check discloses nothing.
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCheckpointState, resolveStatePath, STATE_FILE } from '@finetune/checkpoint';
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** A path that lands outside the store's root (e.g. `../../etc`, or a symlink out), refused when it comes over gRPC. */
export class PathOutsideRootError extends FinetuneError {
  constructor(
    readonly field: string,
    readonly given: string,
    readonly root: string,
  ) {
    super('invalid-argument', `${field} "${given}" is outside the data root ${root}; give a path inside it`);
  }
}

const isInside = (root: string, p: string) => {
  const relative = path.relative(root, p);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
};

/** Symlinks followed at most this deep, as the kernel's ELOOP limit. */
const MAX_LINKS = 40;

/**
 * `p` with every symlink followed: the real path of its longest existing ancestor, plus the rest as written.
 * A dangling symlink is followed by its text, since writing through it would create its target.
 */
export function realPathOf(p: string, depth = 0): string {
  let existing = p;
  const rest: string[] = [];
  while (!linkOrFileExists(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  try {
    return path.join(realpathSync(existing), ...rest);
  } catch {
    if (depth >= MAX_LINKS) return p;
    try {
      return realPathOf(path.join(path.resolve(path.dirname(existing), readlinkSync(existing)), ...rest), depth + 1);
    } catch {
      return p;
    }
  }
}

function linkOrFileExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** A root as the checks see it: absolute, with its own symlinks (e.g. /tmp on macOS) followed. */
export function realRoot(root: string): string {
  return realPathOf(path.resolve(root));
}

/**
 * Returns `given` resolved against `base` (absolute paths stay), refused with PathOutsideRootError naming `field`
 * when it or anything it leads to is outside `root`. Checked: the text; the real path; for a checkpoint prefix,
 * its `.index`; for a directory, its `checkpoint` state file and every prefix that file names.
 */
export function guardPath(root: string, field: string, given: string, base = root): string {
  const resolved = path.resolve(base, given);
  const refuse = () => new PathOutsideRootError(field, given, root);
  if (!isInside(root, resolved)) throw refuse();
  const real = realRoot(root);
  const landsInside = (p: string) => isInside(real, realPathOf(p));
  if (!landsInside(resolved) || !landsInside(`${resolved}.index`)) throw refuse();
  const stateFile = path.join(resolved, STATE_FILE);
  if (isDirectory(resolved) && existsSync(stateFile)) {
    if (!landsInside(stateFile)) throw refuse();
    for (const target of stateFileTargets(stateFile)) {
      const prefix = resolveStatePath(resolved, target);
      if (!isInside(root, path.resolve(prefix)) && !isInside(real, path.resolve(prefix))) throw refuse();
      if (!landsInside(prefix) || !landsInside(`${prefix}.index`)) throw refuse();
    }
  }
  return resolved;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The prefixes a state file names; a damaged one names none here and is reported by whoever reads it. */
function stateFileTargets(file: string): string[] {
  try {
    const state = parseCheckpointState(readFileSync(file, 'utf8'), file);
    return [...state.allModelCheckpointPaths, ...(state.modelCheckpointPath ? [state.modelCheckpointPath] : [])];
  } catch {
    return [];
  }
}
