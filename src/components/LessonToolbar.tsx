/**
 * A page's tools (a lesson's, the playground's: the same buttons and names): Undo and Redo (also
 * Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y), Copy link (optionally a classroom link, which opens with editing
 * off), Copy as PyTorch and Download notebook. In a classroom view it says that editing is off and
 * offers to turn it back on.
 *
 * Keyboard undo is the app's everywhere on the page, table cells included: a cell commits on
 * every keystroke, so the browser's own text undo would only replay keystrokes into the store as
 * new edits (and lose redo). The focused field is blurred for the undo and focused again, so it
 * shows the restored value rather than the text typed into it. Fields marked data-native-undo (the
 * copied-link box) keep the browser's undo.
 */
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { derive } from '../lessons/derive';
import type { Lesson } from '../lessons/types';
import { lessonNotebook, notebookJson, notebookSummary, type Notebook } from '../export/notebook';
import { pythonForStep } from '../export/python';
import { lessonPageUrl } from '../app/pageMeta';
import { lessonHash } from '../app/router';
import { encodePage, type PageId } from '../state/pages';
import { appStore, CLASSROOM_EDIT, editingOff, lessonState, shareOf, useApp } from '../state/store';
import { flushAddress } from '../state/sync';
import { MAX_PAYLOAD_CHARS, payloadSuffix } from '../state/url';
import './LessonToolbar.css';

/**
 * The share link for a page's step, with the classroom mask it should open with: built from the
 * store at the moment it is asked for, never read from the address bar (which follows edits after a
 * pause). Null when the values make a link longer than a link may be (MAX_PAYLOAD_CHARS: the
 * playground's large table with many cells edited), which would not open.
 */
function shareLink(id: PageId, step: number, classroom: number): string | null {
  // Explicit even at the defaults: a bare link would open with the recipient's own saved edits.
  const share = { ...shareOf(appStore.getState(), id), classroom };
  const payload = encodePage(id, share, { explicit: true });
  if (payload.length > MAX_PAYLOAD_CHARS) return null;
  // The page's own HTML page, so a chat app unfurls the link with its card.
  const page = lessonPageUrl(window.location.href, id);
  return `${page}${lessonHash(id, step)}${payloadSuffix(payload)}`;
}

/** What a page exports, from its values at the moment of the click. */
export interface PageExports {
  /**
   * Copy as PyTorch: the code (with a link to the same values; '' when they make too long a link)
   * and the message once copied.
   */
  python(link: string): { code: string; copied: string };
  /** Download notebook: the notebook (with the link in its first cell, unless it is ''). */
  notebook(link: string): Notebook;
  /** The downloaded file's name. */
  fileName: string;
}

