// Prints, as JSON, the playground cases for scripts/goldens/playground.py to run under real PyTorch:
// each case's settings and edits (as the playground holds them) and the PyTorch cell the playground
// shows for them, written by its own pythonCode(). The tests compare what the page prints for each
// case with what PyTorch printed, and check the code is still what pythonCode() writes.
// Run: npx tsx scripts/export-playground.ts
import { pythonCode, type CodeSettings, type Positions } from '../src/lessons/playground.ts';
import { tokenize } from '../src/lessons/tokenize.ts';

/** `n` words w0, w1, … */
const words = (n: number) => Array.from({ length: n }, (_, k) => `w${k}`).join(' ');

/** 64 tokens of prose: repeated words, punctuation glued to words, capitals. */
const PROSE_64 = [
  'The cat sat on the mat, and the dog sat on the log.',
  'Then the cat saw the dog; the dog saw the cat!',
  'Nobody moved. "Why?" asked the cat. The dog said nothing, and the mat said nothing either,',
  'because mats, like logs, say nothing at all. Later the cat slept on the mat and the dog',
  'slept on the log, and that was the end of the day (for now).',
]
  .join(' ')
  .split(' ')
  .slice(0, 64)
  .join(' ');

if (tokenize(PROSE_64).length !== 64) throw new Error('PROSE_64 must have 64 words');

const PLAIN = { mode: 'plain', dk: 2, dv: 2 } as const;

/** A case's settings: positions none unless it says otherwise. */
type CaseSettings = Omit<CodeSettings, 'positions'> & { positions?: Positions };

