/**
 * Which token stays the query when the sentence is edited: the same word, where it still is.
 *
 * The tokens before and after the edited stretch are the same tokens as before, so a query among
 * them keeps its word by position (shifted by what the edit added or removed): in "the cat saw the
 * dog", the second "the" stays the second one when "big" is typed before "cat", and stays itself
 * when a "the" is typed in front. A query inside the edited stretch is looked up by word: the same
 * occurrence of it (the second "the" if there still are two), else its last one. When the word is
 * gone, the first word is the query and `lost` says so, so the page can tell the learner.
 */

export interface FollowedQuery {
  query: number;
  /** The query's word is not in the new sentence: the query fell back to the first word. */
  lost: boolean;
}

export function followQuery(
  before: readonly string[],
  query: number,
  after: readonly string[],
): FollowedQuery {
  const word = before[query];
  if (word === undefined || after.length === 0) return { query: 0, lost: word !== undefined };
  const n = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < n && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < n - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  if (query < prefix) return { query, lost: false };
  if (query >= before.length - suffix) {
    return { query: query + after.length - before.length, lost: false };
  }
  let occurrence = 0;
  for (let k = 0; k < query; k++) if (before[k] === word) occurrence++;
  const places: number[] = [];
  after.forEach((t, k) => {
    if (t === word) places.push(k);
  });
  if (places.length === 0) return { query: 0, lost: true };
  return { query: places[Math.min(occurrence, places.length - 1)]!, lost: false };
}
