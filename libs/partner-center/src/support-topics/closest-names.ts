/** Names compare without regard to case or spacing: "azure -  technical Issue" is "Azure - Technical issue". */
export function normalisedName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The candidates nearest to `name`, nearest first: most words in common, then fewest characters to change (ties in
 * the candidates' order). Words first, or "Azure - Billing" would be nearer "Office 365 - Mail flow" than
 * "Azure - Subscription management".
 */
export function closestNames(name: string, candidates: readonly string[], count = 3): string[] {
  const target = normalisedName(name);
  const targetWords = new Set(wordsOf(target));
  return candidates
    .map((candidate, index) => {
      const normalised = normalisedName(candidate);
      const shared = new Set(wordsOf(normalised).filter((word) => targetWords.has(word))).size;
      return { candidate, index, shared, distance: editDistance(target, normalised) };
    })
    .sort((a, b) => b.shared - a.shared || a.distance - b.distance || a.index - b.index)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

function wordsOf(normalised: string): string[] {
  return normalised.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Levenshtein distance: inserting, deleting or replacing a character costs 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
