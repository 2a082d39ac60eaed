/**
 * The editable embedding table (also used for W_query, W_key, W_value): a controlled view in the
 * style of mafs' MovablePoint. It takes the tensor and an onChange and keeps no copy of the values;
 * its only state is transient UI (the text of the cell being typed, the last paste's message), and
 * scrub drags live in a ref, so a drag re-renders only through the parent's new value. Cells are
 * memoised with handlers that never change, so an edit re-renders the one cell whose text changed
 * (a 64-dimension row has 64).
 *
 * Typing applies each valid text at once; while the text is not a value the cell holds the value
 * it had before the typing began, and a message beside the cell says so. Enter or leaving the cell
 * with such a text puts that value back in the cell and leaves the message ("“2/3” is not a
 * number; kept 0.43.") beside it until the next edit: a value is never silently replaced.
 */
import {
  memo,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { float32Display } from '../math/format';
import type { Tensor } from '../math/tensor';
import {
  applyBlock,
  defaultCellLabel,
  parseCellValue,
  parsePaste,
  pasteErrorMessage,
  pasteMessage,
  refusalMessage,
  scrubValue,
  stepFor,
  stepValue,
  type Refusal,
} from '../view/numberInput';
import { useStableHandlers } from '../app/useStableHandlers';
import { useScrollCue } from './ScrollBox';
import './EditableMatrix.css';

export interface EditableMatrixProps {
  /** Visible caption and accessible name of the table, e.g. "Embeddings". */
  caption: string;
  /** Row headers (the tokens). */
  rowLabels: readonly string[];
  /** Visible column headers, e.g. ["dim 1", "dim 2", "dim 3"]. */
  colLabels: readonly string[];
  /** The values, [rows, cols]. */
  value: Tensor;
  /**
   * Called with a whole new Tensor (value.data is never mutated), holding only finite values with
   * |x| <= 1000. Called on every valid keystroke, arrow step, scrub move and accepted paste, and
   * with the value from before the typing when a typed text stops being a value.
   */
  onChange: (next: Tensor) => void;
  /** Accessible name of cell (r, c); default `${rowLabels[r]}, dimension ${c + 1}`. */
  cellLabel?: (r: number, c: number) => string;
  /** Rows to highlight (the query row, a hovered token). */
  highlightRows?: readonly number[];
  /** Pointer or focus enters a row (null when it leaves), so other views can highlight the token. */
  onHoverRow?: (r: number | null) => void;
  /** Shows a reset button (labelled `resetLabel`) when given. */
  onReset?: () => void;
  /** The reset button's text; default "Reset to the notebook's values". */
  resetLabel?: string;
  /** Values shown but not editable (a classroom view): no grips, hint or reset, inputs read-only. */
  readOnly?: boolean;
  /** False disables the reset button (nothing to reset). */
  edited?: boolean;
  /** A colour swatch per row (the plot's arrow colours); also tints a highlighted row. */
  rowColors?: readonly string[];
}

/** The text of the cell being typed in, while it differs from the value's displayed form. */
interface Draft {
  index: number;
  text: string;
}

interface Notice {
  text: string;
  tone: 'info' | 'error';
}

/** A text refused by Enter or by leaving its cell; the cell went back to `kept`. */
interface Refused {
  index: number;
  text: string;
  refusal: Refusal;
  kept: number;
}

/** A scrub in progress. Re-anchored when a modifier changes, so the value does not jump. */
interface Scrub {
  pointerId: number;
  index: number;
  x: number;
  start: number;
  step: number;
  last: number;
}

/**
 * How many characters wide the inputs are: as wide as the longest displayed value (typed text
 * scrolls inside its input, so the table does not change width on every keystroke), up to 17, the
 * longest a float32 displays as (-0.00000123456789): no value is cut.
 */
function inputChars(shown: readonly string[]): number {
  return Math.min(17, Math.max(4, ...shown.map((t) => t.length)));
}

/**
 * How many columns of a printed table (about 7.6 characters each) an editable matrix of `value`
 * is as wide as, for the page layout: each of its columns is a grip, an input and their padding,
 * about 5.4 characters beside the input's own (measured at 1280 px: four columns of 12-character
 * inputs take 745 px).
 */
export function editableColumns(value: Tensor): number {
  const cols = value.shape[value.shape.length - 1] ?? 1;
  return Math.ceil((cols * (inputChars(Array.from(value.data, float32Display)) + 5.4)) / 7.6);
}

export function EditableMatrix(props: EditableMatrixProps) {
  const { caption, rowLabels, colLabels, value, onChange, cellLabel, highlightRows } = props;
  const { onHoverRow, onReset, edited, rowColors, readOnly = false } = props;

  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  // Value of the focused cell when it got focus: Escape goes back to it.
  const focusStart = useRef<{ index: number; value: number } | null>(null);
  // Value of the cell being typed in when the typing began: kept while the text is no value.
  const draftStart = useRef<{ index: number; value: number } | null>(null);
  const scrub = useRef<Scrub | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const calloutRef = useRef<HTMLParagraphElement>(null);
  useScrollCue(scrollRef);
  const id = useId();
  const messageId = `${id}-message`;
  const hintId = `${id}-hint`;
  const calloutId = `${id}-cell-message`;

  if (value.shape.length !== 2) {
    throw new Error(`EditableMatrix needs a 2-d tensor, got shape [${value.shape.join(', ')}]`);
  }
  const [nRows, nCols] = value.shape as [number, number];

  const labelOf = (r: number, c: number) =>
    cellLabel ? cellLabel(r, c) : defaultCellLabel(rowLabels[r] ?? `row ${r + 1}`, c);

  /** Sends a copy of value with one cell changed; nothing when the float32 would not change. */
  const commit = (index: number, x: number) => {
    if (Math.fround(x) === value.data[index]) return;
    const data = value.data.slice();
    data[index] = x;
    if (!readOnly) onChange({ shape: value.shape, data });
  };

  const clearTransient = () => {
    if (draft) setDraft(null);
    if (notice) setNotice(null);
    if (refused) setRefused(null);
  };

  /** The typed text of cell `index` when it is not a value (null when it is, or none is typed). */
  const invalidDraft = (index: number): { text: string; refusal: Refusal } | null => {
    if (!draft || draft.index !== index) return null;
    const parsed = parseCellValue(draft.text);
    return parsed.ok ? null : { text: draft.text, refusal: parsed.refusal };
  };

  /** Ends the typing in cell `index`: a text that is no value is refused, and the message stays. */
  const settle = (index: number): boolean => {
    const bad = invalidDraft(index);
    if (!bad) return false;
    setDraft(null);
    setRefused({ index, ...bad, kept: value.data[index]! });
    return true;
  };

  // Handlers are shared by all cells (no closure per cell); each finds its cell from data-cell.
  const cellOf = (el: HTMLElement) => Number(el.dataset.cell);

  const focusCell = (index: number) => {
    const input = tableRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${index}"]`);
    input?.focus();
    input?.select();
  };

  const onInput = (e: ChangeEvent<HTMLInputElement>) => {
    const index = cellOf(e.currentTarget);
    const text = e.target.value;
    if (!draft || draft.index !== index || draftStart.current?.index !== index) {
      draftStart.current = { index, value: value.data[index]! };
    }
    setDraft({ index, text });
    if (notice) setNotice(null);
    if (refused) setRefused(null);
    const parsed = parseCellValue(text);
    // A text that is no value (yet) keeps the value from before the typing, not the last prefix
    // that was one: "2/3" never leaves 2 behind, nor "1e40" 1.
    commit(index, parsed.ok ? parsed.value : draftStart.current.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey) return;
    const index = cellOf(e.currentTarget);
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      // From the last valid value, whatever half-typed text the cell shows.
      commit(index, stepValue(value.data[index]!, e.key === 'ArrowUp' ? 1 : -1, stepFor(e)));
      clearTransient();
    } else if (e.key === 'Escape') {
      const start = focusStart.current;
      if (draft || (start && start.index === index && start.value !== value.data[index])) {
        e.preventDefault();
        if (start && start.index === index) commit(index, start.value);
        clearTransient();
      }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // A refused text stays in its cell's place: the message is beside it and the cell is
      // ready for another try.
      if (settle(index)) {
        e.currentTarget.select();
        return;
      }
      const target = index + (e.shiftKey ? -nCols : nCols);
      if (target >= 0 && target < nRows * nCols) focusCell(target);
    }
  };

  const onFocus = (e: FocusEvent<HTMLInputElement>) => {
    const index = cellOf(e.currentTarget);
    focusStart.current = { index, value: value.data[index]! };
  };

  const onBlur = (e: FocusEvent<HTMLInputElement>) => {
    // The text snaps back to the current value's displayed form; a text that was no value leaves
    // its message behind, and a message already seen in this cell goes.
    const index = cellOf(e.currentTarget);
    focusStart.current = null;
    if (notice) setNotice(null);
    if (settle(index)) return;
    if (draft) setDraft(null);
    if (refused?.index === index) setRefused(null);
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const index = cellOf(e.currentTarget);
    const r = Math.floor(index / nCols);
    const c = index % nCols;
    const result = parsePaste(e.clipboardData.getData('text/plain'));
    if (result.kind === 'single') return; // the input takes it as typing
    e.preventDefault();
    if (draft) setDraft(null);
    if (refused) setRefused(null);
    if (result.kind === 'error') {
      setNotice({ tone: 'error', text: pasteErrorMessage(result.error) });
      return;
    }
    const outcome = applyBlock(value, r, c, result.rows);
    if (!readOnly && outcome.next.data.some((x, i) => x !== value.data[i])) onChange(outcome.next);
    setNotice({ tone: 'info', text: pasteMessage(outcome, labelOf(r, c)) });
  };

  const onGripDown = (e: PointerEvent<HTMLSpanElement>) => {
    if (e.button !== 0) return;
    const index = cellOf(e.currentTarget);
    // No focus change (it would open a touch keyboard) and no text selection while dragging.
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.classList.add('is-scrubbing');
    const start = value.data[index]!;
    scrub.current = {
      pointerId: e.pointerId,
      index,
      x: e.clientX,
      start,
      step: stepFor(e),
      last: start,
    };
    clearTransient();
  };

  const onGripMove = (e: PointerEvent<HTMLSpanElement>) => {
    const s = scrub.current;
    if (!s || s.pointerId !== e.pointerId) return;
    const step = stepFor(e);
    if (step !== s.step) {
      Object.assign(s, { x: e.clientX, start: s.last, step });
      return;
    }
    const next = scrubValue(s.start, e.clientX - s.x, step);
    if (next !== s.last) {
      s.last = next;
      commit(s.index, next);
    }
  };

  const onGripEnd = (e: PointerEvent<HTMLSpanElement>) => {
    if (scrub.current?.pointerId !== e.pointerId) return;
    scrub.current = null;
    e.currentTarget.classList.remove('is-scrubbing');
  };

  // The cells' handlers: stable functions that call this render's (the latest committed one's).
  const handlers = useStableHandlers<CellHandlers>({
    onInput,
    onKeyDown,
    onFocus,
    onBlur,
    onPaste,
    onGripDown,
    onGripMove,
    onGripEnd,
  });

  const onRowBlur = (e: FocusEvent<HTMLTableRowElement>) => {
    const to = e.relatedTarget;
    if (!(to instanceof Node && e.currentTarget.contains(to))) onHoverRow?.(null);
  };

  // The message under the table: the last paste.
  const message = notice?.text ?? '';
  const tone: Notice['tone'] = notice?.tone ?? 'info';
  // The message beside a cell: its text being typed is no value, or was refused. A refusal goes
  // once its cell holds another value (an undo, a reset).
  let invalidIndex = -1;
  let calloutIndex = -1;
  let callout = '';
  const typed = draft && draft.index < value.data.length ? invalidDraft(draft.index) : null;
  if (draft && typed) {
    invalidIndex = calloutIndex = draft.index;
    callout = refusalMessage(typed.text, typed.refusal, value.data[draft.index]!);
  } else if (
    refused &&
    refused.index < value.data.length &&
    value.data[refused.index] === refused.kept
  ) {
    calloutIndex = refused.index;
    callout = refusalMessage(refused.text, refused.refusal, refused.kept);
  }
  const calloutLabel =
    calloutIndex >= 0 ? labelOf(Math.floor(calloutIndex / nCols), calloutIndex % nCols) : '';

  // The message sits just below its cell (over the rows beneath, which it lets clicks through
  // to), inside the table's box even when the table scrolls.
  useLayoutEffect(() => {
    const root = rootRef.current;
    const box = calloutRef.current;
    const scroller = scrollRef.current;
    if (calloutIndex < 0 || !root || !box || !scroller) return;
    const place = () => {
      const input = tableRef.current?.querySelector(`input[data-cell="${calloutIndex}"]`);
      if (!input) return;
      const r = root.getBoundingClientRect();
      const c = input.getBoundingClientRect();
      const s = scroller.getBoundingClientRect();
      const top = Math.min(Math.max(c.bottom, s.top), s.bottom) - r.top + 6;
      const maxLeft = Math.max(0, r.width - box.offsetWidth);
      const left = Math.min(Math.max(0, c.left - r.left), maxLeft);
      const tip = Math.min(
        Math.max(c.left + c.width / 2 - r.left - left, 12),
        box.offsetWidth - 12,
      );
      box.style.top = `${top}px`;
      box.style.left = `${left}px`;
      box.style.setProperty('--em-callout-tip', `${tip}px`);
    };
    place();
    scroller.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      scroller.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [calloutIndex, callout]);

  const shown = Array.from(value.data, float32Display);
  const chars = inputChars(shown);

  const rows = [];
  for (let r = 0; r < nRows; r++) {
    const color = rowColors?.[r];
    const highlighted = highlightRows?.includes(r) ?? false;
    const cells = [];
    for (let c = 0; c < nCols; c++) {
      const index = r * nCols + c;
      const invalid = index === invalidIndex;
      cells.push(
        <Cell
          key={c}
          index={index}
          text={draft?.index === index ? draft.text : shown[index]!}
          label={labelOf(r, c)}
          invalid={invalid}
          describedBy={
            readOnly ? undefined : index === calloutIndex ? `${calloutId} ${hintId}` : hintId
          }
          readOnly={readOnly}
          handlers={handlers}
        />,
      );
    }
    rows.push(
      <tr
        key={r}
        className={highlighted ? 'em-row is-highlighted' : 'em-row'}
        style={color ? ({ '--em-row-color': color } as CSSProperties) : undefined}
        onPointerEnter={onHoverRow && (() => onHoverRow(r))}
        onPointerLeave={onHoverRow && (() => onHoverRow(null))}
        onFocus={onHoverRow && (() => onHoverRow(r))}
        onBlur={onHoverRow && onRowBlur}
      >
        <th scope="row">
          {color && <span className="em-swatch" aria-hidden="true" />}
          {rowLabels[r] ?? `row ${r + 1}`}
        </th>
        {cells}
      </tr>,
    );
  }

  return (
    <div className="em" ref={rootRef}>
      <div className="em-scroll" ref={scrollRef}>
        <table
          className="em-table"
          ref={tableRef}
          style={{ '--em-chars': String(chars) } as CSSProperties}
        >
          <caption>
            {/* A span, so the caption's text can stay in view while the table scrolls sideways. */}
            <span>{caption}</span>
          </caption>
          <thead>
            <tr>
              <td className="em-corner" />
              {Array.from({ length: nCols }, (_, c) => (
                <th key={c} scope="col">
                  {colLabels[c] ?? `dim ${c + 1}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </div>
      {!readOnly && (
        // Always in the page, so a screen reader announces each new message (role="status").
        <p
          id={calloutId}
          ref={calloutRef}
          className={callout ? 'em-callout is-shown' : 'em-callout'}
          role="status"
        >
          {callout && (
            <>
              <span className="em-visually-hidden">{calloutLabel}: </span>
              {callout}
            </>
          )}
        </p>
      )}
      {!readOnly && (
        <div className="em-footer">
          {/* The hint and the message share one box: a message covers the hint instead of pushing
            the page down. */}
          <div className="em-notes">
            <p className={message ? 'em-hint is-covered' : 'em-hint'}>
              <span id={hintId}>Up and Down arrows: ±0.01, with Shift ±0.1, with Alt ±0.001.</span>{' '}
              Or drag <span aria-hidden="true">⇔</span> sideways, or paste rows from a spreadsheet.
            </p>
            <p id={messageId} className={`em-message is-${tone}`} role="status">
              {message}
            </p>
          </div>
          {onReset && (
            <button
              type="button"
              className="em-reset"
              onClick={onReset}
              disabled={edited === false}
            >
              {props.resetLabel ?? "Reset to the notebook's values"}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

interface CellHandlers {
  onInput: (e: ChangeEvent<HTMLInputElement>) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  onFocus: (e: FocusEvent<HTMLInputElement>) => void;
  onBlur: (e: FocusEvent<HTMLInputElement>) => void;
  onPaste: (e: ClipboardEvent<HTMLInputElement>) => void;
  onGripDown: (e: PointerEvent<HTMLSpanElement>) => void;
  onGripMove: (e: PointerEvent<HTMLSpanElement>) => void;
  onGripEnd: (e: PointerEvent<HTMLSpanElement>) => void;
}

// Pressing the grip leaves focus and the text selection where they are.
const keepFocus = (e: MouseEvent<HTMLSpanElement>) => e.preventDefault();

/** One cell: its grip (unless read-only) and its input. Handlers find the cell by data-cell. */
const Cell = memo(function Cell(props: {
  index: number;
  text: string;
  label: string;
  invalid: boolean;
  describedBy: string | undefined;
  readOnly: boolean;
  handlers: CellHandlers;
}) {
  const { index, text, label, invalid, describedBy, readOnly, handlers: h } = props;
  return (
    <td className="em-cell">
      {!readOnly && (
        <span
          className="em-grip"
          aria-hidden="true"
          title="Drag sideways to change this value (Shift: faster, Alt: finer)"
          onMouseDown={keepFocus}
          data-cell={index}
          onPointerDown={h.onGripDown}
          onPointerMove={h.onGripMove}
          onPointerUp={h.onGripEnd}
          onPointerCancel={h.onGripEnd}
          onLostPointerCapture={h.onGripEnd}
        >
          ⇔
        </span>
      )}
      <input
        className="em-input"
        type="text"
        // Not inputMode="decimal": iOS's decimal pad has no minus sign, and in comma locales
        // it offers "," as the only decimal mark, which a cell refuses.
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="next"
        data-cell={index}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        readOnly={readOnly}
        value={text}
        onChange={h.onInput}
        onKeyDown={h.onKeyDown}
        onFocus={h.onFocus}
        onBlur={h.onBlur}
        onPaste={h.onPaste}
      />
    </td>
  );
});
