// Runs the Playwright specs against the built app: resolves Chromium once (unpacking the npm-shipped
// build takes a few seconds), then hands over to the Playwright test runner with CHROME_PATH set.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromiumPath } from './chromium.mjs';

const CHROME_PATH = await chromiumPath();
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const result = spawnSync(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH },
});
process.exit(result.status ?? 1);
