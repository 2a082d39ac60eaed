import { describe, expect, it } from 'vitest';
import { followQuery } from './followQuery';

const words = (s: string) => s.split(' ').filter((w) => w !== '');

function follow(before: string, query: number, after: string) {
  return followQuery(words(before), query, words(after));
}

describe('followQuery', () => {
  const S = 'Your journey starts with one step';

  it('keeps the query while the sentence is typed on after it', () => {
    expect(follow(S, 1, `${S} today`)).toEqual({ query: 1, lost: false });
    expect(follow(S, 5, `${S} today`)).toEqual({ query: 5, lost: false });
    expect(follow(S, 5, 'Your journey starts with one step,')).toEqual({ query: 0, lost: true });
  });

  it('follows its word when words before it are added or removed', () => {
    expect(follow(S, 2, 'journey starts with one step')).toEqual({ query: 1, lost: false });
    expect(follow(S, 2, 'Oh Your journey starts with one step')).toEqual({ query: 3, lost: false });
    expect(follow(S, 1, 'Your long journey starts')).toEqual({ query: 2, lost: false });
  });

  it('keeps the same occurrence of a repeated word', () => {
    const s = 'the cat saw the dog';
    expect(follow(s, 3, 'the big cat saw the dog')).toEqual({ query: 4, lost: false });
    // A "the" typed in front: the query is still the one before "dog".
    expect(follow(s, 3, 'the the cat saw the dog')).toEqual({ query: 4, lost: false });
    expect(follow(s, 0, 'the the cat saw the dog')).toEqual({ query: 0, lost: false });
    // The edit covers the query: looked up by word, its second occurrence.
    expect(follow(s, 3, 'a cat saw the dog and the bird')).toEqual({ query: 6, lost: false });
    // Only one left: that one.
    expect(follow(s, 3, 'my cat saw the bird')).toEqual({ query: 3, lost: false });
  });

  it('falls back to the first word when the word is gone, and says so', () => {
    expect(follow(S, 1, 'Your journe')).toEqual({ query: 0, lost: true });
    expect(follow(S, 1, 'A whole new sentence')).toEqual({ query: 0, lost: true });
    expect(follow(S, 0, 'My journey')).toEqual({ query: 0, lost: true });
  });

  it('is exact on words: case and punctuation count, as split() keeps them', () => {
    expect(follow(S, 1, 'your Journey starts')).toEqual({ query: 0, lost: true });
    expect(follow('a b', 1, 'x b.')).toEqual({ query: 0, lost: true });
  });
});
