import { describe, expect, it } from 'vitest';
import { float32Display } from '../math/format';
import { tensor, toRows } from '../math/tensor';
import {
  applyBlock,
  clampValue,
  decimalPlaces,
  defaultCellLabel,
  MAX_ABS,
  parseCellValue,
  parsePaste,
  pasteErrorMessage,
  pasteMessage,
  parseWholeNumber,
  refusalMessage,
  wholeRefusalMessage,
  scrubValue,
  stepFor,
  stepValue,
  type PasteResult,
} from './numberInput';

function value(text: string): number {
  const p = parseCellValue(text);
  if (!p.ok) throw new Error(`expected "${text}" to parse, got ${p.refusal}`);
  return p.value;
}

function refusal(text: string): string {
  const p = parseCellValue(text);
  if (p.ok) throw new Error(`expected "${text}" to be refused, got ${p.value}`);
  return p.refusal;
}

function block(text: string): number[][] {
  const p = parsePaste(text);
  if (p.kind !== 'block') throw new Error(`expected a block, got ${JSON.stringify(p)}`);
  return p.rows;
}

function pasteError(text: string) {
  const p: PasteResult = parsePaste(text);
  if (p.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(p)}`);
  return p.error;
}

describe('parseCellValue', () => {
  it.each([
    ['0.5', 0.5],
    ['+0.5', 0.5],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['2.5E2', 250],
    [' 0.5 ', 0.5],
    ['\t-0.25\n', -0.25],
    ['\u22120.75', -0.75],
    ['1000', 1000],
    ['-1000', -1000],
    ['007', 7],
    ['0.43', 0.43],
    // A decimal comma is a decimal point.
    ['1,5', 1.5],
    ['0,43', 0.43],
    ['-0,25', -0.25],
    [',5', 0.5],
    ['1,', 1],
    ['1,5e-3', 0.0015],
    ['\u22121,5', -1.5],
    ['0,125', 0.125],
    ['1000,0', 1000],
  ])('accepts %j as %f', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('turns -0 into 0, so a cell never shows "-0"', () => {
    expect(Object.is(value('-0'), 0)).toBe(true);
    expect(Object.is(value('-0.000'), 0)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-', 'incomplete'],
    ['+', 'incomplete'],
    ['.', 'incomplete'],
    ['-.', 'incomplete'],
    ['1e', 'incomplete'],
    ['1e-', 'incomplete'],
    [',', 'incomplete'],
    ['-,', 'incomplete'],
    // A comma that could as well separate thousands is neither guessed.
    ['1,000', 'ambiguous'],
    ['1,500', 'ambiguous'],
    ['-2,500', 'ambiguous'],
    // A second mark is no number: nothing is dropped to make one.
    ['1,2,3', 'not-a-number'],
    ['1.000,5', 'not-a-number'],
    ['1,5.3', 'not-a-number'],
    ['2/3', 'not-a-number'],
    ['1/2', 'not-a-number'],
    ['1e40', 'out-of-range'],
    ['1,5e4', 'out-of-range'],
    ['abc', 'not-a-number'],
    ['0.5x', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['0x10', 'not-a-number'],
    ['1_000', 'not-a-number'],
    ['--1', 'not-a-number'],
    ['1 2', 'not-a-number'],
    ['NaN', 'not-finite'],
    ['nan', 'not-finite'],
    ['Infinity', 'not-finite'],
    ['-Infinity', 'not-finite'],
    ['inf', 'not-finite'],
    ['1e999', 'out-of-range'],
    ['-1e999', 'out-of-range'],
    ['1000.001', 'out-of-range'],
    ['-1001', 'out-of-range'],
    ['2e3', 'out-of-range'],
  ])('refuses %j (%s)', (text, why) => {
    expect(refusal(text)).toBe(why);
  });

  it('never yields a non-finite value or one beyond the limit', () => {
    const texts = ['1e308', '1e309', '-1e400', '9'.repeat(400), '1e-400', '0.' + '9'.repeat(50)];
    for (const t of texts) {
      const p = parseCellValue(t);
      if (p.ok) {
        expect(Number.isFinite(p.value)).toBe(true);
        expect(Math.abs(p.value)).toBeLessThanOrEqual(MAX_ABS);
      }
    }
    expect(value('1e-400')).toBe(0);
    expect(refusal('9'.repeat(400))).toBe('out-of-range');
  });
});

describe('decimalPlaces', () => {
  it.each([
    [0.01, 2],
    [0.1, 1],
    [0.001, 3],
    [1, 0],
    [250, 0],
    [Math.fround(0.4419), 4],
    [1 / 3, 8],
    [1e-7, 7],
    [1.5e-7, 8],
  ])('%f has %i decimals', (x, n) => {
    expect(decimalPlaces(x)).toBe(n);
  });
});

describe('stepFor', () => {
  it('is 0.01, Shift coarse 0.1, Alt fine 0.001 (Alt wins over Shift)', () => {
    expect(stepFor({ shiftKey: false, altKey: false })).toBe(0.01);
    expect(stepFor({ shiftKey: true, altKey: false })).toBe(0.1);
    expect(stepFor({ shiftKey: false, altKey: true })).toBe(0.001);
    expect(stepFor({ shiftKey: true, altKey: true })).toBe(0.001);
  });
});

describe('stepValue', () => {
  it('adds steps without binary drift', () => {
    expect(stepValue(0.2, 1, 0.1)).toBe(0.3);
    expect(stepValue(Math.fround(0.55), 1, 0.01)).toBe(0.56);
    expect(stepValue(Math.fround(0.55), -1, 0.01)).toBe(0.54);
    expect(stepValue(Math.fround(0.1), 2, 0.1)).toBe(0.3);
    expect(stepValue(0, -1, 0.001)).toBe(-0.001);
    expect(stepValue(Math.fround(0.43), 1, 0.001)).toBe(0.431);
  });

  it('does not drift over many steps from a float32 value', () => {
    let x = Math.fround(0.87);
    for (let i = 0; i < 100; i++) x = Math.fround(stepValue(x, 1, 0.01));
    expect(float32Display(x)).toBe('1.87');
    for (let i = 0; i < 100; i++) x = Math.fround(stepValue(x, -1, 0.01));
    expect(float32Display(x)).toBe('0.87');
  });

  it("keeps the digits of a finer value instead of snapping it to the step's grid", () => {
    expect(stepValue(Math.fround(0.4419), 1, 0.01)).toBe(0.4519);
    expect(stepValue(Math.fround(0.4419), -1, 0.1)).toBe(0.3419);
    expect(stepValue(Math.fround(1 / 3), 1, 0.01)).toBe(0.34333334);
  });

  it('clamps to the limits and never returns -0', () => {
    expect(stepValue(999.95, 1, 0.1)).toBe(1000);
    expect(stepValue(1000, 1, 0.01)).toBe(1000);
    expect(stepValue(-999.999, -1, 0.01)).toBe(-1000);
    expect(Object.is(stepValue(0.01, -1, 0.01), 0)).toBe(true);
    expect(Object.is(stepValue(-0.1, 1, 0.1), 0)).toBe(true);
  });

  it('clampValue clamps and normalises -0', () => {
    expect(clampValue(5000)).toBe(1000);
    expect(clampValue(-5000)).toBe(-1000);
    expect(clampValue(3.5)).toBe(3.5);
    expect(Object.is(clampValue(-0), 0)).toBe(true);
  });
});

describe('scrubValue', () => {
  it('moves one step per 2 px, either way, from the value at the start of the drag', () => {
    const start = Math.fround(0.55);
    expect(scrubValue(start, 0, 0.01)).toBe(0.55);
    expect(scrubValue(start, 2, 0.01)).toBe(0.56);
    expect(scrubValue(start, 20, 0.01)).toBe(0.65);
    expect(scrubValue(start, -20, 0.01)).toBe(0.45);
    expect(scrubValue(start, 20, 0.1)).toBe(1.55);
    expect(scrubValue(start, 20, 0.001)).toBe(0.56);
    expect(scrubValue(start, 0.9, 0.01)).toBe(0.55);
  });

  it('stops at the limits however far the drag goes', () => {
    expect(scrubValue(0, 1e6, 0.1)).toBe(1000);
    expect(scrubValue(0, -1e6, 0.1)).toBe(-1000);
  });
});

describe('messages', () => {
  it('quotes the text, gives the reason and the value kept', () => {
    expect(refusalMessage('abc', 'not-a-number', Math.fround(0.55))).toBe(
      '“abc” is not a number; kept 0.55.',
    );
    expect(refusalMessage('  ', 'empty', 0)).toBe('Empty; kept 0.');
  });

  // Each refusal of parseCellValue, from the text to the message shown beside the cell.
  it.each([
    ['2/3', '“2/3” is not a number; kept 0.43.'],
    ['abc', '“abc” is not a number; kept 0.43.'],
    ['1,2,3', '“1,2,3” is not a number; kept 0.43.'],
    ['', 'Empty; kept 0.43.'],
    ['  ', 'Empty; kept 0.43.'],
    ['1e', '“1e” is not a complete number; kept 0.43.'],
    ['-', '“-” is not a complete number; kept 0.43.'],
    ['NaN', '“NaN” is not a finite number; kept 0.43.'],
    ['Infinity', '“Infinity” is not a finite number; kept 0.43.'],
    ['-inf', '“-inf” is not a finite number; kept 0.43.'],
    ['1e40', '“1e40” is outside the range -1000 to 1000; kept 0.43.'],
    ['1001', '“1001” is outside the range -1000 to 1000; kept 0.43.'],
    ['-1e999', '“-1e999” is outside the range -1000 to 1000; kept 0.43.'],
    ['1,500', '“1,500” could be 1.5 or 1500; kept 0.43.'],
    [' 1,000 ', '“1,000” could be 1 or 1000; kept 0.43.'],
  ])('refuses %j with the message %j', (text, message) => {
    const p = parseCellValue(text);
    if (p.ok) throw new Error(`expected "${text}" to be refused, got ${p.value}`);
    expect(refusalMessage(text, p.refusal, Math.fround(0.43))).toBe(message);
  });

  it('shortens a long quoted text', () => {
    const m = refusalMessage('x'.repeat(100), 'not-a-number', 0);
    expect(m).toContain(`“${'x'.repeat(23)}…”`);
    expect(m.length).toBeLessThan(60);
  });

  it('default cell label counts dimensions from 1', () => {
    expect(defaultCellLabel('journey', 0)).toBe('journey, dimension 1');
    expect(defaultCellLabel('step', 2)).toBe('step, dimension 3');
  });
});

describe('parsePaste', () => {
  it('leaves a single plain value to the typing path', () => {
    expect(parsePaste('0.5')).toEqual({ kind: 'single' });
    expect(parsePaste('0.5\n')).toEqual({ kind: 'single' });
    expect(parsePaste('  -0.25\r\n')).toEqual({ kind: 'single' });
    // Even a bad one: typing shows the same message it would for keystrokes.
    expect(parsePaste('abc')).toEqual({ kind: 'single' });
    expect(parsePaste('')).toEqual({ kind: 'single' });
  });

  it('reads tab-separated rows, as spreadsheets copy them', () => {
    expect(block('0.43\t0.15\t0.89\n0.55\t0.87\t0.66\n')).toEqual([
      [0.43, 0.15, 0.89],
      [0.55, 0.87, 0.66],
    ]);
    expect(block('1\t2\r\n3\t4')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(block('1\t2\t\n')).toEqual([[1, 2]]);
    expect(block('0.5\t')).toEqual([[0.5]]);
  });

  it('reads comma-, semicolon- and space-separated rows', () => {
    expect(block('0.43,0.15,0.89\n0.55, 0.87 ,0.66')).toEqual([
      [0.43, 0.15, 0.89],
      [0.55, 0.87, 0.66],
    ]);
    expect(block('1;2;3')).toEqual([[1, 2, 3]]);
    expect(block('1 2   3\n4  5 6')).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    // Commas separate values in a line that has no tab or semicolon.
    expect(block('1,5 2,5')).toEqual([[1, 5, 2, 5]]);
    expect(block('0.43,0.15')).toEqual([[0.43, 0.15]]);
    expect(block('1,2,3')).toEqual([[1, 2, 3]]);
  });

  it('reads a comma inside a spreadsheet cell, or between semicolons, as a decimal comma', () => {
    expect(block('1,5\t2,5\n-0,25\t3\n')).toEqual([
      [1.5, 2.5],
      [-0.25, 3],
    ]);
    expect(block('1,5;2,5\n0,5 ; 1;')).toEqual([
      [1.5, 2.5],
      [0.5, 1],
    ]);
    // One value pasted alone is typed: "1,5" is 1.5 as it is when typed; "1,500" is refused
    // there as ambiguous.
    expect(parsePaste('1,5')).toEqual({ kind: 'single' });
    expect(parsePaste('1,500\n')).toEqual({ kind: 'single' });
    expect(pasteError('1,500\t2')).toMatchObject({ row: 1, col: 1, refusal: 'ambiguous' });
    expect(pasteErrorMessage(pasteError('1,500\t2'))).toContain('“1,500” could be 1.5 or 1500');
  });

  it('skips blank lines and keeps ragged rows as they are', () => {
    expect(block('\n1\t2\t3\n\n   \n4\n5\t6\n\n')).toEqual([[1, 2, 3], [4], [5, 6]]);
  });

  it("reads rows copied from the notebook's code", () => {
    const code = [
      'inputs = torch.tensor(',
      '  [[0.43, 0.15, 0.89], # Your     (x^1)',
      '   [0.55, 0.87, 0.66], # journey  (x^2)',
      '   [0.05, 0.80, 0.55]] # step     (x^6)',
      ')',
    ].join('\n');
    // The first line is not a row of numbers: the paste is refused rather than guessed at.
    expect(pasteError(code).text).toBe('inputs');
    expect(block(code.split('\n').slice(1).join('\n'))).toEqual([
      [0.43, 0.15, 0.89],
      [0.55, 0.87, 0.66],
      [0.05, 0.8, 0.55],
    ]);
    expect(block('tensor([[0.4300, 0.1500],\n        [0.5500, 0.8700]])')).toEqual([
      [0.43, 0.15],
      [0.55, 0.87],
    ]);
    expect(block('[0.5]')).toEqual([[0.5]]);
  });

  it('refuses the whole paste at the first bad value, saying where it is', () => {
    expect(pasteError('1\t2\n3\tabc\n5\t6')).toEqual({
      row: 2,
      col: 2,
      text: 'abc',
      refusal: 'not-a-number',
    });
    expect(pasteError('1\t\t3')).toEqual({ row: 1, col: 2, text: '', refusal: 'empty' });
    expect(pasteError('\t1')).toMatchObject({ row: 1, col: 1, refusal: 'empty' });
    expect(pasteError('1,,3')).toMatchObject({ row: 1, col: 2, refusal: 'empty' });
    expect(pasteError('1 2\n\n3 1e999')).toMatchObject({ row: 2, col: 2, refusal: 'out-of-range' });
    expect(pasteError('2/3\t1')).toMatchObject({ row: 1, col: 1, refusal: 'not-a-number' });
    expect(pasteError('NaN 1')).toMatchObject({ row: 1, col: 1, refusal: 'not-finite' });
    expect(pasteError('1 -')).toMatchObject({ row: 1, col: 2, refusal: 'incomplete' });
  });

  it('says which value was bad and that nothing changed', () => {
    const m = pasteErrorMessage({ row: 2, col: 3, text: 'abc', refusal: 'not-a-number' });
    expect(m).toBe(
      'Paste refused: row 2, column 3 of the pasted values “abc” is not a number. Nothing was changed.',
    );
    expect(pasteErrorMessage({ row: 1, col: 2, text: '', refusal: 'empty' })).toContain(
      'row 1, column 2 of the pasted values is empty',
    );
  });
});

describe('applyBlock', () => {
  const x = tensor([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it('fills from the starting cell and leaves the input tensor untouched', () => {
    const before = Array.from(x.data);
    const o = applyBlock(x, 1, 1, [
      [50, 60],
      [80, 90],
    ]);
    expect(toRows(o.next)).toEqual([
      [1, 2, 3],
      [4, 50, 60],
      [7, 80, 90],
    ]);
    expect(o).toMatchObject({ written: 4, dropped: 0, rows: 2, cols: 2 });
    expect(Array.from(x.data)).toEqual(before);
    expect(o.next.data).not.toBe(x.data);
    expect(o.next.shape).toEqual([3, 3]);
  });

  it('clips at the right and bottom edges and counts what was left out', () => {
    const o = applyBlock(x, 2, 1, [
      [10, 20, 30],
      [40, 50],
    ]);
    expect(toRows(o.next)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 10, 20],
    ]);
    expect(o).toMatchObject({ written: 2, dropped: 3, rows: 1, cols: 2 });
  });

  it('writes ragged rows as far as each goes', () => {
    const o = applyBlock(x, 0, 0, [[10], [20, 30, 40]]);
    expect(toRows(o.next)).toEqual([
      [10, 2, 3],
      [20, 30, 40],
      [7, 8, 9],
    ]);
    expect(o).toMatchObject({ written: 4, dropped: 0, rows: 2, cols: 3 });
  });

  it('rounds to float32 like every tensor', () => {
    const o = applyBlock(x, 0, 0, [[0.55]]);
    expect(o.next.data[0]).toBe(Math.fround(0.55));
  });

  it('announces the size, where it starts and what was left out', () => {
    const o = applyBlock(x, 2, 1, [
      [10, 20, 30],
      [40, 50],
    ]);
    expect(pasteMessage(o, 'step, dimension 2')).toBe(
      'Pasted 2 values (1 row × 2 columns) from step, dimension 2. 3 values beyond the edge of the table were left out.',
    );
    expect(pasteMessage(applyBlock(x, 0, 0, [[1]]), 'a, dimension 1')).toBe(
      'Pasted 1 value (1 row × 1 column) from a, dimension 1.',
    );
  });
});

describe('parseWholeNumber', () => {
  const SEED_MAX = Number.MAX_SAFE_INTEGER;
  it.each([
    ['123', 123],
    [' 7 ', 7],
    ['0', 0],
    ['+5', 5],
    ['007', 7],
    ['9007199254740991', SEED_MAX],
    // The same value written otherwise: nothing is dropped.
    ['2.0', 2],
    ['2,0', 2],
    ['1e3', 1000],
  ])('accepts %j as %d', (text, expected) => {
    expect(parseWholeNumber(text, 0, SEED_MAX)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty', 'Empty; kept 42.'],
    ['1.5', 'not-whole', '“1.5” is not a whole number; kept 42.'],
    ['1,5', 'not-whole', '“1,5” is not a whole number; kept 42.'],
    ['12a', 'not-whole', '“12a” is not a whole number; kept 42.'],
    ['2/3', 'not-whole', '“2/3” is not a whole number; kept 42.'],
    ['NaN', 'not-whole', '“NaN” is not a whole number; kept 42.'],
    ['Infinity', 'not-whole', '“Infinity” is not a whole number; kept 42.'],
    ['1e', 'incomplete', '“1e” is not a complete number; kept 42.'],
    ['1,000', 'ambiguous', '“1,000” could be 1 or 1000; kept 42.'],
    ['-1', 'out-of-range', '“-1” is not in the range 0 to 9007199254740991; kept 42.'],
    [
      '9007199254740992',
      'out-of-range',
      '“9007199254740992” is not in the range 0 to 9007199254740991; kept 42.',
    ],
    [
      '9007199254740993',
      'out-of-range',
      '“9007199254740993” is not in the range 0 to 9007199254740991; kept 42.',
    ],
    ['1e40', 'out-of-range', '“1e40” is not in the range 0 to 9007199254740991; kept 42.'],
    ['1e999', 'out-of-range', '“1e999” is not in the range 0 to 9007199254740991; kept 42.'],
  ])('refuses %j (%s) with the message %j', (text, why, message) => {
    const p = parseWholeNumber(text, 0, SEED_MAX);
    if (p.ok) throw new Error(`expected "${text}" to be refused, got ${p.value}`);
    expect(p.refusal).toBe(why);
    expect(wholeRefusalMessage(text, p.refusal, 0, SEED_MAX, 'kept 42')).toBe(message);
  });

  it('checks the range it is given', () => {
    expect(parseWholeNumber('64', 1, 64)).toEqual({ ok: true, value: 64 });
    expect(parseWholeNumber('65', 1, 64)).toEqual({ ok: false, refusal: 'out-of-range' });
    expect(parseWholeNumber('0', 1, 64)).toEqual({ ok: false, refusal: 'out-of-range' });
    expect(wholeRefusalMessage('0', 'out-of-range', 1, 64, 'kept 3')).toBe(
      '“0” is not in the range 1 to 64; kept 3.',
    );
  });
});
