import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4179);
/** The build to serve: dist/ unless E2E_DIST names another (so two builds can be tested side by side). */
const DIST = process.env.E2E_DIST ?? 'dist';

// Started by e2e/run.mjs, which sets CHROME_PATH; the app is the production build in dist/.
export default defineConfig({
  testDir: '.',
  outputDir: './artifacts/results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROME_PATH, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
