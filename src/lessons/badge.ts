import type { OutputSource } from './types';

/** What the badge over a printed output says, and why. */
export interface OutputBadge {
  /**
   * `notebook`: the notebook printed this, and we print the same; `differs`: the notebook printed
   * something else here; `new`: the notebook printed nothing like it; `edited`: the learner's
   * values changed it.
   */
  state: 'notebook' | 'differs' | 'new' | 'edited';
  label: string;
  /** Where the output comes from, or why it differs; shown beside the label. */
  note?: string;
}

/**
 * The badge for an output: `output` as printed now, `opening` as printed at the lesson's opening
 * values. Only a step whose source is the notebook's own printout can say "matches the notebook".
 */
export function outputBadge(source: OutputSource, output: string, opening: string): OutputBadge {
  if (output !== opening)
    return { state: 'edited', label: 'edited', note: 'your values changed it' };
  switch (source.kind) {
    case 'notebook':
      return { state: 'notebook', label: 'matches the notebook' };
    case 'differs':
      return { state: 'differs', label: 'differs from the notebook', note: source.why };
    case 'new':
      return { state: 'new', label: 'not in the notebook', note: source.from };
  }
}

/** Which PyTorch the outputs reproduce, as the note beside every output says. */
export const PYTORCH_BUILD =
  'Outputs are printed as PyTorch 1.13 prints them on an x86-64 CPU with the reference BLAS and one thread, bit for bit. Other builds (OpenBLAS, MKL, other CPUs, GPUs) add numbers in another order and can print a different last digit.';