/** Each case: a name for messages, and the playground's settings with its edited cells. */
const CASES: { name: string; settings: CaseSettings }[] = [
  {
    name: 'the defaults',
    settings: {
      sentence: 'Your journey starts with one step',
      d: 3,
      seed: 123,
      ...PLAIN,
      causal: false,
      query: 1,
      edits: [],
    },
  },
  {
    name: 'the defaults, causal',
    settings: {
      sentence: 'Your journey starts with one step',
      d: 3,
      seed: 123,
      ...PLAIN,
      causal: true,
      query: 5,
      edits: [],
    },
  },
  {
    name: 'the defaults, trainable',
    settings: {
      sentence: 'Your journey starts with one step',
      d: 3,
      seed: 123,
      mode: 'trainable',
      dk: 2,
      dv: 2,
      causal: false,
      query: 1,
      edits: [],
    },
  },
  {
    name: 'one token, d 1',
    settings: { sentence: 'Hello', d: 1, seed: 0, ...PLAIN, causal: false, query: 0, edits: [] },
  },
  {
    name: 'one token, d 1, trainable and causal',
    settings: {
      sentence: '  Hello  ',
      d: 1,
      seed: 42,
      mode: 'trainable',
      dk: 1,
      dv: 3,
      causal: true,
      query: 0,
      edits: [],
    },
  },
  {
    name: 'a repeated word and punctuation, d 16, trainable, causal',
    settings: {
      sentence: 'the cat sat on the mat, and the cat slept.',
      d: 16,
      seed: 7,
      mode: 'trainable',
      dk: 8,
      dv: 4,
      causal: true,
      query: 7,
      edits: [],
    },
  },
  {
    name: 'a repeated word, one occurrence edited',
    settings: {
      sentence: 'it is what it is',
      d: 3,
      seed: 123,
      ...PLAIN,
      causal: false,
      query: 3,
      edits: [
        [0, 0, 0.9],
        [0, 2, Math.fround(-0.4371234)],
      ],
    },
  },
  {
    name: 'unicode and whitespace Python splits on',
    settings: {
      sentence: 'Zürich\u00a0東京 😀 naïve\u0085café — \ufeffok\tok\u3000end',
      d: 3,
      seed: 2024,
      mode: 'trainable',
      dk: 2,
      dv: 5,
      causal: false,
      query: 4,
      edits: [],
    },
  },
  {
    name: 'quotes and a backslash in the sentence',
    settings: {
      sentence: 'she said "hi" \\ then left',
      d: 3,
      seed: 5,
      ...PLAIN,
      causal: true,
      query: 2,
      edits: [[2, 1, 2.5]],
    },
  },
  {
    name: 'd 1, 20 tokens, causal',
    settings: { sentence: words(20), d: 1, seed: 1, ...PLAIN, causal: true, query: 19, edits: [] },
  },
  {
    name: 'd 16, 16 tokens, edits',
    settings: {
      sentence: words(16),
      d: 16,
      seed: 99,
      ...PLAIN,
      causal: false,
      query: 15,
      edits: [
        [0, 0, 1000],
        [3, 15, -1000],
        [15, 7, 0.001],
      ],
    },
  },
  {
    name: 'd 16, trainable d_k 1, d_v 16, an edit',
    settings: {
      sentence: words(12),
      d: 16,
      seed: 31,
      mode: 'trainable',
      dk: 1,
      dv: 16,
      causal: false,
      query: 0,
      edits: [[5, 9, -3.75]],
    },
  },
  {
    name: 'd 64, 64 words of prose, plain',
    settings: {
      sentence: PROSE_64,
      d: 64,
      seed: 123,
      ...PLAIN,
      causal: false,
      query: 10,
      edits: [],
    },
  },
  {
    name: 'd 64, 64 words of prose, plain, causal, an edit',
    settings: {
      sentence: PROSE_64,
      d: 64,
      seed: 123,
      ...PLAIN,
      causal: true,
      query: 63,
      edits: [[63, 63, -0.5]],
    },
  },
  {
    name: 'd 64, 64 tokens, trainable 64 × 64, causal, an edit, the largest seed',
    settings: {
      sentence: words(64),
      d: 64,
      seed: 2 ** 53 - 1,
      mode: 'trainable',
      dk: 64,
      dv: 64,
      causal: true,
      query: 32,
      edits: [[32, 5, 3.25]],
    },
  },
  {
    name: 'd 64, 64 tokens, trainable d_k 8, d_v 3, edits',
    settings: {
      sentence: words(64),
      d: 64,
      seed: 0,
      mode: 'trainable',
      dk: 8,
      dv: 3,
      causal: false,
      query: 0,
      edits: [
        [0, 0, 12.5],
        [0, 63, 0.1],
        [40, 20, -7],
      ],
    },
  },
  {
    name: 'd 3, 40 tokens, trainable, summarised print',
    settings: {
      sentence: words(40),
      d: 3,
      seed: 8,
      mode: 'trainable',
      dk: 30,
      dv: 30,
      causal: false,
      query: 2,
      edits: [],
    },
  },
  {
    name: 'a tiny negative edit that float32 rounds to -0',
    settings: {
      sentence: 'Hello',
      d: 1,
      seed: 0,
      ...PLAIN,
      causal: false,
      query: 0,
      edits: [[0, 0, -1e-49]],
    },
  },
  {
    name: 'a subnormal edit',
    settings: {
      sentence: 'tiny numbers here',
      d: 3,
      seed: 3,
      ...PLAIN,
      causal: false,
      query: 1,
      edits: [[1, 1, 1e-40]],
    },
  },
  // Positions: each kind, odd and even sizes, plain and trainable, causal, edits, 1 token, 64 × 64.
  {
    name: 'learned positions, the defaults',
    settings: {
      sentence: 'Your journey starts with one step',
      d: 3,
      seed: 123,
      ...PLAIN,
      causal: false,
      query: 1,
      edits: [],
      positions: 'learned',
    },
  },
  {
    name: 'learned positions, a repeated word, d 4, trainable, causal, an edit',
    settings: {
      sentence: 'I like attention and I like attention',
      d: 4,
      seed: 7,
      mode: 'trainable',
      dk: 3,
      dv: 2,
      causal: true,
      query: 4,
      edits: [[4, 2, -1.5]],
      positions: 'learned',
    },
  },
  {
    name: 'learned positions, one token, d 1',
    settings: {
      sentence: 'Hello',
      d: 1,
      seed: 0,
      ...PLAIN,
      causal: false,
      query: 0,
      edits: [],
      positions: 'learned',
    },
  },
  {
    name: 'sinusoidal positions, the defaults (odd d)',
    settings: {
      sentence: 'Your journey starts with one step',
      d: 3,
      seed: 123,
      ...PLAIN,
      causal: false,
      query: 1,
      edits: [],
      positions: 'sinusoidal',
    },
  },
  {
    name: 'sinusoidal positions, d 16, trainable, causal, an edit',
    settings: {
      sentence: 'the cat sat on the mat, and the cat slept.',
      d: 16,
      seed: 7,
      mode: 'trainable',
      dk: 8,
      dv: 4,
      causal: true,
      query: 7,
      edits: [[0, 15, 2]],
      positions: 'sinusoidal',
    },
  },
  {
    name: 'sinusoidal positions, one token, d 1',
    settings: {
      sentence: 'Hello',
      d: 1,
      seed: 0,
      mode: 'trainable',
      dk: 1,
      dv: 1,
      causal: true,
      query: 0,
      edits: [],
      positions: 'sinusoidal',
    },
  },
  {
    name: 'sinusoidal positions, d 2, plain, an edit',
    settings: {
      sentence: words(10),
      d: 2,
      seed: 3,
      ...PLAIN,
      causal: false,
      query: 9,
      edits: [[9, 0, 0.25]],
      positions: 'sinusoidal',
    },
  },
  {
    name: 'rotary positions, plain, the defaults (odd d: the last dimension stays)',
    settings: {
      sentence: 'Your journey starts with one step',
      d: 3,
      seed: 123,
      ...PLAIN,
      causal: false,
      query: 1,
      edits: [],
      positions: 'rotary',
    },
  },
  {
    name: 'rotary positions, plain, d 4, causal, an edit',
    settings: {
      sentence: 'it is what it is',
      d: 4,
      seed: 123,
      ...PLAIN,
      causal: true,
      query: 3,
      edits: [[3, 1, 0.75]],
      positions: 'rotary',
    },
  },
  {
    name: 'rotary positions, trainable, the defaults',
    settings: {
      sentence: 'Your journey starts with one step',
      d: 3,
      seed: 123,
      mode: 'trainable',
      dk: 2,
      dv: 2,
      causal: false,
      query: 1,
      edits: [],
      positions: 'rotary',
    },
  },
  {
    name: 'rotary positions, trainable d_k 5 (odd), causal, an edit',
    settings: {
      sentence: 'I like attention and I like attention',
      d: 6,
      seed: 11,
      mode: 'trainable',
      dk: 5,
      dv: 3,
      causal: true,
      query: 6,
      edits: [[0, 0, 1.125]],
      positions: 'rotary',
    },
  },
  {
    name: 'rotary positions, trainable d_k 1: nothing turns',
    settings: {
      sentence: words(5),
      d: 3,
      seed: 2,
      mode: 'trainable',
      dk: 1,
      dv: 2,
      causal: false,
      query: 4,
      edits: [],
      positions: 'rotary',
    },
  },
  {
    name: 'rotary positions, one token, d 1',
    settings: {
      sentence: 'Hello',
      d: 1,
      seed: 0,
      ...PLAIN,
      causal: false,
      query: 0,
      edits: [],
      positions: 'rotary',
    },
  },
  {
    name: 'd 64, 64 tokens, trainable 64 × 64, causal, an edit, rotary positions',
    settings: {
      sentence: words(64),
      d: 64,
      seed: 5,
      mode: 'trainable',
      dk: 64,
      dv: 64,
      causal: true,
      query: 63,
      edits: [[10, 3, -2.5]],
      positions: 'rotary',
    },
  },
  {
    name: 'd 64, 64 words of prose, plain, rotary positions',
    settings: {
      sentence: PROSE_64,
      d: 64,
      seed: 123,
      ...PLAIN,
      causal: false,
      query: 10,
      edits: [],
      positions: 'rotary',
    },
  },
  {
    name: 'd 64, 64 tokens, trainable 64 × 64, learned positions, an edit',
    settings: {
      sentence: words(64),
      d: 64,
      seed: 17,
      mode: 'trainable',
      dk: 64,
      dv: 64,
      causal: false,
      query: 0,
      edits: [[63, 63, 4]],
      positions: 'learned',
    },
  },
  {
    name: 'd 64, 64 words of prose, plain, causal, sinusoidal positions',
    settings: {
      sentence: PROSE_64,
      d: 64,
      seed: 123,
      ...PLAIN,
      causal: true,
      query: 63,
      edits: [],
      positions: 'sinusoidal',
    },
  },
];

