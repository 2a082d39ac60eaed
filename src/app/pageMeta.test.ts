import { describe, expect, it } from 'vitest';
import { LESSON_INFO } from '../lessons/catalogue';
import { lessonPageUrl, routeDescription } from './pageMeta';
import { parseRoute } from './router';
import { SITE_DESCRIPTION } from './site';

describe('lessonPageUrl', () => {
  it('names the lesson page in the folder the app runs from, whatever page that is', () => {
    for (const [href, want] of [
      ['https://example.org/', 'https://example.org/dream-big.html'],
      ['https://example.org/index.html#/x/2?s=AA', 'https://example.org/dream-big.html'],
      ['https://example.org/sub/dir/', 'https://example.org/sub/dir/dream-big.html'],
      [
        'https://example.org/sub/playground.html?fbclid=1#/',
        'https://example.org/sub/dream-big.html',
      ],
      ['http://127.0.0.1:4193/sub/dream-big.html', 'http://127.0.0.1:4193/sub/dream-big.html'],
    ] as const) {
      expect(lessonPageUrl(href, 'dream-big')).toBe(want);
    }
  });
});

describe('routeDescription', () => {
  it("is the lesson's summary on its steps and the site's elsewhere", () => {
    const lesson = LESSON_INFO[1]!;
    expect(routeDescription(parseRoute(`#/${lesson.id}/3`))).toBe(lesson.summary);
    expect(routeDescription(parseRoute(`#/${lesson.id}/x`))).toBe(lesson.summary);
    expect(routeDescription(parseRoute('#/'))).toBe(SITE_DESCRIPTION);
    expect(routeDescription(parseRoute('#/no-such-lesson/1'))).toBe(SITE_DESCRIPTION);
    expect(routeDescription(parseRoute('#/a/b/c'))).toBe(SITE_DESCRIPTION);
  });
});
