/**
 * The pages that hold learner values, and what each one's values are: the five lessons (their
 * fields: LESSON_FIELDS in url.ts) and the playground (PLAYGROUND_FIELDS in playground.ts). The
 * store, autosave and the address-bar sync reach a page's declaration through pageDef.
 */
import { initialState } from '../lessons/derive';
import { defaultPlayground, type PlaygroundValues } from '../lessons/playground';
import { LESSON_IDS, type Lesson, type LessonId, type LessonState } from '../lessons/types';
import { PLAYGROUND_CTX, PLAYGROUND_FIELDS } from './playground';
import { decode, encode, type DecodeResult, type Schema, type Shared } from './schema';
import { LESSON_FIELDS } from './url';

/**
 * A page with values, by its route id. LESSON_IDS lists the routes: the five lessons and
 * 'playground', the one page that is not a lesson (it has no steps and values of its own).
 */
export type PageId = LessonId;
/** The values a page holds. */
export type ValuesOf<K extends PageId> = K extends 'playground' ? PlaygroundValues : LessonState;
/** Every page's values; a page absent here is at its defaults. */
export type PageValues = { [K in PageId]?: ValuesOf<K> };

/** What the state layer needs to know of a page: its fields, their context, its defaults. */
export interface PageDef {
  schema: Schema<unknown, unknown>;
  ctx: unknown;
  defaults: unknown;
}

const defs = new Map<PageId, PageDef>();

/**
 * The lessons the state layer knows, registered by whoever loads them (the lesson chunk, the
 * pre-renderer, tests): the state layer imports no lesson itself, so the playground, which uses
 * the same store, does not carry the lessons' prose.
 */
const lessons = new Map<string, Lesson>();

/** Makes lessons known to the store, autosave and the sync (ensureSync picks up new ones). */
export function registerLessons(list: readonly Lesson[]): void {
  for (const lesson of list) lessons.set(lesson.id, lesson);
}

/** A registered lesson by id. */
export function registeredLesson(id: string): Lesson | undefined {
  return lessons.get(id);
}

/**
 * A page's declaration; undefined for a route without values. Made once per page, so an untouched
 * page's values keep one identity.
 */
export function findPageDef(id: string): PageDef | undefined {
  if (!(LESSON_IDS as readonly string[]).includes(id)) return undefined;
  let def = defs.get(id as PageId);
  if (!def) {
    if (id === 'playground') {
      def = lazyDefaults(PLAYGROUND_FIELDS, PLAYGROUND_CTX, defaultPlayground);
    } else {
      const lesson = lessons.get(id);
      if (!lesson || lesson.steps.length === 0) return undefined;
      def = lazyDefaults(LESSON_FIELDS, lesson, () => initialState(lesson));
    }
    defs.set(id as PageId, def);
  }
  return def;
}

/**
 * A declaration whose defaults are made on first use, then kept (one identity). Listing the pages
 * (pageIds, at start-up) must not draw every lesson's seeded values: attention-seeker's alone is a
 * 150,000-draw embedding table, tens of milliseconds that a learner opening another page would
 * wait for.
 */
function lazyDefaults<V, C>(schema: Schema<V, C>, ctx: C, make: () => V): PageDef {
  let made: { value: V } | null = null;
  return {
    schema: schema as unknown as Schema<unknown, unknown>,
    ctx,
    get defaults() {
      made ??= { value: make() };
      return made.value;
    },
  };
}

/** A page's declaration; throws for a page without values (a programming error). */
export function pageDef(id: PageId): PageDef {
  const def = findPageDef(id);
  if (!def) throw new Error(`no page ${id}`);
  return def;
}

/** Every page with values, in catalogue order. */
export function pageIds(): PageId[] {
  return LESSON_IDS.filter((id) => findPageDef(id) !== undefined);
}

/** A page's link payload (schema.ts encode). */
export function encodePage(
  id: PageId,
  share: Shared<unknown>,
  options: { explicit?: boolean } = {},
): string {
  const def = pageDef(id);
  return encode(def.schema, def.ctx, share, options);
}

/** Decodes a page's link payload (schema.ts decode; `options.maxChars` as there). Never throws. */
export function decodePage(
  id: PageId,
  payload: string,
  options: { maxChars?: number } = {},
): DecodeResult<unknown> {
  const def = pageDef(id);
  return decode(def.schema, def.ctx, payload, options);
}
