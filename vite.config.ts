import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import {
  CONTENT_SECURITY_POLICY,
  lessonPages,
  SITE_DESCRIPTION,
  SITE_NAME,
} from './scripts/lesson-pages.ts';

// `base: './'` keeps every asset URL relative, so the build also works from a sub-path.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // public/registerSW.js: an external, deferred script (the CSP allows no inline one, and it must
      // not hold up the first paint) that applies an
      // update at the next change of page rather than under the learner's hands.
      injectRegister: 'script-defer',
      manifest: {
        name: SITE_NAME,
        short_name: 'Attention',
        description: SITE_DESCRIPTION,
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        // The icon's own navy: it sits well beside both the light and the dark theme.
        theme_color: '#1f3a5f',
        background_color: '#1f3a5f',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // Everything the app loads, found in the build output (chunks are hashed and lazy):
        // scripts, styles, every page, KaTeX's woff2 fonts (browsers that load the app all take
        // woff2, so its .woff and .ttf copies are left out), icons; the plugin adds the web
        // manifest. Not the source maps, nor the social preview images (only unfurlers fetch them).
        globPatterns: ['**/*.{js,css,html,woff2,svg,png}'],
        globIgnores: ['social/**', '**/*.map'],
        // Routes live in the hash, which never reaches the service worker: every address the app
        // can be at is one of the precached pages (`./` is index.html, `./dream-big` the lesson's
        // page), whatever query a chat app or tracker appends. Other addresses go to the network
        // as they would without a service worker, instead of getting index.html, whose relative
        // asset URLs would not resolve there.
        navigateFallback: null,
        ignoreURLParametersMatching: [/./],
        // Updates wait for public/registerSW.js to send SKIP_WAITING; the first install controls
        // the open page at once, so the chunks it loads later are cached for offline use too.
        skipWaiting: false,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
    lessonPages(),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    // Fonts stay files: an inlined data: font (KaTeX's smallest is under the 4 KB default) would
    // need `font-src data:` in the CSP.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  // The same policy as the built pages' <meta>, for `npm run preview`.
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'scripts/**/*.test.ts',
      'eslint/**/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['src/testSetup.ts'],
  },
});
