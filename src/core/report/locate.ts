/**
 * Where an object is defined in a dump, for SARIF annotations. pg_dump prints every definition
 * in one fixed shape (`CREATE TABLE public.t (`, a column per line, `ALTER TABLE ONLY public.t`
 * + `ADD CONSTRAINT c …`, `CREATE INDEX i ON public.t …`, `CREATE POLICY p ON public.t …`,
 * `ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;`), so a line scan over those shapes finds
 * definitions without re-parsing SQL for meaning. Anything not in that shape is simply not
 * located (no `line`) — never guessed. A missing object is located at its table.
 */
import type { Divergence } from './types';

/** `"Weird"."Name"` / `public.t` → `Weird.Name` / `public.t` (quotes removed, as the model prints names). */
function unquote(name: string): string {
  return name.replace(/"((?:[^"]|"")*)"/g, (_, s: string) => s.replace(/""/g, '"'));
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QNAME = String.raw`${IDENT}(?:\.${IDENT})?`;
const RX = {
  table: new RegExp(String.raw`^CREATE (?:UNLOGGED |FOREIGN )?TABLE (?:IF NOT EXISTS )?(${QNAME}) \(`),
  tableEnd: /^\)/,
  column: new RegExp(String.raw`^\s+(${IDENT}) \S`),
  alterTable: new RegExp(String.raw`^ALTER TABLE (?:ONLY )?(${QNAME})`),
  addConstraint: new RegExp(String.raw`^\s+ADD CONSTRAINT (${IDENT}) `),
  rls: new RegExp(String.raw`^ALTER TABLE (?:ONLY )?(${QNAME}) (?:ENABLE|FORCE) ROW LEVEL SECURITY`),
  index: new RegExp(String.raw`^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(${IDENT}) ON (?:ONLY )?(${QNAME})`),
  policy: new RegExp(String.raw`^CREATE POLICY (${IDENT}) ON (${QNAME})`),
  trigger: new RegExp(String.raw`^CREATE (?:OR REPLACE )?(?:CONSTRAINT )?TRIGGER (${IDENT}) .* ON (${QNAME})`),
  func: new RegExp(String.raw`^CREATE (?:OR REPLACE )?(?:FUNCTION|PROCEDURE) (${QNAME})\(`),
  view: new RegExp(String.raw`^CREATE (?:OR REPLACE )?(?:MATERIALIZED )?VIEW (${QNAME})`),
  sequence: new RegExp(String.raw`^CREATE SEQUENCE (${QNAME})`),
  type: new RegExp(String.raw`^CREATE (?:TYPE|DOMAIN) (${QNAME})`),
};

const qualify = (name: string) => (name.includes('.') ? name : `public.${name}`);

/** Map of `object_type|object` → first line (1-based) it is defined on. */
export function definitionIndex(text: string): Map<string, number> {
  const idx = new Map<string, number>();
  const put = (key: string, line: number) => {
    if (!idx.has(key)) idx.set(key, line);
  };
  const lines = text.split('\n');
  let inTable: string | null = null;
  let alter: string | null = null;
  let m: RegExpExecArray | null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const n = i + 1;
    if (inTable) {
      if (RX.tableEnd.test(line)) inTable = null;
      else if ((m = RX.column.exec(line)) && !/^\s+CONSTRAINT /.test(line)) put(`column|${inTable}.${unquote(m[1])}`, n);
      continue;
    }
    if ((m = RX.table.exec(line))) {
      inTable = qualify(unquote(m[1]));
      put(`table|${inTable}`, n);
      continue;
    }
    if ((m = RX.rls.exec(line))) {
      put(`rls|${qualify(unquote(m[1]))}`, n);
      continue;
    }
    if ((m = RX.alterTable.exec(line))) {
      alter = qualify(unquote(m[1]));
      const inline = /ADD CONSTRAINT (\S+) /.exec(line);
      if (inline) put(`constraint|${alter}.${unquote(inline[1])}`, n);
      continue;
    }
    if (alter && (m = RX.addConstraint.exec(line))) {
      put(`constraint|${alter}.${unquote(m[1])}`, n);
      alter = null;
      continue;
    }
    if (!/^\s/.test(line)) alter = null;
    if ((m = RX.index.exec(line))) put(`index|${qualify(unquote(m[2]))}.${unquote(m[1])}`, n);
    else if ((m = RX.policy.exec(line))) put(`policy|${qualify(unquote(m[2]))}.${unquote(m[1])}`, n);
    else if ((m = RX.trigger.exec(line))) put(`trigger|${qualify(unquote(m[2]))}.${unquote(m[1])}`, n);
    else if ((m = RX.func.exec(line))) put(`function|${qualify(unquote(m[1]))}`, n);
    else if ((m = RX.view.exec(line))) {
      put(`view|${qualify(unquote(m[1]))}`, n);
      put(`materialized_view|${qualify(unquote(m[1]))}`, n);
    } else if ((m = RX.sequence.exec(line))) put(`sequence|${qualify(unquote(m[1]))}`, n);
    else if ((m = RX.type.exec(line))) put(`type|${qualify(unquote(m[1]))}`, n);
  }
  return idx;
}

/** The line for one divergence: its own definition, else (for objects on a table) the table's. */
export function lineOf(d: Divergence, idx: Map<string, number>): number | undefined {
  const objType = d.object_type === 'function' ? 'function' : d.object_type;
  const key = objType === 'function' ? d.object.replace(/\(.*$/, '') : d.object;
  return idx.get(`${objType}|${key}`) ?? (d.table ? idx.get(`table|${d.table}`) : undefined);
}

/** Divergences with `line` filled where the dump text shows the definition. */
export function locateDivergences(divergences: Divergence[], dumpText: string): Divergence[] {
  const idx = definitionIndex(dumpText);
  return divergences.map((d) => {
    const line = lineOf(d, idx);
    return line === undefined ? d : { ...d, line };
  });
}