/** The defaults, trainable: the sentence of the lessons, d 3, d_k 2, d_v 2. */
const TRAINABLE_DEFAULTS = {
  sentence: 'Your journey starts with one step',
  d: 3,
  seed: 123,
  mode: 'trainable',
  dk: 2,
  dv: 2,
  causal: false,
  query: 1,
  edits: [],
} as const;

// Training: the loop the page shows once a goal is set, run for the steps the learner took.
CASES.push(
  {
    name: 'training: the defaults, each word attends to itself, Adam, 37 steps',
    settings: {
      ...TRAINABLE_DEFAULTS,
      training: { target: [0, 1, 2, 3, 4, 5], optimizer: 'adam', lr: 0.05, steps: 37 },
    },
  },
  {
    name: 'training: the defaults, itself, Adam, 1 step',
    settings: {
      ...TRAINABLE_DEFAULTS,
      training: { target: [0, 1, 2, 3, 4, 5], optimizer: 'adam', lr: 0.05, steps: 1 },
    },
  },
  {
    name: 'training: a goal but no step taken yet',
    settings: {
      ...TRAINABLE_DEFAULTS,
      training: { target: [0, 0, 0, 0, 0, 0], optimizer: 'adam', lr: 0.05, steps: 0 },
    },
  },
  {
    name: 'training: causal, the previous word, SGD lr 0.5, 12 steps',
    settings: {
      ...TRAINABLE_DEFAULTS,
      causal: true,
      query: 4,
      training: { target: [0, 0, 1, 2, 3, 4], optimizer: 'sgd', lr: 0.5, steps: 12 },
    },
  },
  {
    name: 'training: clicked keys, learned positions, an edit, SGD lr 0.1, 5 steps',
    settings: {
      ...TRAINABLE_DEFAULTS,
      sentence: 'it is what it is',
      d: 4,
      dk: 3,
      dv: 2,
      query: 3,
      positions: 'learned',
      edits: [[1, 2, 0.5]],
      training: { target: [3, 0, 4, 0, 2], optimizer: 'sgd', lr: 0.1, steps: 5 },
    },
  },
  {
    name: 'training: sinusoidal, d 16, causal, the first word, Adam lr 0.01, 150 steps',
    settings: {
      ...TRAINABLE_DEFAULTS,
      sentence: 'the cat sat on the mat, and the cat slept.',
      d: 16,
      seed: 7,
      dk: 8,
      dv: 4,
      causal: true,
      query: 7,
      positions: 'sinusoidal',
      training: {
        target: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        optimizer: 'adam',
        lr: 0.01,
        steps: 150,
      },
    },
  },
  {
    name: 'training: SGD lr 1000 diverges',
    settings: {
      ...TRAINABLE_DEFAULTS,
      training: { target: [0, 1, 2, 3, 4, 5], optimizer: 'sgd', lr: 1000, steps: 25 },
    },
  },
  {
    name: 'training: a tiny learning rate, 1e-7',
    settings: {
      ...TRAINABLE_DEFAULTS,
      training: { target: [5, 4, 3, 2, 1, 0], optimizer: 'sgd', lr: 1e-7, steps: 3 },
    },
  },
  {
    name: 'training: rotary with d_k 1 (nothing turns), one token',
    settings: {
      sentence: 'Hello',
      d: 2,
      seed: 3,
      mode: 'trainable',
      dk: 1,
      dv: 1,
      causal: false,
      query: 0,
      edits: [],
      positions: 'rotary',
      training: { target: [0], optimizer: 'adam', lr: 0.1, steps: 4 },
    },
  },
  {
    name: 'training: 64 tokens × 64 dims, the previous word, Adam lr 0.01, 30 steps',
    settings: {
      ...TRAINABLE_DEFAULTS,
      sentence: PROSE_64,
      d: 64,
      seed: 11,
      dk: 64,
      dv: 64,
      query: 63,
      training: {
        target: Array.from({ length: 64 }, (_, i) => Math.max(0, i - 1)),
        optimizer: 'adam',
        lr: 0.01,
        steps: 30,
      },
    },
  },
);

const out = CASES.map(({ name, settings: given }) => {
  const settings: CodeSettings = { ...given, positions: given.positions ?? 'none' };
  return { name, settings, code: pythonCode(settings, tokenize(settings.sentence).length) };
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
