import type { LessonId } from '../lessons/types';
import { dismiss, useNotices, type Notice } from '../state/notices';
import './Notice.css';

/**
 * The notices for one scope (a lesson's page, or 'app' for every page): what went wrong with a
 * link or with saving, and what the learner can do about it. Errors are alerts; the rest status.
 * Text only: a notice quotes nothing from a link as markup.
 */
export function Notices({ scope }: { scope: LessonId | 'app' }) {
  const notices = useNotices(scope);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <NoticeBox key={n.id} notice={n} />
      ))}
    </div>
  );
}

function NoticeBox({ notice }: { notice: Notice }) {
  return (
    <div
      className={`notice notice-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-notice={notice.id.split(':', 1)[0]}
    >
      <div className="notice-body">
        <p className="notice-title">{notice.title}</p>
        <p className="notice-text">{notice.text}</p>
      </div>
      <div className="notice-actions">
        {notice.actions?.map((a) => (
          <button key={a.label} type="button" onClick={a.run}>
            {a.label}
          </button>
        ))}
        <button
          type="button"
          className="notice-dismiss"
          aria-label={`Dismiss: ${notice.title}`}
          onClick={() => {
            notice.onDismiss?.();
            dismiss(notice.id);
          }}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
