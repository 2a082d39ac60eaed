/**
 * The playground's settings: the sentence, the embedding size and seed, plain or trainable
 * attention (with d_k and d_v), the causal mask and the positions. Each change is one edit of the
 * store (one undo step); a classroom view shows them read-only.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { useWholeNumberInput } from '../components/useWholeNumberInput';
import { MAX_DIM, type Mode, type Positions } from '../lessons/playground';
import { checkSentence, MAX_TOKENS } from '../lessons/tokenize';
import { setSettings as set } from './actions';

/** The sentence and query when an edit of the sentence began. */
export interface EditStart {
  sentence: string;
  query: number;
}

export function SettingsPanel(props: {
  sentence: string;
  query: number;
  d: number;
  seed: number;
  mode: Mode;
  dk: number;
  dv: number;
  causal: boolean;
  positions: Positions;
  locked: boolean;
  onSentence: (text: string, start: EditStart) => void;
  /** What happened to the query when the sentence changed, or ''. */
  queryNote: string;
}) {
  const { sentence, query, d, seed, mode, dk, dv, causal, positions, locked } = props;
  return (
    <section className="playground-settings" aria-label="Settings">
      <SentenceField
        value={sentence}
        query={query}
        onCommit={props.onSentence}
        note={props.queryNote}
        readOnly={locked}
      />
      <div className="playground-row">
        <IntField
          label="Embedding size d"
          value={d}
          min={1}
          max={MAX_DIM}
          onCommit={(v) => set({ d: v })}
          readOnly={locked}
        />
        <IntField
          label="Seed"
          value={seed}
          min={0}
          max={Number.MAX_SAFE_INTEGER}
          onCommit={(v) => set({ seed: v })}
          readOnly={locked}
        />
      </div>
      <fieldset className="playground-row">
        <legend>Attention</legend>
        <label>
          <input
            type="radio"
            name="playground-mode"
            checked={mode === 'plain'}
            disabled={locked}
            onChange={() => set({ mode: 'plain' })}
          />
          Plain (scores = x @ x.T)
        </label>
        <label>
          <input
            type="radio"
            name="playground-mode"
            checked={mode === 'trainable'}
            disabled={locked}
            onChange={() => set({ mode: 'trainable' })}
          />
          Trainable (W_query, W_key, W_value)
        </label>
        <label>
          <input
            type="checkbox"
            checked={causal}
            disabled={locked}
            onChange={(e) => set({ causal: e.target.checked })}
          />
          Causal mask
        </label>
      </fieldset>
      {mode === 'trainable' && (
        <div className="playground-row">
          <IntField
            label="d_k"
            value={dk}
            min={1}
            max={MAX_DIM}
            onCommit={(v) => set({ dk: v })}
            readOnly={locked}
          />
          <IntField
            label="d_v"
            value={dv}
            min={1}
            max={MAX_DIM}
            onCommit={(v) => set({ dv: v })}
            readOnly={locked}
          />
        </div>
      )}
      <PositionsField value={positions} mode={mode} readOnly={locked} />
    </section>
  );
}

/** What each kind of positions does, said under the choice (true of the code shown). */
function positionsHint(positions: Positions, mode: string): ReactNode {
  switch (positions) {
    case 'none':
      return (
        <>
          No positions. Without the causal mask, attention sees the words as a set: reorder them and
          the context vectors come out reordered (the same up to rounding in the last bits), and a
          repeated word gets the same context vector each time. The causal mask alone already tells
          earlier words from later ones.
        </>
      );
    case 'learned':
      return (
        <>
          A second table, <code>torch.nn.Embedding(len(words), d)</code>, one row per position,
          added to the token embeddings before attention. Untrained, its rows are random: it is
          drawn from the seed right after the token embeddings, as GPT-style code does
          {mode === 'trainable' ? (
            <>
              , so <code>W_query</code>, <code>W_key</code> and <code>W_value</code>, drawn after
              it, differ from those without it.
            </>
          ) : (
            '.'
          )}
        </>
      );
    case 'sinusoidal':
      return (
        <>
          The original Transformer&apos;s fixed table, added to the token embeddings: column 2i is{' '}
          <code>sin(p · θ_i)</code> and column 2i + 1 is <code>cos(p · θ_i)</code> for position p,
          with θ_i = 10000^(−2i/d). Nothing is drawn. With an odd d the last column is a sine.
        </>
      );
    case 'rotary':
      return mode === 'plain' ? (
        <>
          Rotary positions (RoPE, as in LLaMA) turn each pair of dimensions (2i, 2i&nbsp;+&nbsp;1)
          of a word&apos;s vector by the angle p · θ_i, p its position. Plain attention has no
          queries and keys, so the scores compare the turned x (<code>rope(x) @ rope(x).T</code>)
          and the context still mixes x itself. Nothing is added. An odd d leaves its last dimension
          as it is; with d = 1 nothing turns.
        </>
      ) : (
        <>
          Rotary positions (RoPE, as in LLaMA) turn each pair of dimensions (2i, 2i&nbsp;+&nbsp;1)
          of the queries and keys by the angle p · θ_i, p the word&apos;s position: moving two words
          by the same number of places leaves their score as it was (in exact arithmetic; float32
          may differ in the last bits). The values are not turned and nothing is added. An odd d_k
          leaves its last dimension as it is; with d_k = 1 nothing turns.
        </>
      );
  }
}

