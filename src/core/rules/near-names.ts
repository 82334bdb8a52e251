// "Did you mean" for names that refer to other resources or entries (ObjectStores, external
// clusters): only a single candidate within two edits is suggested, so a guess is never offered
// between two plausible names.

/** The only name within two edits of `name` (case-insensitive, Levenshtein), if exactly one is. */
export function onlyNameNear(name: string, names: Iterable<string>): string | undefined {
  const close = [...new Set(names)].filter((n) => distance(n.toLowerCase(), name.toLowerCase()) <= 2);
  return close.length === 1 ? close[0] : undefined;
}

/** Levenshtein distance; any value above 2 is reported as 3 (the caller only asks "within two?"). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
