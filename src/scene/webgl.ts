/**
 * Whether this browser can draw WebGL, and whether it draws it on the CPU, checked before the 3-D
 * chunk (three.js) is loaded. Imports nothing from three, so it costs the entry chunk a few lines.
 */
let cached: { kind: 'webgl2' | 'webgl' | null; software: boolean } | undefined;

/**
 * Renderer names of software rasterisers: Chromium's SwiftShader (used where the GPU is missing or
 * blocklisted), Mesa's llvmpipe and softpipe, Windows' Basic Render Driver.
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software rasterizer|basic render driver/i;

/** Whether a WebGL renderer name (UNMASKED_RENDERER_WEBGL) is a software rasteriser's. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

function probe(): NonNullable<typeof cached> {
  if (cached) return cached;
  cached = { kind: null, software: false };
  if (typeof document === 'undefined') return cached;
  try {
    const canvas = document.createElement('canvas');
    for (const kind of ['webgl2', 'webgl'] as const) {
      const gl = canvas.getContext(kind) as WebGLRenderingContext | null;
      if (gl) {
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        const name: unknown = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : '';
        cached = { kind, software: typeof name === 'string' && isSoftwareRenderer(name) };
        // Hand the probe's context back at once: browsers cap how many can be alive.
        gl.getExtension('WEBGL_lose_context')?.loseContext();
        break;
      }
    }
  } catch {
    cached = { kind: null, software: false };
  }
  return cached;
}

/** 'webgl2', 'webgl' or null (no WebGL: disabled, blocklisted, or not a browser). Checked once. */
export function webglSupport(): 'webgl2' | 'webgl' | null {
  return probe().kind;
}

/** Whether WebGL is drawn by a software rasteriser, on the CPU (false when unknown). */
export function webglIsSoftware(): boolean {
  return probe().software;
}
