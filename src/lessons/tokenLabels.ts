/**
 * Row labels for tokens: a word that occurs more than once gets its occurrence number
 * ("I #1", "I #2"), so every table row and input has a distinct accessible name.
 */
/** Column labels for the dimensions of a vector: "dim 1" to "dim n", as the tables name them. */
export function dimLabels(n: number): string[] {
  return Array.from({ length: n }, (_, k) => `dim ${k + 1}`);
}

export function tokenLabels(tokens: readonly string[]): string[] {
  const total = new Map<string, number>();
  for (const t of tokens) total.set(t, (total.get(t) ?? 0) + 1);
  const seen = new Map<string, number>();
  return tokens.map((t) => {
    if (total.get(t) === 1) return t;
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    return `${t} #${n}`;
  });
}
