/**
 * three.js's console, minus two warnings that say nothing to a learner and that no code of ours
 * can act on: R3F 9 still makes a THREE.Clock, which three r183+ calls deprecated; and when a
 * lost context's canvas is taken down, the renderer cannot find WEBGL_lose_context to lose it
 * again. Everything else three.js says still reaches the console.
 */
import { setConsoleFunction } from 'three';

const QUIET = [
  /^THREE\.Clock: This module has been deprecated/,
  /^THREE\.WebGLRenderer: WEBGL_lose_context extension not supported/,
];

setConsoleFunction((type: string, message: string, ...params: unknown[]) => {
  if (QUIET.some((re) => re.test(message))) return;
  const out = type === 'error' ? console.error : type === 'warn' ? console.warn : console.log;
  out(message, ...params);
});
