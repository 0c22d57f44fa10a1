import type { Extension } from '../model';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, type KindComparer } from './context';

const describe = (e: Extension) => `extension ${e.name} in schema ${e.schema}`;

const withVersion = (e: Extension) => `${describe(e)} version ${e.version}`;

/**
 * Extensions: present or not, in which schema, at which version. (A dump's CREATE EXTENSION
 * names no version, so both sides usually get the version PGlite ships; a script that says
 * `VERSION 'x'` or `ALTER EXTENSION … UPDATE` shows.)
 */
export const compareExtensions: KindComparer = (ctx) => {
  const d = diffLists(ctx.expected.extensions, ctx.actual.extensions, (e) => e.name, (e, a) => [
    ...commentDivergence(ctx, 'extension', e.name, null, e.comment ?? null, a.comment ?? null),
    ...(e.schema === a.schema && e.version === a.version ? [] : [divergence(ctx, {
      kind: 'definition_mismatch', objectType: 'extension', object: e.name, table: null,
      expected: e.version === a.version ? describe(e) : withVersion(e), actual: e.version === a.version ? describe(a) : withVersion(a),
      message: e.schema !== a.schema
        ? `extension ${e.name} is installed in schema ${a.schema}; canonical has it in ${e.schema}`
        : `extension ${e.name} is at version ${a.version}; canonical: ${e.version}`,
    })]),
  ]);
  return [
    ...d.missing.map((e) => divergence(ctx, { kind: 'missing', objectType: 'extension', object: e.name, table: null, expected: describe(e), actual: null, message: `extension ${e.name} is missing from the dump` })),
    ...d.extra.map((e) => divergence(ctx, { kind: 'extra', objectType: 'extension', object: e.name, table: null, expected: null, actual: describe(e), message: `extension ${e.name} is not in the canonical schema` })),
    ...d.altered,
  ];
};
