/**
 * Test helpers for the exports: a JSON Schema (draft 4) checker for the keywords nbformat's schema
 * uses, and that schema itself (fixtures/nbformat.v4.5.schema.json, copied unchanged from the
 * nbformat 5.5 Python package, BSD-3-Clause, Project Jupyter). Only tests import this file.
 */
import schemaJson from './fixtures/nbformat.v4.5.schema.json';

type Schema = Record<string, unknown>;

export const NBFORMAT_4_5_SCHEMA = schemaJson as Schema;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const key of ref.slice(2).split('/')) node = (node as Schema)[key];
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

const KNOWN = new Set([
  '$schema',
  'description',
  '$ref',
  'definitions',
  'type',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'patternProperties',
  'items',
  'oneOf',
  'not',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'uniqueItems',
]);

/**
 * Every way `value` breaks `schema` (empty when it conforms), each as "path: problem". Throws on a
 * keyword it does not implement rather than passing it by.
 */
export function schemaErrors(
  value: unknown,
  schema: Schema,
  root: Schema = schema,
  path = '$',
): string[] {
  if (schema.$ref !== undefined)
    return schemaErrors(value, resolve(root, schema.$ref as string), root, path);
  // nbformat's schema has a few misplaced definitions (e.g. "source_hidden" beside "properties",
  // "item" for "items"): not keywords, and draft 4 ignores unknown keys.
  const errors: string[] = [];
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    const ok = types.some((want) => want === t || (want === 'number' && t === 'integer'));
    if (!ok) return [`${path}: is ${t}, not ${types.join(' or ')}`];
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).some((e) => e === value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.oneOf !== undefined) {
    const matching = (schema.oneOf as Schema[]).filter(
      (s) => schemaErrors(value, s, root, path).length === 0,
    );
    if (matching.length !== 1)
      errors.push(`${path}: matches ${matching.length} of the oneOf alternatives, not exactly 1`);
  }
  if (
    schema.not !== undefined &&
    schemaErrors(value, schema.not as Schema, root, path).length === 0
  )
    errors.push(`${path}: matches a schema it must not`);
  if (t === 'string') {
    const s = value as string;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern as string, 'u').test(s))
      errors.push(`${path}: does not match ${String(schema.pattern)}`);
    if (schema.minLength !== undefined && [...s].length < (schema.minLength as number))
      errors.push(`${path}: shorter than ${String(schema.minLength)}`);
    if (schema.maxLength !== undefined && [...s].length > (schema.maxLength as number))
      errors.push(`${path}: longer than ${String(schema.maxLength)}`);
  }
  if (t === 'integer' || t === 'number') {
    const n = value as number;
    if (schema.minimum !== undefined && n < (schema.minimum as number))
      errors.push(`${path}: below ${String(schema.minimum)}`);
    if (schema.maximum !== undefined && n > (schema.maximum as number))
      errors.push(`${path}: above ${String(schema.maximum)}`);
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (schema.items !== undefined)
      a.forEach((v, k) =>
        errors.push(...schemaErrors(v, schema.items as Schema, root, `${path}[${k}]`)),
      );
    if (schema.uniqueItems === true && new Set(a.map((v) => JSON.stringify(v))).size !== a.length)
      errors.push(`${path}: items are not unique`);
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? [])
      if (!(key in o)) errors.push(`${path}: lacks required "${key}"`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    const patterns = Object.entries(
      (schema.patternProperties as Record<string, Schema> | undefined) ?? {},
    );
    for (const [key, v] of Object.entries(o)) {
      const at = `${path}.${key}`;
      let matched = false;
      if (key in props) {
        matched = true;
        errors.push(...schemaErrors(v, props[key]!, root, at));
      }
      for (const [pattern, s] of patterns) {
        if (new RegExp(pattern, 'u').test(key)) {
          matched = true;
          errors.push(...schemaErrors(v, s, root, at));
        }
      }
      if (matched) continue;
      const extra = schema.additionalProperties;
      if (extra === false) errors.push(`${at}: not allowed here`);
      else if (typeof extra === 'object' && extra !== null)
        errors.push(...schemaErrors(v, extra as Schema, root, at));
    }
  }
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key) && !isPropertyLike(schema[key]))
      throw new Error(`${path}: schema keyword "${key}" is not implemented`);
  }
  return errors;
}

/** A misplaced definition (an object under an unknown key, e.g. "item"), which draft 4 ignores. */
function isPropertyLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
