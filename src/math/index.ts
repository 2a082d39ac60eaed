/** The math core's public API: pure TypeScript, float32 like PyTorch, no imports from outside. */
export * from './tensor';
export * from './random';
export * from './format';
export * from './ops';
export * from './attention';
export * from './trig';
export * from './positions';
export * from './grad';
export * from './optim';
export * from './train';
