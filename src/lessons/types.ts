/**
 * Lessons are typed data: ids are stable because links carry them, and no prose lives in render code.
 * A step's live parts (printed outputs, formulas with numbers) are pure functions of the derived
 * values, so they recompute whenever the learner edits something, and can be tested without a page.
 */
import type { Tensor } from '../math/tensor';
import type { TrainingChoice, TrainingDerived } from './training/model';
import type { WordOrderDerived, WordOrderState } from './wordOrderModel';

/**
 * The route ids that links carry; fixed, never renamed: the five lessons, and 'playground', the
 * one page that is not a lesson (no steps; its values are declared in src/state/playground.ts and
 * computed by ./playground.ts). It is listed here for the routes, the catalogue, page titles, the
 * pre-rendered pages and link cards, which treat every page alike.
 */
export const LESSON_IDS = [
  'dream-big',
  'your-journey',
  'training',
  'random-embeddings',
  'life-is-short',
  'attention-seeker',
  'word-order',
  'playground',
] as const;

export type LessonId = (typeof LESSON_IDS)[number];

/** Trainable projections W_query, W_key, W_value, as `torch.rand` makes them after a seed. */
export interface TrainableSpec {
  /** The seed passed to `torch.manual_seed` before the three `torch.rand` calls. */
  seed: number;
  dIn: number;
  /** Output size of W_query and W_key (d_q = d_k). */
  dK: number;
  /** Output size of W_value. */
  dV: number;
  /**
   * `'x@W'` (default): W is [dIn, dOut] and queries are `x @ W_query` (the book, seed 004).
   * `'W@x'`: W is [dOut, dIn] and `query_2 = W_query.matmul(x_2)` (seed 003's article).
   */
  layout?: 'x@W' | 'W@x';
}

/** W_query, W_key, W_value. */
export interface Weights {
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
}

/** What the learner chose for one lesson. Everything else is derived from it. */
export interface LessonState {
  /** Token embeddings, one row per token. */
  embeddings: Tensor;
  /** 0-based index of the query token (the notebooks use the 2nd, index 1). */
  query: number;
  /** Seed for the trainable weights (lessons with `trainable`). */
  seed: number;
  /** W_query, W_key, W_value (shapes per TrainableSpec.layout); null without `trainable`. */
  weights: Weights | null;
  /** The training lesson's goal and settings (absent: its defaults). */
  training?: TrainingChoice;
  /** The word-order lesson's choices: permutation, learned position table, rotary shift. */
  order?: WordOrderState;
}

/** Values computed from a LessonState; views and outputs read these, never recompute them. */
export interface Derived {
  tokens: readonly string[];
  /** The embeddings, [n, d]. */
  x: Tensor;
  query: number;
  /** Query token's name. */
  queryToken: string;
  /** The seed of the trainable weights (what `torch.manual_seed` is called with). */
  seed: number;
  /** Lengths of the embeddings, [n] (torch.norm(x, dim=1)). */
  norms: Tensor;
  /** Scores of the query against every token, [n], computed as the notebooks' loops do. */
  queryScores: Tensor;
  /** queryScores / queryScores.sum(): the naive normalisation. */
  queryNaive: Tensor;
  /** softmax(queryScores), [n]. */
  queryWeights: Tensor;
  /** Context vector of the query, [d]. */
  queryContext: Tensor;
  /** x @ x.T, [n, n]. */
  scores: Tensor;
  /** softmax(scores, dim=-1), [n, n]. */
  weights: Tensor;
  /** weights @ x, [n, d]. */
  context: Tensor;
  /** Present in lessons with trainable weights. */
  trainable: TrainableDerived | null;
  /** The training lesson's start, one step and run (only in that lesson). */
  training?: TrainingDerived;
  /** The word-order lesson's shuffled, positioned and rotated runs. */
  order?: WordOrderDerived;
}

/**
 * The trainable pipeline, computed once per state: every row of it (all queries at once), the
 * causal run beside it, and the chosen query's rows, which most steps show. Rows are taken from
 * the whole matrices, so a query's row equals the same row of the matrix bit for bit.
 */
