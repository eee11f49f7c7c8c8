/**
 * Optimal string alignment distance: like Levenshtein, but a swap of two neighbours counts as
 * one edit, because that is the typo people make (`phnoe` for `phone`).
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate a misspelt word most likely meant, if any is close enough to suggest. */
export function closestWord<T extends string>(word: string, candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  if (bestDistance <= allowed) return best;
  // A shortened key (`consent` for `consent_by`) is a typo too, when the stem is long enough.
  const lower = word.toLowerCase();
  return lower.length >= 4
    ? candidates.find((c) => c.toLowerCase().startsWith(lower) || (lower.startsWith(c.toLowerCase()) && c.length >= 4))
    : undefined;
}

/**
 * The order of work-order numbers and unit codes (ASCII letters, digits, hyphens): by code unit.
 * For such text that is the order collation gives, but the same on every machine —
 * localeCompare follows the process's locale, and some locales place letters elsewhere — and
 * about ten times cheaper, which shows when a report sorts a hundred thousand items.
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A value read from YAML as text for a person: scalars as written, anything else as JSON, so
 * that a mistyped mapping shows its content rather than "[object Object]".
 */
export function scalarText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? '';
}
