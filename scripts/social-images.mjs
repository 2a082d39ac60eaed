// Draws the images the app ships as files, in the Chromium the browser tests use:
// - public/social/<id>.png: a 1200x630 link-preview card per lesson and one for the catalogue
//   (`index`), which the built pages name in og:image and twitter:image;
// - public/icons/*.png: the web manifest's icons, from public/favicon.svg.
// Usage: node scripts/social-images.mjs. The PNGs are committed; rerun after changing a lesson's
// title or summary (src/lessons/catalogue.ts) or the icon. Cards are drawn in a few flat colours
// and written as palette PNGs, so each stays small (e2e/subpath.spec.ts checks < 60 KB).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import katex from 'katex';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.mjs';

const { LESSON_INFO } = await tsImport('../src/lessons/catalogue.ts', import.meta.url);
const { SITE_NAME, SITE_DESCRIPTION, SOCIAL_IMAGE } = await tsImport(
  './lesson-pages.ts',
  import.meta.url,
);

const NAVY = '#1f3a5f';
const GOLD = '#f4c542';
const CORAL = '#ff6b6b';
const INK = '#f7f5ef';
const katexCss = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('katex')), 'katex.min.css'),
).href;
const favicon = readFileSync('public/favicon.svg', 'utf8');

/** @param {string} s */
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const formula = katex.renderToString(
  String.raw`\operatorname{softmax}\!\left(\frac{QK^{\top}}{\sqrt{d_k}}\right)V`,
  { displayMode: true, output: 'html' },
);

/** Three word vectors and their weighted sum, tip to tail: what every lesson draws. */
const arrows = `
<svg width="300" height="230" viewBox="0 0 300 230" aria-hidden="true">
  <defs>
    <marker id="h" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
      <path d="M0 0L10 5L0 10z" fill="context-stroke" />
    </marker>
  </defs>
  <g stroke-width="7" stroke-linecap="round" fill="none" marker-end="url(#h)">
    <path d="M30 200L120 40" stroke="${GOLD}" />
    <path d="M30 200L250 120" stroke="#8ecae6" />
    <path d="M30 200L200 200" stroke="${CORAL}" />
    <path d="M30 200L185 110" stroke="${INK}" stroke-dasharray="2 14" />
  </g>
</svg>`;

/** @param {{ title: string, summary: string, kicker: string }} c */
function card({ title, summary, kicker }) {
  return `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${katexCss}">
<style>
  html, body { margin: 0; }
  body { width: ${SOCIAL_IMAGE.width}px; height: ${SOCIAL_IMAGE.height}px; background: ${NAVY};
    color: ${INK}; font-family: system-ui, 'DejaVu Sans', sans-serif; box-sizing: border-box;
    padding: 64px 72px; display: grid; grid-template-columns: 1fr 300px; grid-template-rows: auto 1fr auto;
    column-gap: 48px; -webkit-font-smoothing: antialiased; }
  .brand { grid-column: 1 / 3; display: flex; align-items: center; gap: 18px; font-size: 34px;
    font-weight: 700; letter-spacing: 0.01em; }
  .brand svg { width: 56px; height: 56px; }
  .kicker { color: ${GOLD}; font-size: 26px; font-weight: 600; margin: 40px 0 8px; }
  h1 { font-size: ${title.length > 30 ? 58 : 68}px; line-height: 1.08; margin: 0 0 22px; }
  p { font-size: 29px; line-height: 1.35; margin: 0; opacity: 0.92; }
  .art { grid-column: 2; grid-row: 2 / 4; align-self: center; display: grid; gap: 10px; justify-items: center; }
  .katex { font-size: 34px; color: ${INK}; }
  .katex-display { margin: 0; }
</style></head><body>
<div class="brand">${favicon}<span>${escape(SITE_NAME)}</span></div>
<div><div class="kicker">${escape(kicker)}</div><h1>${escape(title)}</h1><p>${escape(summary)}</p></div>
<div class="art">${arrows}${formula}</div>
</body></html>`;
}

/**
 * The RGBA pixels of a PNG, decoded by the browser.
 * @param {import('playwright-core').Page} page
 * @param {Buffer} png
 */
async function pixels(page, png) {
  const data = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
    ctx.drawImage(img, 0, 0);
    const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
    let bin = '';
    for (let i = 0; i < rgba.length; i += 0x8000)
      bin += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
    return { width: img.width, height: img.height, b64: btoa(bin) };
  }, png.toString('base64'));
  return { width: data.width, height: data.height, rgba: Buffer.from(data.b64, 'base64') };
}