const POSITION_CHOICES: { value: Positions; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'learned', label: 'Learned' },
  { value: 'sinusoidal', label: 'Sinusoidal' },
  { value: 'rotary', label: 'Rotary (RoPE)' },
];

/** The radio group "Positions", with what the chosen kind does under it. */
function PositionsField(props: { value: Positions; mode: string; readOnly: boolean }) {
  const id = useId();
  return (
    <fieldset className="playground-positions" aria-describedby={`${id}-hint`}>
      <legend>Positions</legend>
      <div className="playground-row">
        {POSITION_CHOICES.map((c) => (
          <label key={c.value}>
            <input
              type="radio"
              name="playground-positions"
              checked={props.value === c.value}
              disabled={props.readOnly}
              onChange={() => set({ positions: c.value })}
            />
            {c.label}
          </label>
        ))}
      </div>
      <p id={`${id}-hint`} className="hint">
        {positionsHint(props.value, props.mode)}
      </p>
    </fieldset>
  );
}

function SentenceField(props: {
  value: string;
  query: number;
  onCommit: (s: string, start: EditStart) => void;
  /** What happened to the query, or ''. */
  note: string;
  /** A classroom view: the sentence is shown, not edited. */
  readOnly: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  // Each keystroke's sentence is compared with the one before the editing began, so a query
  // word typed away and back again is the query again.
  const start = useRef<EditStart | null>(null);
  return (
    <div className="playground-field">
      <label htmlFor={id}>Sentence</label>
      <textarea
        id={id}
        rows={2}
        value={draft ?? props.value}
        readOnly={props.readOnly}
        aria-invalid={message !== ''}
        aria-describedby={`${id}-hint ${id}-msg ${id}-note`}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          start.current ??= { sentence: props.value, query: props.query };
          const check = checkSentence(text);
          if (check.ok) {
            setMessage('');
            props.onCommit(text, start.current);
          } else setMessage(`${check.message} The last valid sentence is still in use.`);
        }}
        onBlur={() => {
          start.current = null;
          setDraft(null);
          setMessage('');
        }}
      />
      <p id={`${id}-hint`} className="hint">
        Words are split as the notebooks split them, with Python&apos;s{' '}
        <code>sentence.split()</code>: on whitespace, so punctuation stays on its word. Up to{' '}
        {MAX_TOKENS} tokens.
      </p>
      <p id={`${id}-note`} className="playground-note" aria-live="polite">
        {props.note}
      </p>
      <p id={`${id}-msg`} className="field-error" aria-live="polite">
        {message}
      </p>
    </div>
  );
}

function IntField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit: (v: number) => void;
  readOnly: boolean;
}): ReactNode {
  const id = useId();
  // Applied on Enter, on leaving the field or after a pause: typing "16" makes one change, not 1
  // then 16; a text that is no whole number in range is refused with a message.
  const field = useWholeNumberInput(props);
  return (
    <div className="playground-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        enterKeyHint="done"
        readOnly={props.readOnly}
        {...field.inputProps}
      />
      <p id={field.messageId} className="field-error" aria-live="polite">
        {field.message}
      </p>
    </div>
  );
}
