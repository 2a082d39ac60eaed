/**
 * The playground's Copy link: the link to what the page shows at the moment of the click, built
 * from the store (not read from the address bar, which follows edits after a pause), and the
 * address brought up to date with it. The link is shown in a field to select by hand, and that
 * field goes away at the next change, so it never offers a link to values no longer shown.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { usePlayground } from './state';
import { flushLink, playgroundLink } from './useLinkSync';
import './PlaygroundShare.css';

interface Copied {
  link: string;
  /** True when the clipboard refused and the learner must copy by hand. */
  manual: boolean;
}

export function PlaygroundShare() {
  const [copied, setCopied] = useState<Copied | null>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const fieldId = useId();

  // Any change of the settings or the edits makes the shown link old: take it away.
  useEffect(() => {
    if (!copied) return;
    return usePlayground.subscribe((st, prev) => {
      if (st.settings !== prev.settings || st.edits !== prev.edits) setCopied(null);
    });
  }, [copied]);

  useEffect(() => {
    if (copied?.manual) fieldRef.current?.select();
  }, [copied]);

  const onCopy = async () => {
    const link = playgroundLink();
    flushLink();
    let ok = false;
    try {
      if (navigator.clipboard) {
        await navigator.clipboard.writeText(link);
        ok = true;
      }
    } catch {
      ok = false;
    }
    setCopied({ link, manual: !ok });
  };

  return (
    <div className="playground-share">
      <button type="button" onClick={() => void onCopy()}>
        Copy link
      </button>
      <p className="playground-share-message" role="status">
        {copied &&
          (copied.manual
            ? 'The browser did not allow copying: select the link below and copy it.'
            : `Link copied (${copied.link.length} characters): it opens the playground with these settings and edits.`)}
      </p>
      {copied && (
        <div className="playground-share-link">
          <label htmlFor={fieldId}>Share link</label>
          <input
            id={fieldId}
            ref={fieldRef}
            readOnly
            value={copied.link}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </div>
  );
}
