import type { Extension } from '../model';
import { diffLists } from './diff-lists';
import { divergence, type KindComparer } from './context';

const describe = (e: Extension) => `extension ${e.name} in schema ${e.schema}`;

/**
 * Extensions: present or not, and in which schema. Versions are not compared: both sides run
 * in the same PGlite, and a dump's CREATE EXTENSION names no version.
 */
export const compareExtensions: KindComparer = (ctx) => {
  const d = diffLists(ctx.expected.extensions, ctx.actual.extensions, (e) => e.name, (e, a) =>
    e.schema === a.schema ? [] : [divergence(ctx, {
      kind: 'definition_mismatch', objectType: 'extension', object: e.name, table: null, expected: describe(e), actual: describe(a),
      message: `extension ${e.name} is installed in schema ${a.schema}; canonical has it in ${e.schema}`,
    })]);
  return [
    ...d.missing.map((e) => divergence(ctx, { kind: 'missing', objectType: 'extension', object: e.name, table: null, expected: describe(e), actual: null, message: `extension ${e.name} is missing from the dump` })),
    ...d.extra.map((e) => divergence(ctx, { kind: 'extra', objectType: 'extension', object: e.name, table: null, expected: null, actual: describe(e), message: `extension ${e.name} is not in the canonical schema` })),
    ...d.altered,
  ];
};
