/**
 * Messages the app owes the learner about their values: a link that could not be fully read, saved
 * edits a link replaced, saving that is off. Kept apart from the app store: they are about the
 * session, not choices a link or an undo should carry.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { LessonId } from '../lessons/types';

export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Notice {
  /** A notice replaces an earlier one with the same id. */
  id: string;
  /** Where it shows: on one page (a lesson, the playground), or on every page ('app'). */
  scope: LessonId | 'app';
  /** 'error' is announced at once (role="alert"); others politely (role="status"). */
  tone: 'info' | 'warning' | 'error';
  title: string;
  text: string;
  actions?: readonly NoticeAction[];
  /** Runs when the learner dismisses the notice (before it goes): e.g. forget what it offered. */
  onDismiss?: () => void;
}

export const noticeStore = createStore<{ notices: readonly Notice[] }>()(() => ({ notices: [] }));

export function notify(n: Notice): void {
  noticeStore.setState((s) => ({ notices: [...s.notices.filter((m) => m.id !== n.id), n] }));
}

export function dismiss(id: string): void {
  noticeStore.setState((s) =>
    s.notices.some((m) => m.id === id) ? { notices: s.notices.filter((m) => m.id !== id) } : s,
  );
}

/** The notices for one scope. */
export function useNotices(scope: Notice['scope']): readonly Notice[] {
  const all = useStore(noticeStore, (s) => s.notices);
  return all.filter((n) => n.scope === scope);
}