export interface TrainableDerived {
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  /** Size of queries and keys (d_q = d_k). */
  dK: number;
  /** Every token's query, [n, dK]: `x @ W_query` (or `(W_query @ x.T).T` in the 'W@x' layout). */
  queries: Tensor;
  /** Every token's key, [n, dK]. */
  keys: Tensor;
  /** Every token's value, [n, dV]. */
  values: Tensor;
  /** `queries @ keys.T`: every query's unnormalised scores, [n, n]. */
  scores: Tensor;
  /** `scores / math.sqrt(dK)`, [n, n]. */
  scaled: Tensor;
  /** `softmax(scaled, dim=-1)`: every query's attention weights, [n, n]. */
  weights: Tensor;
  /** `weights @ values`: every token's context vector, [n, dV]. */
  context: Tensor;
  /**
   * Every query's scores with the causal mask applied, as `attn_scores.masked_fill(mask,
   * -torch.inf)` leaves them: -inf above the diagonal, [n, n]. Unscaled.
   */
  maskedScores: Tensor;
  /** The same pipeline with a causal mask: token i attends to tokens 0 to i only. */
  causal: CausalDerived;
  /** The query's row of `queries`, [dK]. */
  queryVec: Tensor;
  /** The query's row of `scores` (omega: its unnormalised attention scores), [n]. */
  omega: Tensor;
  /** The query's row of `weights`, [n]. */
  queryWeights: Tensor;
  /** The query's row of `context`: its context vector z, [dV]. */
  queryContext: Tensor;
}

/** Scaled dot-product attention under a causal mask, every row. */
export interface CausalDerived {
  /** `scaled` with -inf above the diagonal, [n, n]. */
  masked: Tensor;
  /** `softmax(masked, dim=-1)`: zero above the diagonal, [n, n]. */
  weights: Tensor;
  /** `weights @ values`, [n, dV]. */
  context: Tensor;
}

/** Which query/key pair the learner is pointing at; views highlight it everywhere. */
export interface Highlight {
  /** Query (row) index, or null. */
  i: number | null;
  /** Key (column) index, or null. */
  j: number | null;
}

/** Named values a matrix view shows (any other tensor of Derived: a tensor view). */
export type MatrixName =
  | 'queryScores'
  | 'queryNaive'
  | 'queryWeights'
  | 'queryContext'
  | 'scores'
  | 'weights'
  | 'context'
  | 'norms'
  | 'keys'
  | 'values'
  | 'omega'
  | 'maskedScores'
  | 'trainableWeights'
  | 'trainableContext';

/**
 * Which axes of a shown tensor run over the tokens, and so carry their labels and follow the
 * highlight: `'both'` (a query × key table: scores, weights), `'rows'` (one row per token: keys,
 * context vectors), `'cols'` (one query's row over every key: its scores or weights) or `'none'`
 * (one query's vector over dimensions). Without it, a tensor view reads it from the shape: 2-d
 * [n, n] is 'both', 2-d [n, c] 'rows', 1-d [n] 'cols', anything else 'none' (n the token count).
 */
export type TensorAxes = 'both' | 'rows' | 'cols' | 'none';

/** A live view shown beside a step's prose. */
export type View =
  /** The editable embedding table. */
  | { kind: 'embeddings' }
  /** The vector plot; `context` adds the query's context vector as a black arrow. */
  | { kind: 'plot'; context?: boolean }
  /** A heatmap table of a named value; `rowSums` adds a column with each row's sum. */
  | { kind: 'matrix'; of: MatrixName; caption: string; rowSums?: boolean }
  /**
   * A heatmap table of any tensor the step computes (1-d or 2-d), picked from the derived values:
   * `{ kind: 'tensor', of: (d) => d.trainable!.scaled, caption: 'Scaled scores' }`. `axes` says
   * which of its axes run over the tokens; by default, read from its shape (see TensorAxes).
   */
  | {
      kind: 'tensor';
      of: (d: Derived) => Tensor;
      caption: string;
      rowSums?: boolean;
      axes?: TensorAxes;
      /**
       * Token labels for a tensor about another sentence than the lesson's (its token axes carry
       * these; such a table does not follow the lesson's highlight).
       */
      labels?: readonly string[];
      /** Row labels in place of the tokens' (a shuffled sentence's rows); given the tokens' labels. */
      rowLabels?: (d: Derived, labels: readonly string[]) => readonly string[];
    }
  /** Editable W_query, W_key, W_value and their seed. */
  | { kind: 'trainable' }
  /** The seed alone (lessons whose embeddings come from it); `label` names what it rolls. */
  | { kind: 'seed'; label?: string }
  /** The picker for which token is the query. */
  | { kind: 'query' }
  /** The word-order lesson: Shuffle and the editable permutation. */
  | { kind: 'order' }
  /** The word-order lesson: the editable learned position table. */
  | { kind: 'positions' }
  /** The word-order lesson: rotated queries and keys in a plot, and the shift that moves them. */
  | { kind: 'rope' }
  /**
   * A predict-then-reveal question: the learner picks one of `choices` and checks it; then the
   * live numbers answer. `answer` gives the right choice's index from the derived values (never a
   * fixed index: an edit can change it), `reveal` the markdown (with $TeX$) stating the numbers
   * that settle it. `id` is stable within the lesson.
   */
  | {
      kind: 'predict';
      id: string;
      question: string;
      choices: readonly string[];
      answer: (d: Derived) => number;
      reveal: (d: Derived) => string;
    }
  /**
   * A line chart of one series over steps (a loss curve): picking a step sets the lesson's
   * `field` (a whole number) to it. A log-scale switch beside it.
   */
  | {
      kind: 'lineChart';
      of: (d: Derived) => ArrayLike<number>;
      at: (d: Derived) => number;
      field: string;
      label: string;
      xLabel: string;
      yLabel: string;
    }
  /** Training: the attention weights (at the start or the step shown) with the goal, editable. */
  | { kind: 'trainGoal'; at: 'start' | 'now' }
  /** Training: Play / Pause / Step / Reset, the optimizer, the learning rate and the steps. */
  | { kind: 'trainControls' }
  /** Training: the 2-d queries and keys at the step shown. */
  | { kind: 'trainPlot' };

