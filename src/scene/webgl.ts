/**
 * Whether this browser can draw WebGL, checked before the 3-D chunk (three.js) is loaded. Imports
 * nothing from three, so it costs the entry chunk a few lines.
 */
let cached: 'webgl2' | 'webgl' | null | undefined;

/** 'webgl2', 'webgl' or null (no WebGL: disabled, blocklisted, or not a browser). Checked once. */
export function webglSupport(): 'webgl2' | 'webgl' | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (typeof document === 'undefined') return cached;
  try {
    const canvas = document.createElement('canvas');
    for (const kind of ['webgl2', 'webgl'] as const) {
      const gl = canvas.getContext(kind) as WebGLRenderingContext | null;
      if (gl) {
        cached = kind;
        // Hand the probe's context back at once: browsers cap how many can be alive.
        gl.getExtension('WEBGL_lose_context')?.loseContext();
        break;
      }
    }
  } catch {
    cached = null;
  }
  return cached;
}
