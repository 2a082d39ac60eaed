/**
 * Pure rules behind TrainControls (src/components/TrainControls.tsx): what a learning rate may be,
 * the message that refuses one, and the status line's words. No React here, so every rule is
 * unit-tested in Node.
 */
import { float32Display } from '../math/format';
import { parseCellValue, refusalReason, type Refusal } from './numberInput';

/** The largest learning rate accepted (the tables' bound on a value; far beyond divergence). */
export const MAX_LR = 1000;
/**
 * The smallest: PyTorch multiplies the float32 gradient by lr rounded to float32, and a rate far
 * below this would make every step change nothing (float32 stops at about 1e-45).
 */
export const MIN_LR = 1e-8;

export type LrRefusal = Refusal | 'not-positive' | 'too-small';

export type LrResult = { ok: true; value: number } | { ok: false; refusal: LrRefusal };

/**
 * Reads a typed learning rate as a table cell is read (a decimal comma is a point; `1e-3` is a
 * number; `abc`, `inf`, `nan` and `2/3` are not), then requires it to be more than 0: 0 trains
 * nothing and a negative rate climbs the loss. Nothing is rounded, cut or replaced.
 */
export function parseLearningRate(text: string): LrResult {
  const cell = parseCellValue(text);
  if (!cell.ok) {
    // -5000 is first of all not more than 0.
    const t = text.trim().replace(/\u2212/g, '-');
    if (cell.refusal === 'out-of-range' && t.startsWith('-')) {
      return { ok: false, refusal: 'not-positive' };
    }
    return cell;
  }
  if (cell.value <= 0) return { ok: false, refusal: 'not-positive' };
  if (cell.value < MIN_LR) return { ok: false, refusal: 'too-small' };
  return cell;
}

function quote(text: string): string {
  const t = text.trim();
  return `“${t.length > 24 ? `${t.slice(0, 23)}…` : t}”`;
}

/**
 * What was wrong with a typed learning rate and what was kept, e.g.
 * "Learning rate: “0” is not more than 0; kept 0.1."
 */
export function learningRateMessage(text: string, refusal: LrRefusal, kept: number): string {
  const why: string =
    refusal === 'not-positive'
      ? 'is not more than 0'
      : refusal === 'too-small'
        ? `is smaller than ${MIN_LR} (a step would change nothing)`
        : refusal === 'out-of-range'
          ? `is larger than ${MAX_LR}`
          : refusalReason(refusal, text);
  const what = refusal === 'empty' ? 'Empty' : `${quote(text)} ${why}`;
  return `Learning rate: ${what}; kept ${formatLearningRate(kept)}.`;
}

/** A learning rate as the field shows it: the shortest text that reads back as the same number. */
export function formatLearningRate(lr: number): string {
  return Number.isFinite(lr) ? String(lr) : float32Display(lr);
}

/** The status line: where the run is, whether it trains, and what the page adds (the loss). */
export function statusText(p: {
  step: number;
  steps: number;
  playing: boolean;
  status?: string | undefined;
}): string {
  const where = `Step ${p.step} of ${p.steps}`;
  const doing = p.playing ? 'training' : p.step >= p.steps ? 'at the last step' : 'paused';
  return [where, doing, p.status].filter((s) => s !== undefined && s !== '').join(' · ');
}