/** A lesson's exports at a step: the code of steps 1 to `step`, the whole lesson as a notebook. */
function lessonExports(lesson: Lesson, step: number): PageExports {
  const derived = () => derive(lesson, lessonState(appStore.getState(), lesson.id));
  return {
    python: (link) => ({
      code: pythonForStep(lesson, derived(), step, { link }),
      copied: `PyTorch code for steps 1 to ${step} copied.`,
    }),
    notebook: (link) => lessonNotebook(lesson, derived(), { link }),
    fileName: `${lesson.id}.ipynb`,
  };
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** What the last action reported, on the step it was made on (moving on hides it). */
interface Note {
  step: number;
  message: string;
  shown: Shown | null;
}

interface Shown {
  /** Label of the field showing `text`. */
  label: string;
  text: string;
  /** True when the clipboard refused and the learner must copy by hand. */
  manual: boolean;
}

/** A lesson's toolbar at one of its steps. */
export function LessonToolbar({ lesson, step }: { lesson: Lesson; step: number }) {
  const exports = useMemo(() => lessonExports(lesson, step), [lesson, step]);
  return <PageToolbar id={lesson.id} step={step} exports={exports} />;
}

/**
 * The toolbar of any page with values (a lesson's step, the playground). Memoised: it reads the
 * store itself, so an edit elsewhere on the page does not render it again.
 */
export const PageToolbar = memo(function PageToolbar({
  id,
  step,
  exports,
  reset,
}: {
  id: PageId;
  step: number;
  exports: PageExports;
  /** A Reset button beside Undo and Redo (back to the page's defaults, one undo step). */
  reset?: { label: string };
}) {
  const canReset = useApp((s) => s.pages[id] !== undefined);
  const canUndo = useApp((s) => (s.history[id]?.past.length ?? 0) > 0);
  const canRedo = useApp((s) => (s.history[id]?.future.length ?? 0) > 0);
  const locked = useApp((s) => editingOff(s, id));
  const [classroomLink, setClassroomLink] = useState(locked);
  const [note, setNote] = useState<Note | null>(null);
  const current = note?.step === step ? note : null;
  const shown = current?.shown ?? null;
  const fieldRef = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const classroomId = useId();
  const fieldId = useId();

  useUndoKeys(id, locked);

  useEffect(() => {
    if (shown?.manual) fieldRef.current?.select();
  }, [shown]);

  // A change to the values makes a shown link or code old: take the note away.
  useEffect(() => {
    if (!note) return;
    return appStore.subscribe((st, prev) => {
      if (st.pages[id] !== prev.pages[id] || st.views[id] !== prev.views[id]) setNote(null);
    });
  }, [note, id]);

  /** Copies `text`; shows it in a field when copying failed, or always with `show`. */
  const copy = async (label: string, text: string, done: string, show: boolean) => {
    const ok = await copyText(text);
    setNote({
      step,
      message: ok ? done : 'The browser did not allow copying: select the text below and copy it.',
      shown: ok && !show ? null : { label, text, manual: !ok },
    });
  };

  const onCopyLink = () => {
    const link = shareLink(id, step, classroomLink ? CLASSROOM_EDIT : 0);
    // The address bar too shows these values now, not after the pause.
    flushAddress();
    if (link === null) {
      setNote({
        step,
        shown: null,
        message: `These values make a link longer than a link may be (${MAX_PAYLOAD_CHARS.toLocaleString('en')} characters), which would not open, so none was copied: too many cells are edited. They are kept in this browser, and Download notebook saves them all.`,
      });
      return;
    }
    void copy(
      'Share link',
      link,
      `Link copied (${link.length} characters)${classroomLink ? ': it opens with editing off' : ''}.`,
      true,
    );
  };

  const onCopyPython = () => {
    const { code, copied } = exports.python(shareLink(id, step, 0) ?? '');
    void copy('PyTorch code', code, copied, false);
  };

  const onDownload = () => {
    const nb = exports.notebook(shareLink(id, step, 0) ?? '');
    const blob = new Blob([notebookJson(nb)], { type: 'application/x-ipynb+json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exports.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    const { cells, withOutputs } = notebookSummary(nb);
    setNote({
      step,
      shown: null,
      message: `Notebook ${a.download} downloaded: ${cells} cells, ${withOutputs} with printed outputs.`,
    });
  };

  return (
    <div className="lesson-toolbar">
      {locked && (
        <div className="lt-classroom" role="status">
          <span>
            <strong>Classroom view: editing is off.</strong> The values are the ones your teacher
            shared.
          </span>
          <button type="button" onClick={() => appStore.getState().setClassroom(id, 0)}>
            Turn editing on
          </button>
        </div>
      )}
      <div className="lt-bar" role="group" aria-label="Undo, share and export">
        {!locked && (
          <span className="lt-group">
            <button
              type="button"
              onClick={() => appStore.getState().undo(id)}
              disabled={!canUndo}
              aria-keyshortcuts="Control+Z"
              title="Undo (Ctrl+Z)"
            >
              Undo
            </button>
            <button
              type="button"
              onClick={() => appStore.getState().redo(id)}
              disabled={!canRedo}
              aria-keyshortcuts="Control+Shift+Z Control+Y"
              title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
            >
              Redo
            </button>
            {reset && (
              <button
                type="button"
                onClick={() => appStore.getState().reset(id)}
                disabled={!canReset}
              >
                {reset.label}
              </button>
            )}
          </span>
        )}
        <span className="lt-group">
          <button type="button" onClick={onCopyLink}>
            Copy link
          </button>
          <span className="lt-check">
            <input
              id={classroomId}
              type="checkbox"
              checked={classroomLink}
              onChange={(e) => setClassroomLink(e.target.checked)}
            />
            <label htmlFor={classroomId}>Classroom link (editing off)</label>
          </span>
        </span>
        <span className="lt-group">
          <button type="button" onClick={onCopyPython}>
            Copy as PyTorch
          </button>
          <button type="button" onClick={onDownload}>
            Download notebook
          </button>
        </span>
      </div>
      <p className="lt-message" role="status">
        {current?.message}
      </p>
      {shown && (
        <div className="lt-shown" data-native-undo="">
          <label htmlFor={fieldId}>{shown.label}</label>
          {shown.text.includes('\n') ? (
            <textarea id={fieldId} ref={fieldRef} readOnly value={shown.text} rows={8} />
          ) : (
            <input
              id={fieldId}
              ref={fieldRef}
              readOnly
              value={shown.text}
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
        </div>
      )}
    </div>
  );
});

/** Ctrl+Z / Cmd+Z undo; Ctrl+Shift+Z, Cmd+Shift+Z and Ctrl+Y redo (see the module comment). */
function useUndoKeys(id: PageId, locked: boolean) {
  useEffect(() => {
    if (locked) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      const isUndo = key === 'z' && !e.shiftKey;
      const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey && e.ctrlKey);
      if (!isUndo && !isRedo) return;
      const el = document.activeElement;
      if (el instanceof HTMLElement && el.closest('[data-native-undo]')) return;
      e.preventDefault();
      const field = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
      field?.blur();
      const st = appStore.getState();
      if (isUndo) st.undo(id);
      else st.redo(id);
      if (field) requestAnimationFrame(() => field.isConnected && field.focus());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, locked]);
}
