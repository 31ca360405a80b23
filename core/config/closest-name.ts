/**
 * "Did you mean" for config keys, categories, sink ids and event names, and for the CLI's
 * commands, options, formats and rule names: the closest candidate by edit distance
 * (case-insensitive), if it is close enough to be a likely typo.
 */
export function findClosestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = wanted.length <= 3 ? 1 : wanted.length <= 6 ? 2 : 3;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = getEditDistance(wanted, candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time. */
function getEditDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** `"a", "b" or "c"`: a closed list of choices, quoted as they are written in JSON. */
export function formatChoices(choices: readonly string[], conjunction = 'or'): string {
  const quoted = choices.map((choice) => JSON.stringify(choice));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}
