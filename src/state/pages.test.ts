import { describe, expect, it, vi } from 'vitest';

describe('page declarations', () => {
  it('make a page’s defaults on first use only: listing pages draws no lesson’s seeded values', async () => {
    vi.resetModules();
    const { LESSONS } = await import('../lessons');
    const { findPageDef, pageDef, pageIds, registerLessons } = await import('./pages');
    const seeker = LESSONS.find((l) => l.id === 'attention-seeker')!;
    const generate = vi.fn(seeker.generate!);
    registerLessons(LESSONS.map((l) => (l === seeker ? { ...seeker, generate } : l)));

    // What start-up does for every page: list them and look up their declarations.
    expect(pageIds()).toContain('attention-seeker');
    expect(findPageDef('attention-seeker')?.ctx).toMatchObject({ id: 'attention-seeker' });
    expect(generate).not.toHaveBeenCalled();

    const first = pageDef('attention-seeker').defaults;
    expect(generate).toHaveBeenCalledTimes(1);
    // Made once: one identity for an untouched page's values.
    expect(pageDef('attention-seeker').defaults).toBe(first);
    expect(generate).toHaveBeenCalledTimes(1);
  });
});
