// Scope rules of the reference train_image_classifier.py: a scope is a variable-name prefix.
import { UnknownScopeError } from './errors';

/** The flag spellings scopes arrive in: `'A/Logits, A/AuxLogits'` or a list; absent means none. */
export type ScopesFlag = string | readonly string[] | undefined;

/** Splits the comma-separated flag form and strips spaces, as the reference does; empty items are dropped. */
export function parseScopes(flag: ScopesFlag): string[] {
  if (flag === undefined) return [];
  const items = typeof flag === 'string' ? flag.split(',') : flag.flatMap((s) => s.split(','));
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The first two path components of every name, in first-seen order: `InceptionV3/Mixed_7c`, `InceptionV3/Logits`. */
export function topLevelScopes(names: Iterable<string>): string[] {
  const scopes = new Set<string>();
  for (const name of names) scopes.add(name.split('/').slice(0, 2).join('/'));
  return [...scopes];
}

// The reference matches with str.startswith (exclusions) and re.match (trainable scopes): a raw prefix,
// not a path-component match, so `InceptionV3/Mixed_7` covers Mixed_7a, 7b and 7c. Regex syntax is not
// interpreted here; scopes in practice are plain names.
function underScope(name: string, scope: string): boolean {
  return name.startsWith(scope);
}

function checkScopesExist(allNames: readonly string[], scopes: readonly string[], flag: string): void {
  for (const scope of scopes) {
    if (!allNames.some((name) => underScope(name, scope))) {
      throw new UnknownScopeError(scope, topLevelScopes(allNames), flag);
    }
  }
}

/** Names to restore from a checkpoint: all but those under `--checkpoint_exclude_scopes`. */
export function variablesToRestore(allNames: readonly string[], checkpointExcludeScopes?: ScopesFlag): string[] {
  const exclusions = parseScopes(checkpointExcludeScopes);
  checkScopesExist(allNames, exclusions, '--checkpoint_exclude_scopes');
  return allNames.filter((name) => !exclusions.some((scope) => underScope(name, scope)));
}

/**
 * Names to train: those under any of `--trainable_scopes`, or all when the flag is absent or empty.
 * Pass trainable variables only (Slim never trains BatchNorm moving statistics).
 */
export function trainableVariables(allNames: readonly string[], trainableScopes?: ScopesFlag): string[] {
  const scopes = parseScopes(trainableScopes);
  if (scopes.length === 0) return [...allNames];
  checkScopesExist(allNames, scopes, '--trainable_scopes');
  return allNames.filter((name) => scopes.some((scope) => underScope(name, scope)));
}
