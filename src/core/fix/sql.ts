/**
 * Identifier and literal text for the SQL the fixer writes: every identifier goes through
 * pgtext's `quoteIdent` (quoted only when Postgres needs it, as quote_ident does), every string
 * through `quoteLiteral`. Definitions Postgres printed (pg_get_*def, format_type, pg_get_expr)
 * are used as printed.
 */
import { quoteIdent, quoteLiteral, quoteQName, splitQNameKey } from '../pgtext';

export const ident = quoteIdent;

/** `schema.name`, each part quoted as needed. */
export const rel = (schema: string, name: string) => quoteQName(schema, name);

/** A model key `public.t` (pgtext qnameKey) as SQL: `public.t`, `public."Order"`. */
export const relKey = (key: string) => quoteQName(splitQNameKey(key));

/** A SQL string literal (standard_conforming_strings on). */
export const literal = (text: string) => quoteLiteral(text);

/** A role name in GRANT / policy TO lists: `PUBLIC` (and `public`) stay keywords. */
export const roleName = (name: string) => (name === 'PUBLIC' || name === 'public' ? 'PUBLIC' : quoteIdent(name));
