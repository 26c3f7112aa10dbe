// Restores a net's variables from a checkpoint by Slim name, honouring --checkpoint_exclude_scopes.
import * as tf from '@tensorflow/tfjs';
import type { CheckpointEntry, CheckpointSource } from './checkpoint-source';
import { ClassCountMismatchError, MissingVariablesError, NetsError, ShapeMismatchError } from './errors';
import type { Net } from './net-def';
import { parseScopes, topLevelScopes, variablesToRestore, type ScopesFlag } from './scopes';

export interface RestoreOptions {
  /** `--checkpoint_exclude_scopes`: these variables keep their initial values. */
  excludeScopes?: ScopesFlag;
  /** The net's head scopes (NetDef.headScopes): a differing class count there gets a ClassCountMismatchError. */
  headScopes?: readonly string[];
  /**
   * The reference's --ignore_missing_vars: variables the checkpoint lacks keep their initial values
   * instead of failing the restore.
   * @default false
   */
  ignoreMissingVars?: boolean;
}

export interface RestoreResult {
  /** Variables given the checkpoint's values. */
  restored: string[];
  /** Variables left at initialisation: excluded, or missing with ignoreMissingVars. */
  initialised: string[];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function shapeError(name: string, netShape: number[], entry: CheckpointEntry, headScopes: readonly string[]): Error {
  const inHead = headScopes.some((scope) => name.startsWith(scope));
  const onlyClassesDiffer =
    netShape.length === entry.shape.length && sameShape(netShape.slice(0, -1), entry.shape.slice(0, -1));
  if (inHead && onlyClassesDiffer) return new ClassCountMismatchError(name, netShape, entry.shape, headScopes);
  const scope = topLevelScopes([name])[0];
  return new ShapeMismatchError(
    name,
    netShape,
    entry.shape,
    `is it a checkpoint of this model and depth multiplier? To start that scope afresh use --checkpoint_exclude_scopes=${scope}`,
  );
}

/**
 * Checks every shape before writing anything, so a failed restore leaves the net untouched; then copies
 * the values in. Variables are matched by Slim name only, whatever the weights' source.
 */
export async function restoreVariables(
  net: Net,
  source: CheckpointSource,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const where = source.path ?? 'the checkpoint';
  const headScopes = options.headScopes ?? [];
  const names = [...net.variables.keys()];
  const wanted = variablesToRestore(names, options.excludeScopes);
  const entries = new Map(source.list().map((e) => [e.name, e]));

  const missing: string[] = [];
  const present: string[] = [];
  for (const name of wanted) {
    const entry = entries.get(name);
    if (!entry) {
      missing.push(name);
      continue;
    }
    const netShape = net.variables.get(name)!.shape as number[];
    if (!sameShape(netShape, entry.shape)) throw shapeError(name, netShape, entry, headScopes);
    if (entry.dtype !== 'float32') {
      throw new NetsError('invalid-argument', `${name}: ${where} stores it as ${entry.dtype}; the net's variables are float32`);
    }
    present.push(name);
  }
  if (missing.length > 0 && !options.ignoreMissingVars) {
    const excluded = parseScopes(options.excludeScopes);
    const headMissing = headScopes.length > 0 && missing.every((n) => headScopes.some((s) => n.startsWith(s)));
    const hint = headMissing
      ? `start the head afresh with --checkpoint_exclude_scopes=${[...new Set([...excluded, ...headScopes])].join(',')}`
      : present.length === 0
        ? 'it holds none of them: is it a checkpoint of another model?'
        : 'exclude their scopes with --checkpoint_exclude_scopes, or set --ignore_missing_vars';
    throw new MissingVariablesError(where, missing, hint);
  }

  for (const name of present) {
    const variable = net.variables.get(name)!;
    const shape = variable.shape as number[];
    const values = await source.read(name);
    const expected = shape.reduce((a, b) => a * b, 1);
    if (values.length !== expected) {
      throw new ShapeMismatchError(name, shape, [values.length], `${where} returned ${values.length} values for it`);
    }
    const value = tf.tensor(values, shape, 'float32');
    variable.write(value);
    value.dispose();
  }
  const restored = new Set(present);
  return { restored: present, initialised: names.filter((n) => !restored.has(n)) };
}