/**
 * An 8-bit palette PNG of opaque RGBA pixels: the 256 most frequent colours (after dropping the
 * low 2 bits, which anti-aliasing spreads over many near-equal shades), each pixel mapped to the
 * nearest. A card holds a handful of flat colours and the blends between them, so nothing visible
 * is lost, and a byte per pixel compresses to a fraction of the screenshot.
 * @param {{ width: number, height: number, rgba: Buffer }} image
 */
function palettePng({ width, height, rgba }) {
  /** @param {number} i */
  const key = (i) => ((rgba[i] >> 2) << 12) | ((rgba[i + 1] >> 2) << 6) | (rgba[i + 2] >> 2);
  const counts = new Map();
  for (let i = 0; i < rgba.length; i += 4) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  const palette = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 256)
    .map(([k]) => [((k >> 12) & 63) * 4 + 2, ((k >> 6) & 63) * 4 + 2, (k & 63) * 4 + 2]);
  const nearest = new Map();
  /** @param {number} k */
  const indexOf = (k) => {
    let best = nearest.get(k);
    if (best !== undefined) return best;
    const r = ((k >> 12) & 63) * 4 + 2;
    const g = ((k >> 6) & 63) * 4 + 2;
    const b = (k & 63) * 4 + 2;
    let bestD = Infinity;
    palette.forEach(([pr, pg, pb], j) => {
      const d = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
      if (d < bestD) [bestD, best] = [d, j];
    });
    nearest.set(k, best);
    return best;
  };
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++)
      raw[y * (width + 1) + 1 + x] = indexOf(key((y * width + x) * 4));
  }
  /** @param {string} type @param {Buffer} body */
  const chunk = (type, body) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8-bit, palette, deflate, no filter choice, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const browser = await chromium.launch({
  executablePath: await chromiumPath(),
  args: CHROMIUM_ARGS,
});
const tmp = 'e2e/artifacts/social';
mkdirSync(tmp, { recursive: true });
mkdirSync('public/social', { recursive: true });
mkdirSync('public/icons', { recursive: true });
try {
  const page = await browser.newPage({ viewport: SOCIAL_IMAGE, deviceScaleFactor: 1 });
  const cards = [
    {
      id: 'index',
      title: SITE_NAME,
      summary: SITE_DESCRIPTION,
      kicker: 'Self-attention, step by step',
    },
    ...LESSON_INFO.map((/** @type {import('../src/lessons/catalogue.ts').LessonInfo} */ l) => ({
      id: l.id,
      title: l.title,
      summary: l.summary,
      kicker: l.stepCount > 0 ? `Lesson · ${l.stepCount} steps` : 'Your own sentence',
    })),
  ];
  for (const c of cards) {
    // A file page, so the KaTeX stylesheet and its fonts load from node_modules.
    const file = join(tmp, `${c.id}.html`);
    writeFileSync(file, card(c));
    await page.goto(pathToFileURL(file).href);
    await page.evaluate(() => document.fonts.ready);
    const out = `public/social/${c.id}.png`;
    const png = palettePng(await pixels(page, await page.screenshot({ type: 'png' })));
    writeFileSync(out, png);
    console.log(`${out} ${(png.length / 1024).toFixed(1)} KB`);
  }

  // Icons: the favicon as drawn (transparent round corners), and a maskable one whose drawing
  // sits inside the central 80% safe zone on a full-bleed background.
  const icons = [
    { name: 'icon-192', size: 192, maskable: false },
    { name: 'icon-512', size: 512, maskable: false },
    { name: 'icon-maskable-512', size: 512, maskable: true },
    { name: 'apple-touch-icon', size: 180, maskable: true },
  ];
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const inner = icon.maskable ? Math.round(icon.size * 0.8) : icon.size;
    await page.setContent(
      `<html><body style="margin:0;display:grid;place-items:center;height:100vh;background:${
        icon.maskable ? NAVY : 'transparent'
      }"><div style="width:${inner}px;height:${inner}px">${favicon.replace(
        '<svg ',
        '<svg width="100%" height="100%" ',
      )}</div></body></html>`,
    );
    const out = `public/icons/${icon.name}.png`;
    const png = await page.screenshot({ type: 'png', omitBackground: !icon.maskable });
    writeFileSync(out, png);
    console.log(`${out} ${(png.length / 1024).toFixed(1)} KB`);
  }
} finally {
  await browser.close();
}
