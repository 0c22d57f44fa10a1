/**
 * Schema-qualified names as values. The model keys objects by `schema.name` strings built from
 * catalog names (never quoted: `public.Order` for a table Postgres prints as `public."Order"`);
 * these helpers build, split and quote them in one place instead of ad-hoc `split('.')`.
 */
import { parseIdentList, quoteIdent } from './ident';

export interface QName {
  /** Catalog schema name, e.g. `public` (exact case, unquoted). */
  schema: string;
  /** Catalog object name, e.g. `attribution_events` or `Order` (exact case, unquoted). */
  name: string;
}

export function qname(schema: string, name: string): QName {
  return { schema, name };
}

/** The model's key for an object: `public.attribution_events` (unquoted, as catalog names). */
export function qnameKey(q: QName): string {
  return `${q.schema}.${q.name}`;
}

/**
 * Split a model key made by `qnameKey` (the schema is everything before the first dot: schema
 * names with dots are not supported as keys). A key with no dot is in `defaultSchema`.
 */
export function splitQNameKey(key: string, defaultSchema = 'public'): QName {
  const i = key.indexOf('.');
  return i < 0 ? { schema: defaultSchema, name: key } : { schema: key.slice(0, i), name: key.slice(i + 1) };
}

/** SQL text for a qualified name, each part quoted only when needed: `public."Order"`. */
export function quoteQName(schema: string, name: string): string;
export function quoteQName(q: QName): string;
export function quoteQName(a: string | QName, b?: string): string {
  const q = typeof a === 'string' ? { schema: a, name: b as string } : a;
  return `${quoteIdent(q.schema)}.${quoteIdent(q.name)}`;
}

/**
 * Read a (possibly qualified, possibly quoted) name as SQL text writes it — `public."Order"`,
 * `"My Schema".t`, `orders` — into catalog names. Null when the text is not a name of 1 or 2 parts.
 */
export function parseQName(text: string, defaultSchema = 'public'): QName | null {
  const parts = parseIdentList(text);
  if (!parts) return null;
  if (parts.length === 1) return { schema: defaultSchema, name: parts[0] };
  if (parts.length === 2) return { schema: parts[0], name: parts[1] };
  return null;
}
