import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, webglIsSoftware, webglSupport } from './webgl';

describe('isSoftwareRenderer', () => {
  it('knows the software rasterisers by their renderer names', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.7, 256 bits)',
      'Mesa softpipe',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(true);
    }
  });

  it('leaves GPUs alone', () => {
    for (const name of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Apple M1',
      'Mali-G78',
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(false);
    }
  });
});

describe('outside a browser', () => {
  it('reports no WebGL, and not software', () => {
    expect(webglSupport()).toBeNull();
    expect(webglIsSoftware()).toBe(false);
  });
});
