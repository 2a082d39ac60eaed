/** The product's name and what it is, for page titles, descriptions and link previews. */
export const SITE_NAME = 'Attention Notebook';

/** The site's description: index.html's, and that of every route without a lesson. */
export const SITE_DESCRIPTION =
  'An explorable explanation of self-attention: walk PyTorch notebooks step by step, edit the numbers and watch every output recompute.';
