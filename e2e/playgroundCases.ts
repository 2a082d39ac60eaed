/**
 * The playground's cases with what real PyTorch printed for each (src/math/fixtures/playground.json,
 * written by scripts/goldens/playground.py from scripts/export-playground.ts).
 */
import { readFileSync } from 'node:fs';
import type { CodeSettings } from '../src/lessons/playground';

export interface Case {
  name: string;
  settings: CodeSettings;
  code: string;
  output: string;
}

export const cases: Case[] = JSON.parse(
  readFileSync(new URL('../src/math/fixtures/playground.json', import.meta.url), 'utf8'),
).cases;

/** The case named `name`; throws when there is none (a renamed case fails loudly). */
export function byName(name: string): Case {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no playground case "${name}"`);
  return c;
}
