/**
 * How the vector plot draws what it shows. Learner choices, so they travel in share links; kept in
 * a module of their own so the link codec (url.ts) needs no store.
 */
export interface PlotOptions {
  /** Draw alpha_i * x_i tip to tail from the origin to the context vector. */
  buildContext: boolean;
  /** Arrow opacity and width follow the query's attention weight on each token. */
  weightOpacity: boolean;
}

export const DEFAULT_PLOT_OPTIONS: PlotOptions = { buildContext: false, weightOpacity: false };

/**
 * The options in link order: bit k of a link's plot flags is PLOT_OPTION_KEYS[k]. Append new
 * options at the end, never reorder, so old links keep their meaning.
 */
export const PLOT_OPTION_KEYS: readonly (keyof PlotOptions)[] = ['buildContext', 'weightOpacity'];
