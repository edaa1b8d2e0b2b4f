// "Did you mean" support for diagnostics about names read from files (tensor names, grid keys,
// preset names): a bounded Levenshtein distance and a closest-candidate picker.

/** Levenshtein distance between `a` and `b`, cut off at `cap` (returns `cap` when at least that large). */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub));
    }
    prev = cur;
  }
  return Math.min(prev[b.length] ?? cap, cap);
}

/**
 * The candidate closest to `name`, if it is near enough to be a plausible typo: within edit
 * distance max(2, len/3), compared case-insensitively so `DataBytes` finds `dataBytes`.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), bestD);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}