/**
 * Where a step's printed output comes from, which the badge over it states. Every step with an
 * `output` declares one, and the lesson tests check it against the seed notebooks' text.
 */
export type OutputSource =
  /**
   * The notebook printed this output, in the one cell whose text contains `cell` (a line of its
   * code), and at the lesson's opening values we print the same text.
   */
  | { kind: 'notebook'; cell: string }
  /**
   * The notebook's cell (found as above) printed an output, but ours differs at the opening
   * values; `why` says why, beside the badge ("its inputs had more digits than it printed").
   */
  | { kind: 'differs'; cell: string; why: string }
  /**
   * The notebook prints nothing like it: a new cell, a continuation, or a cell whose output the
   * notebook did not keep. `from` says where it comes from ("from the book, section 3.4").
   */
  | { kind: 'new'; from: string };

interface StepBase {
  /** Stable within its lesson; fixtures and tests key on it. */
  id: string;
  title: string;
  /** Markdown with inline `$…$` and display `$$…$$` TeX. Explains why, not only what. */
  prose: string;
  /** Display TeX with live numbers, recomputed as the learner edits. */
  formula?: (d: Derived, h: Highlight) => string;
  /** The notebook's PyTorch code for this step (a function when it shows the current values). */
  code?: string | ((d: Derived) => string);
  /**
   * False for cells that the fixture script must not run (plots need matplotlib); such cells have
   * no `output`. Defaults to true when `code` is present.
   */
  runs?: boolean;
  views?: readonly View[];
}

/** One step: one notebook cell (or a short run of them) explained. */
export type Step = StepBase &
  (
    | {
        /** What running `code` prints, exactly as Python and PyTorch print it. */
        output: (d: Derived) => string;
        /** Where that output comes from: the badge over it says so. */
        source: OutputSource;
      }
    | { output?: undefined; source?: undefined }
  );

/** A lesson: what the catalogue shows, the starting values, and the steps it walks. */
export interface Lesson {
  id: LessonId;
  title: string;
  /** The sentence whose words the lesson embeds. */
  sentence: string;
  /** The notebook the lesson follows, as a reader would name it. */
  follows: string;
  summary: string;
  /** Row labels of the embedding table, in order. */
  tokens: readonly string[];
  /** The notebook's embeddings, [tokens.length, d]. */
  embeddings: Tensor;
  /** 0-based default query (the notebooks use 1, the 2nd token). */
  query: number;
  trainable?: TrainableSpec;
  /**
   * What `torch.manual_seed(seed)` followed by the notebook's random calls makes, for lessons whose
   * embeddings (and weights) come from the seed (nn.Embedding, torch.randn). A seed change applies
   * it; without it, a seed change regenerates only the trainable weights.
   */
  generate?: (seed: number) => { embeddings?: Tensor; weights?: Weights; order?: WordOrderState };
  /**
   * True when the lesson opens with `embeddings` as the notebook printed them rather than with
   * `generate(seed)`: seed 002's embeddings came from an unseeded randn.
   */
  opensWithPrintedValues?: boolean;
  /** The seed a lesson opens with (default: trainable.seed, else 123). */
  seed?: number;
  /**
   * The steps, in order. Every lesson has some; only the playground's entry has none: the
   * playground is a page of its own (src/playground), listed here for its id and catalogue text.
   */
  steps: readonly Step[];
}
