import { describe, expect, it } from 'vitest';
import { lessonHash, parseRoute } from './router';

describe('parseRoute', () => {
  it('reads the catalogue from an empty or root fragment', () => {
    for (const h of ['', '#', '#/', '#//']) expect(parseRoute(h)).toEqual({ kind: 'catalogue' });
  });
  it('reads a lesson and a 1-based step', () => {
    expect(parseRoute('#/dream-big/3')).toEqual({ kind: 'lesson', lessonId: 'dream-big', step: 3 });
    expect(parseRoute('#/your-journey')).toEqual({
      kind: 'lesson',
      lessonId: 'your-journey',
      step: 1,
    });
    expect(parseRoute('#/dream-big/2?s=abc')).toEqual({
      kind: 'lesson',
      lessonId: 'dream-big',
      step: 2,
    });
  });
  it('keeps step 0 and huge steps as numbers, for the page to call out of range', () => {
    expect(parseRoute('#/dream-big/0')).toMatchObject({ kind: 'lesson', step: 0 });
    expect(parseRoute('#/dream-big/9999')).toMatchObject({ kind: 'lesson', step: 9999 });
  });
  it('flags steps that are not whole numbers', () => {
    for (const s of ['x', '-1', '1.5', '1e3', '99999', '%E0%A4%A']) {
      expect(parseRoute(`#/dream-big/${s}`).kind).toBe('bad-step');
    }
  });
  it('flags paths with too many parts', () => {
    expect(parseRoute('#/a/1/b')).toEqual({ kind: 'unknown', path: '/a/1/b' });
  });
  it('round-trips lessonHash', () => {
    expect(parseRoute(lessonHash('life-is-short', 7))).toEqual({
      kind: 'lesson',
      lessonId: 'life-is-short',
      step: 7,
    });
  });
});
