// Finds the Chromium the browser tests drive: CHROME_PATH when given (a system browser), otherwise
// the build that @sparticuz/chromium ships inside its npm package, so a fresh machine needs npm only.
import { existsSync } from 'node:fs';

/** Flags for a headless, offline, root-run Chromium with software WebGL 2 (SwiftShader). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-zygote',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--ignore-gpu-blocklist',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--font-render-hinting=none',
];

/** @returns {Promise<string>} the path of a Chromium executable */
export async function chromiumPath() {
  const given = process.env.CHROME_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROME_PATH is set to ${given}, which does not exist`);
    return given;
  }
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return sparticuz.executablePath();
}
