import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSON_INFO } from '../src/lessons/catalogue.ts';
import type { LessonId } from '../src/lessons/types.ts';
import { storageKeys } from '../src/state/persist.ts';
import { THEME_KEY } from '../src/app/theme.ts';
import { externaliseStyles, withPrerender } from './lesson-pages.ts';

const lesson = LESSON_INFO[0]!;
const TEMPLATE =
  '<html><head><title>t</title></head><body><div id="root"></div><script type="module" src="./a.js"></script></body></html>';

describe('externaliseStyles', () => {
  it('moves each style attribute into a class, shared across pages, !important', () => {
    const { pages, css } = externaliseStyles(
      new Map([
        [
          'a',
          '<span class="mord" style="height:1em;top:-2em">x</span><i style="height:1em;top:-2em"></i>',
        ],
        ['b', '<b style="color:#e80000">y</b><span style="height:1em;top:-2em"></span>'],
      ]),
    );
    expect(pages.get('a')).toBe('<span class="mord pre-s0">x</span><i class="pre-s0"></i>');
    expect(pages.get('b')).toBe('<b class="pre-s1">y</b><span class="pre-s0"></span>');
    expect(css).toBe(
      '.pre-s0{height:1em !important;top:-2em !important}\n.pre-s1{color:#e80000 !important}',
    );
  });

  it('reads attribute values holding ">" and escaped quotes, and leaves other markup alone', () => {
    const markup =
      '<p title="a > b" style="font-family:&quot;x&quot;" data-style="no">t</p><math displaystyle="true"></math>';
    const { pages, css } = externaliseStyles(new Map([['a', markup]]));
    expect(pages.get('a')).toBe(
      '<p class="pre-s0" title="a > b" data-style="no">t</p><math displaystyle="true"></math>',
    );
    expect(css).toBe('.pre-s0{font-family:"x" !important}');
  });

  it('gives no stylesheet when nothing has a style', () => {
    expect(externaliseStyles(new Map([['a', '<p>t</p>']])).css).toBe('');
  });
});

describe('withPrerender', () => {
  it('fills #root, marks it inert with the route it shows, and links the stylesheets', () => {
    const html = withPrerender(TEMPLATE, lesson, {
      markup: '<h1>Step</h1>',
      stylesheets: ['./assets/L.css', './assets/prerender.css'],
    });
    expect(html).toContain(
      `<div id="root" data-prerendered="${lesson.id}/1" inert><h1>Step</h1></div>`,
    );
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<link rel="stylesheet" crossorigin href="./assets/L.css">');
    expect(head).toContain('<link rel="stylesheet" crossorigin href="./assets/prerender.css">');
  });

  it('refuses a template whose #root is missing or not empty', () => {
    const pre = { markup: '<p></p>', stylesheets: [] };
    expect(() => withPrerender(TEMPLATE.replace('<div id="root"></div>', ''), lesson, pre)).toThrow(
      /root/,
    );
    expect(() =>
      withPrerender(
        TEMPLATE.replace('<div id="root"></div>', '<div id="root">x</div>'),
        lesson,
        pre,
      ),
    ).toThrow(/root/);
  });
});

describe('public/lesson-boot.js', () => {
  // A static file that cannot import the app: it spells out the keys the app stores under.
  const boot = readFileSync(new URL('../public/lesson-boot.js', import.meta.url), 'utf8');

  it('looks for saved edits under the key the app saves a lesson under', () => {
    const key = storageKeys.lesson('ID' as LessonId).replace('ID', '${id}');
    expect(boot).toContain(`\`${key}\``);
  });

  it('reads the colour theme under the key src/app/theme.ts writes', () => {
    expect(boot).toContain(`'${THEME_KEY}'`);
  });
});
