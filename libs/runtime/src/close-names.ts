// Names closest to a misspelt one: checkpoint variables for UnknownVariableError, flags for "did you mean".
// Imported as @finetune/runtime/close-names by libraries that must not load the service runtime.

/** Levenshtein distance: insertions, deletions and substitutions, each 1. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Up to `limit` names: those containing the query or sharing its last path segment first, then by edit distance. */
export function closeNames(query: string, names: readonly string[], limit = 5): string[] {
  const tail = query.split('/').pop() ?? query;
  const scored = names.map((name) => {
    let score = editDistance(query, name);
    if (name.includes(query) || query.includes(name)) score -= 1000;
    else if (name.endsWith(`/${tail}`)) score -= 100;
    return { name, score };
  });
  const cutoff = Math.max(3, Math.floor(query.length / 2));
  return scored
    .filter((s) => s.score <= cutoff)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}
