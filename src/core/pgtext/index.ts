/**
 * One reader and writer of the SQL text PostgreSQL prints: identifier quoting (`ident.ts`),
 * schema-qualified names as values (`qname.ts`) and CHECK expressions as `pg_get_constraintdef`
 * prints them (`check/`).
 */
export { quoteIdent, quoteLiteral, unquoteIdent, parseIdentList } from './ident';
export { type QName, qname, qnameKey, splitQNameKey, quoteQName, parseQName } from './qname';
export type { Expr } from './check/ast';
export { parseCheckDefinition, parseExpr, type CheckDefinition } from './check/parse';
export { stripCasts, columnOf, constantOf, arrayConstants, parseArrayLiteral, conjuncts, disjuncts, inList, isNullTest } from './check/read';
