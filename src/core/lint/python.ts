/**
 * Alembic Python revisions → SQL pieces, without running Python. A small tokenizer (strings with
 * prefixes and triple quotes, comments, brackets) and an expression reader for call arguments
 * find every `op.<name>(…)` call with its line and column:
 * - `op.execute("""…""")`, `op.execute(sa.text("…"))`: the string's SQL, each character mapped
 *   back to its place in the .py file (escapes decoded, implicit concatenation joined);
 * - the common schema calls (`add_column`, `drop_column`, `create_table`, `create_index`,
 *   `drop_constraint`, `alter_column`, …) are translated to the SQL Alembic would emit, and
 *   every finding on them points at the call.
 * Statements inside `def downgrade()` are marked so the destructive check leaves them alone
 * (dropping what upgrade() created is the downgrade's purpose). Computed SQL (f-strings,
 * `%`/`+`, variables) cannot be read statically: it is reported, never silently passed.
 */
import { LineIndex } from '../load/split';
import { quoteIdent, quoteLiteral } from '../pgtext';
import type { SqlPiece, SyntaxProblem } from './source';
import type { Waiver } from './types';
import { waiverIn } from './waiver';

type Tok = { t: 'name' | 'str' | 'num' | 'op' | 'comment' | 'nl'; v: string; at: number; end: number; str?: PyString };
interface PyString {
  /** Decoded content. */
  value: string;
  /** File offset of each decoded character. */
  map: number[];
  fstring: boolean;
}

export type PyVal =
  | { k: 'str'; s: PyString; at: number }
  | { k: 'num'; v: string; at: number }
  | { k: 'name'; v: string; at: number }
  | { k: 'call'; fn: string; args: PyVal[]; kw: Record<string, PyVal>; at: number }
  | { k: 'list'; items: PyVal[]; at: number }
  | { k: 'other'; at: number };

/** Heuristic: Alembic revisions import alembic's `op` and define upgrade(). */
export function isPythonRevision(text: string): boolean {
  return /^\s*(from\s+alembic\s+import|import\s+alembic|def\s+upgrade\s*\()/m.test(text);
}

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '#') {
      const e = src.indexOf('\n', i);
      const end = e === -1 ? n : e;
      out.push({ t: 'comment', v: src.slice(i, end), at: i, end });
      i = end;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl', v: '\n', at: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pre = /^([rRbBuUfF]{0,2})(['"])/.exec(src.slice(i, i + 4));
    if (pre && (pre[1] === '' || /^(r|b|u|f|rb|br|fr|rf)$/i.test(pre[1]))) {
      const prefix = pre[1].toLowerCase();
      const q = pre[2];
      let j = i + pre[1].length;
      const triple = src.startsWith(q.repeat(3), j);
      const close = triple ? q.repeat(3) : q;
      j += close.length;
      const value: string[] = [];
      const map: number[] = [];
      while (j < n && !src.startsWith(close, j)) {
        if (!triple && src[j] === '\n') break;
        if (src[j] === '\\' && !prefix.includes('r')) {
          const e = src[j + 1];
          if (e === '\n') {
            j += 2;
            continue;
          }
          value.push(ESC[e] ?? `\\${e}`);
          map.push(j);
          if (!(e in ESC)) map.push(j + 1);
          j += 2;
          continue;
        }
        if (src[j] === '\\' && prefix.includes('r') && j + 1 < n) {
          value.push(src[j], src[j + 1]);
          map.push(j, j + 1);
          j += 2;
          continue;
        }
        value.push(src[j]);
        map.push(j);
        j++;
      }
      const end = Math.min(n, j + close.length);
      out.push({ t: 'str', v: src.slice(i, end), at: i, end, str: { value: value.join(''), map, fstring: prefix.includes('f') } });
      i = end;
      continue;
    }
    const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (w) {
      out.push({ t: 'name', v: w[0], at: i, end: i + w[0].length });
      i += w[0].length;
      continue;
    }
    const num = /^[0-9][0-9_.eExXa-fA-F]*/.exec(src.slice(i, i + 100));
    if (num) {
      out.push({ t: 'num', v: num[0], at: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const op = /^(\*\*|==|!=|<=|>=|->|:=|[-+*/%@&|^~<>()[\]{}.,:;=])/.exec(src.slice(i, i + 3));
    out.push({ t: 'op', v: op ? op[0] : c, at: i, end: i + (op ? op[0].length : 1) });
    i += op ? op[0].length : 1;
  }
  return out;
}

/** Reads expressions from the token list (no newlines inside brackets matter). */
class Reader {
  i = 0;
  constructor(private toks: Tok[]) {}
  peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  skipNl(): void {
    while (this.peek() && (this.peek()!.t === 'nl' || this.peek()!.t === 'comment')) this.i++;
  }
  /** One argument expression; anything with operators is `other`. Stops before `,` or a closing bracket. */
  expr(): PyVal {
    this.skipNl();
    const first = this.atom();
    this.skipNl();
    const t = this.peek();
    if (!t || (t.t === 'op' && [',', ')', ']', '}', ':', '='].includes(t.v))) return first;
    // An operator expression (`"a" + b`, `"%s" % x`, `x if y else z`): skip to the end of the argument.
    this.skipArg();
    return { k: 'other', at: first.at };
  }
  private skipArg(): void {
    let depth = 0;
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.t === 'op' && ['(', '[', '{'].includes(t.v)) depth++;
      else if (t.t === 'op' && [')', ']', '}'].includes(t.v)) {
        if (depth === 0) return;
        depth--;
      } else if (t.t === 'op' && t.v === ',' && depth === 0) return;
      this.i++;
    }
  }
  private atom(): PyVal {
    const t = this.peek();
    if (!t) return { k: 'other', at: 0 };
    let v: PyVal;
    if (t.t === 'str') {
      // Implicit concatenation: "a" "b".
      const parts: PyString[] = [];
      while (this.peek()?.t === 'str' || (this.peek()?.t === 'nl' && this.peekPastNl()?.t === 'str')) {
        this.skipNl();
        parts.push(this.peek()!.str!);
        this.i++;
      }
      v = { k: 'str', at: t.at, s: { value: parts.map((p) => p.value).join(''), map: parts.flatMap((p) => p.map), fstring: parts.some((p) => p.fstring) } };
    } else if (t.t === 'num') {
      this.i++;
      v = { k: 'num', v: t.v, at: t.at };
    } else if (t.t === 'name') {
      this.i++;
      let name = t.v;
      while (this.peek()?.v === '.' && this.peek(1)?.t === 'name') {
        name += `.${this.peek(1)!.v}`;
        this.i += 2;
      }
      v = { k: 'name', v: name, at: t.at };
    } else if (t.t === 'op' && (t.v === '[' || t.v === '(')) {
      this.i++;
      const items = this.list(t.v === '[' ? ']' : ')');
      v = items.length === 1 && t.v === '(' && !items.trailing ? items[0] : { k: 'list', items, at: t.at };
    } else {
      this.skipArg();
      return { k: 'other', at: t.at };
    }
    for (;;) {
      const nx = this.peek();
      if (nx?.t === 'op' && nx.v === '(') {
        this.i++;
        const { args, kw } = this.args();
        v = { k: 'call', fn: v.k === 'name' ? v.v : '?', args, kw, at: v.at };
      } else if (nx?.t === 'op' && nx.v === '.' && this.peek(1)?.t === 'name') {
        this.i += 2;
        v = { k: 'name', v: `${v.k === 'name' ? v.v : v.k === 'call' ? `${v.fn}()` : '?'}.${this.peek(-1)!.v}`, at: v.at };
      } else return v;
    }
  }
  private peekPastNl(): Tok | undefined {
    let k = this.i;
    while (this.toks[k] && (this.toks[k].t === 'nl' || this.toks[k].t === 'comment')) k++;
    return this.toks[k];
  }
  private list(close: string): PyVal[] & { trailing?: boolean } {
    const items: PyVal[] & { trailing?: boolean } = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (!t) return items;
      if (t.t === 'op' && t.v === close) {
        this.i++;
        return items;
      }
      items.push(this.expr());
      this.skipNl();
      if (this.peek()?.v === ',') {
        this.i++;
        items.trailing = true;
      } else items.trailing = false;
    }
  }
  /** Call arguments after `(`, through the matching `)`. */
  args(): { args: PyVal[]; kw: Record<string, PyVal> } {
    const args: PyVal[] = [];
    const kw: Record<string, PyVal> = {};
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (!t) return { args, kw };
      if (t.t === 'op' && t.v === ')') {
        this.i++;
        return { args, kw };
      }
      if (t.t === 'op' && (t.v === '*' || t.v === '**')) {
        this.i++;
        this.expr();
        args.push({ k: 'other', at: t.at });
      } else if (t.t === 'name' && this.peek(1)?.v === '=') {
        this.i += 2;
        kw[t.v] = this.expr();
      } else args.push(this.expr());
      this.skipNl();
      if (this.peek()?.v === ',') this.i++;
      else if (this.peek()?.v !== ')') this.i++; // malformed: move on
    }
  }
}

export interface OpCall {
  /** `execute`, `add_column`, … */
  name: string;
  args: PyVal[];
  kw: Record<string, PyVal>;
  /** File offsets of the `op` token and of the closing parenthesis. */
  at: number;
  end: number;
  fn: 'upgrade' | 'downgrade' | null;
}

/** Every `op.<name>(…)` call, with the revision function it sits in. */
export function findOpCalls(text: string): { calls: OpCall[]; comments: Tok[] } {
  const toks = tokenize(text);
  const calls: OpCall[] = [];
  const comments = toks.filter((t) => t.t === 'comment');
  const lines = new LineIndex(text);
  let fn: OpCall['fn'] = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === 'name' && t.v === 'def' && lines.at(t.at).column === 1) {
      const name = toks[i + 1]?.v;
      fn = name === 'upgrade' ? 'upgrade' : name === 'downgrade' ? 'downgrade' : null;
    } else if (t.t === 'name' && lines.at(t.at).column === 1 && t.v !== 'def' && toks[i - 1]?.t === 'nl') fn = null;
    if (t.t === 'name' && t.v === 'op' && toks[i + 1]?.v === '.' && toks[i + 2]?.t === 'name' && toks[i + 3]?.v === '(' && toks[i - 1]?.v !== '.') {
      const r = new Reader(toks);
      r.i = i + 4;
      const { args, kw } = r.args();
      calls.push({ name: toks[i + 2].v, args, kw, at: t.at, end: toks[r.i - 1]?.end ?? t.end, fn });
      i = r.i - 1;
    }
  }
  return { calls, comments };
}

/**
 * 1-based line ranges of `with …autocommit_block():` bodies. Alembic runs a PostgreSQL revision in
 * one transaction; inside that block it commits, runs the statements in autocommit, then opens a
 * new transaction. The body is every following line indented deeper than the `with` (blank and
 * comment lines included).
 */
export function autocommitBlocks(text: string): [number, number][] {
  const src = text.split('\n');
  const out: [number, number][] = [];
  const indent = (l: string) => /^[ \t]*/.exec(l)![0].replace(/\t/g, '        ').length;
  src.forEach((line, i) => {
    if (!/^\s*(?:async\s+)?with\s[^#]*\bautocommit_block\s*\(\s*\)[^#]*:\s*(#.*)?$/.test(line)) return;
    const own = indent(line);
    let end = i;
    for (let j = i + 1; j < src.length; j++) {
      if (/^\s*(#.*)?$/.test(src[j])) continue;
      if (indent(src[j]) <= own) break;
      end = j;
    }
    out.push([i + 2, end + 1]);
  });
  return out;
}

/** Alembic's Python revision → SQL pieces (see the module comment). */
export function pythonPieces(text: string): { pieces: SqlPiece[]; problems: SyntaxProblem[] } {
  const lines = new LineIndex(text);
  const { calls, comments } = findOpCalls(text);
  const autocommit = autocommitBlocks(text);
  const inRunnerTransaction = (call: OpCall) => {
    const line = lines.at(call.at).line;
    return call.fn !== null && !autocommit.some(([a, b]) => line >= a && line <= b);
  };
  const pieces: SqlPiece[] = [];
  const problems: SyntaxProblem[] = [];
  for (const call of calls) {
    const waiver = pyWaiver(call, comments, lines, text);
    const where = lines.at(call.at);
    if (call.name === 'execute') {
      const arg = call.args[0] ?? call.kw.sqltext;
      const s = stringOf(arg);
      if (!s) {
        problems.push({ ...where, message: 'op.execute() with SQL computed at run time (f-string, formatting, a variable, a query builder): not linted; write the SQL as a literal to have it checked' });
        continue;
      }
      pieces.push({ sql: s.value, map: (o) => lines.at(s.map[Math.min(o, s.map.length - 1)] ?? call.at), origin: 'execute', revisionFunction: call.fn, runnerTransaction: inRunnerTransaction(call), waiver });
      continue;
    }
    const sql = translateOp(call);
    if (sql === undefined) continue; // not a schema call (bulk_insert, get_bind, …)
    if (sql === null) {
      problems.push({ ...where, message: `op.${call.name}() with arguments computed at run time: not linted` });
      continue;
    }
    pieces.push({ sql, map: () => where, origin: 'op', revisionFunction: call.fn, runnerTransaction: inRunnerTransaction(call), waiver });
  }
  return { pieces, problems };
}

/** `# CI:DESTRUCTIVE_OK …` on a line the call spans, or on the comment-only line above it. */
function pyWaiver(call: OpCall, comments: Tok[], lines: LineIndex, text: string): Waiver | null {
  const first = lines.at(call.at).line;
  const last = lines.at(call.end).line;
  for (const c of comments) {
    const p = lines.at(c.at);
    const above = p.line === first - 1 && text.slice(lines.lineStart(p.line), c.at).trim() === '';
    if ((p.line >= first && p.line <= last) || above) {
      const w = waiverIn(c.v, p.line, p.column);
      if (w) return w;
    }
  }
  return null;
}

/** The literal SQL of an argument: a plain string or `sa.text("…")`; null when computed. */
function stringOf(v: PyVal | undefined): PyString | null {
  if (!v) return null;
  if (v.k === 'str') return v.s.fstring ? null : v.s;
  if (v.k === 'call' && /(^|\.)text$/.test(v.fn)) return stringOf(v.args[0]);
  return null;
}

const quote = quoteIdent;
const lit = (s: string) => quoteLiteral(s);

/** A plain string argument's value, or undefined. */
function str(v: PyVal | undefined): string | undefined {
  return v?.k === 'str' && !v.s.fstring ? v.s.value : undefined;
}
function truthy(v: PyVal | undefined): boolean {
  return v?.k === 'name' && v.v === 'True';
}
function qname(name: string, schema: PyVal | undefined): string {
  const s = str(schema);
  return s ? `${quote(s)}.${quote(name)}` : quote(name);
}

class Dynamic extends Error {}
function need(v: PyVal | undefined): string {
  const s = str(v);
  if (s === undefined) throw new Dynamic();
  return s;
}
function names(v: PyVal | undefined): string[] {
  if (v?.k === 'list') return v.items.map(need);
  return [need(v)];
}

/** SQLAlchemy type expression → PostgreSQL type (what Alembic renders for the postgresql dialect). */
export function sqlType(v: PyVal | undefined): string {
  if (!v) throw new Dynamic();
  const fn = v.k === 'call' ? v.fn : v.k === 'name' ? v.v : '';
  const base = fn.slice(fn.lastIndexOf('.') + 1);
  const args = v.k === 'call' ? v.args : [];
  const kw = v.k === 'call' ? v.kw : {};
  const nums = args.filter((a) => a.k === 'num').map((a) => (a as { v: string }).v);
  const mods = nums.length ? `(${nums.join(',')})` : '';
  switch (base.toLowerCase()) {
    case 'integer': case 'int': return 'integer';
    case 'biginteger': case 'bigint': return 'bigint';
    case 'smallinteger': case 'smallint': return 'smallint';
    case 'string': case 'varchar': case 'unicode': return `varchar${mods}`;
    case 'text': case 'unicodetext': return 'text';
    case 'char': return `char${mods}`;
    case 'boolean': return 'boolean';
    case 'datetime': case 'timestamp': return truthy(kw.timezone) ? 'timestamptz' : 'timestamp';
    case 'date': return 'date';
    case 'time': return truthy(kw.timezone) ? 'timetz' : 'time';
    case 'interval': return 'interval';
    case 'numeric': case 'decimal': return `numeric${mods}`;
    case 'float': case 'double': case 'double_precision': return 'double precision';
    case 'real': return 'real';
    case 'uuid': case 'uuid_type': return 'uuid';
    case 'json': return 'json';
    case 'jsonb': return 'jsonb';
    case 'largebinary': case 'bytea': return 'bytea';
    case 'inet': return 'inet';
    case 'cidr': return 'cidr';
    case 'array': return `${sqlType(args[0])}[]`;
    case 'enum': {
      const n = str(kw.name);
      return n ? quote(n) : 'text';
    }
    default:
      if (!base) throw new Dynamic();
      return base.toLowerCase();
  }
}

/** server_default → SQL: a string is a literal, `sa.text(…)` is SQL, `sa.func.now()` a call. */
function defaultSql(v: PyVal): string {
  if (v.k === 'str') return lit(need(v));
  if (v.k === 'call' && /(^|\.)text$/.test(v.fn)) return need(v.args[0]);
  if (v.k === 'call' && /(^|\.)func\./.test(v.fn)) return `${v.fn.slice(v.fn.lastIndexOf('.') + 1)}()`;
  if (v.k === 'name' && /(^|\.)(true|false)\(\)$/.test(v.v)) return v.v.includes('true') ? 'true' : 'false';
  throw new Dynamic();
}

const ON_DELETE = (v: PyVal | undefined) => (str(v) ? ` ON DELETE ${need(v).toUpperCase()}` : '');

/** `sa.Column(...)` → column definition; `comment=` collected for COMMENT ON COLUMN. */
function columnSql(col: PyVal): { sql: string; name: string; comment?: string } {
  if (col.k !== 'call' || !/(^|\.)Column$/.test(col.fn)) throw new Dynamic();
  const name = need(col.args[0]);
  const typeArg = col.args[1] && col.args[1].k !== 'call' ? col.args[1] : col.args[1]?.k === 'call' && !/ForeignKey$/.test(col.args[1].fn) ? col.args[1] : col.kw.type_;
  const parts = [quote(name), sqlType(typeArg)];
  const pk = truthy(col.kw.primary_key);
  if (pk) parts.push('PRIMARY KEY');
  const nullable = col.kw.nullable;
  if (nullable?.k === 'name' && nullable.v === 'False' && !pk) parts.push('NOT NULL');
  if (col.kw.server_default) parts.push(`DEFAULT ${defaultSql(col.kw.server_default)}`);
  if (truthy(col.kw.unique)) parts.push('UNIQUE');
  for (const a of col.args) {
    if (a.k === 'call' && /(^|\.)ForeignKey$/.test(a.fn)) {
      const target = need(a.args[0]);
      const dot = target.lastIndexOf('.');
      parts.push(`REFERENCES ${target.slice(0, dot).split('.').map(quote).join('.')} (${quote(target.slice(dot + 1))})${ON_DELETE(a.kw.ondelete)}`);
    }
  }
  return { sql: parts.join(' '), name, comment: str(col.kw.comment) };
}

function tableConstraintSql(c: PyVal): string | null {
  if (c.k !== 'call') return null;
  const kind = c.fn.slice(c.fn.lastIndexOf('.') + 1);
  const named = str(c.kw.name) ? `CONSTRAINT ${quote(need(c.kw.name))} ` : '';
  const cols = () => c.args.filter((a) => a.k === 'str').map((a) => quote(need(a))).join(', ');
  switch (kind) {
    case 'PrimaryKeyConstraint': return `${named}PRIMARY KEY (${cols()})`;
    case 'UniqueConstraint': return `${named}UNIQUE (${cols()})`;
    case 'CheckConstraint': return `${named}CHECK (${stringOf(c.args[0])?.value ?? need(undefined)})`;
    case 'ForeignKeyConstraint': {
      const local = names(c.args[0]);
      const remote = names(c.args[1]);
      const table = remote[0].slice(0, remote[0].lastIndexOf('.'));
      return `${named}FOREIGN KEY (${local.map(quote).join(', ')}) REFERENCES ${table.split('.').map(quote).join('.')} (${remote.map((r) => quote(r.slice(r.lastIndexOf('.') + 1))).join(', ')})${ON_DELETE(c.kw.ondelete)}`;
    }
    default: return null;
  }
}

/**
 * The SQL Alembic emits for a schema call; undefined for calls that are not schema changes,
 * null when an argument is computed at run time.
 */
export function translateOp(call: OpCall): string | null | undefined {
  const { args, kw } = call;
  try {
    switch (call.name) {
      case 'add_column': {
        const col = columnSql(args[1]);
        const t = qname(need(args[0]), kw.schema);
        return `ALTER TABLE ${t} ADD COLUMN ${col.sql};` + (col.comment ? `\nCOMMENT ON COLUMN ${t}.${quote(col.name)} IS ${lit(col.comment)};` : '');
      }
      case 'drop_column':
        return `ALTER TABLE ${qname(need(args[0]), kw.schema)} DROP COLUMN ${quote(need(args[1] ?? kw.column_name))};`;
      case 'create_table': {
        const t = qname(need(args[0]), kw.schema);
        const elems: string[] = [];
        const comments: string[] = [];
        for (const a of args.slice(1)) {
          if (a.k === 'call' && /(^|\.)Column$/.test(a.fn)) {
            const c = columnSql(a);
            elems.push(c.sql);
            if (c.comment) comments.push(`COMMENT ON COLUMN ${t}.${quote(c.name)} IS ${lit(c.comment)};`);
          } else {
            const c = tableConstraintSql(a);
            if (c) elems.push(c);
          }
        }
        if (str(kw.comment)) comments.unshift(`COMMENT ON TABLE ${t} IS ${lit(need(kw.comment))};`);
        return [`CREATE TABLE ${t} (\n  ${elems.join(',\n  ')}\n);`, ...comments].join('\n');
      }
      case 'drop_table':
        return `DROP TABLE ${qname(need(args[0] ?? kw.table_name), kw.schema)};`;
      case 'rename_table':
        return `ALTER TABLE ${qname(need(args[0]), kw.schema)} RENAME TO ${quote(need(args[1]))};`;
      case 'create_index': {
        const cols = (args[2] ?? kw.columns);
        const keys = (cols?.k === 'list' ? cols.items : [cols]).map((c) => (c?.k === 'str' ? quote(need(c)) : stringOf(c)?.value ?? need(undefined)));
        const where = stringOf(kw.postgresql_where);
        return `CREATE ${truthy(kw.unique) ? 'UNIQUE ' : ''}INDEX ${truthy(kw.postgresql_concurrently) ? 'CONCURRENTLY ' : ''}${quote(need(args[0] ?? kw.index_name))} ON ${qname(need(args[1] ?? kw.table_name), kw.schema)} (${keys.join(', ')})${where ? ` WHERE ${where.value}` : ''};`;
      }
      case 'drop_index':
        return `DROP INDEX ${truthy(kw.postgresql_concurrently) ? 'CONCURRENTLY ' : ''}${qname(need(args[0] ?? kw.index_name), kw.schema)};`;
      case 'create_foreign_key': {
        const [name, src, ref, local, remote] = args;
        return `ALTER TABLE ${qname(need(src ?? kw.source_table), kw.source_schema)} ADD CONSTRAINT ${quote(need(name ?? kw.constraint_name))} FOREIGN KEY (${names(local ?? kw.local_cols).map(quote).join(', ')}) REFERENCES ${qname(need(ref ?? kw.referent_table), kw.referent_schema)} (${names(remote ?? kw.remote_cols).map(quote).join(', ')})${ON_DELETE(kw.ondelete)};`;
      }
      case 'create_unique_constraint':
        return `ALTER TABLE ${qname(need(args[1] ?? kw.table_name), kw.schema)} ADD CONSTRAINT ${quote(need(args[0] ?? kw.constraint_name))} UNIQUE (${names(args[2] ?? kw.columns).map(quote).join(', ')});`;
      case 'create_primary_key':
        return `ALTER TABLE ${qname(need(args[1] ?? kw.table_name), kw.schema)} ADD CONSTRAINT ${quote(need(args[0] ?? kw.constraint_name))} PRIMARY KEY (${names(args[2] ?? kw.columns).map(quote).join(', ')});`;
      case 'create_check_constraint': {
        const cond = stringOf(args[2] ?? kw.condition);
        if (!cond) return null;
        return `ALTER TABLE ${qname(need(args[1] ?? kw.table_name), kw.schema)} ADD CONSTRAINT ${quote(need(args[0] ?? kw.constraint_name))} CHECK (${cond.value});`;
      }
      case 'drop_constraint':
        return `ALTER TABLE ${qname(need(args[1] ?? kw.table_name), kw.schema)} DROP CONSTRAINT ${quote(need(args[0] ?? kw.constraint_name))};`;
      case 'create_table_comment':
        return `COMMENT ON TABLE ${qname(need(args[0]), kw.schema)} IS ${lit(need(args[1] ?? kw.comment))};`;
      case 'alter_column': {
        const t = qname(need(args[0]), kw.schema);
        const c = quote(need(args[1]));
        const out: string[] = [];
        if (kw.type_) out.push(`ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${sqlType(kw.type_)};`);
        if (kw.nullable?.k === 'name') out.push(`ALTER TABLE ${t} ALTER COLUMN ${c} ${kw.nullable.v === 'False' ? 'SET' : 'DROP'} NOT NULL;`);
        if (kw.server_default) {
          const d = kw.server_default;
          out.push(d.k === 'name' && d.v === 'None' ? `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT;` : `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${defaultSql(d)};`);
        }
        if (kw.new_column_name) out.push(`ALTER TABLE ${t} RENAME COLUMN ${c} TO ${quote(need(kw.new_column_name))};`);
        if (str(kw.comment)) out.push(`COMMENT ON COLUMN ${t}.${c} IS ${lit(need(kw.comment))};`);
        return out.length ? out.join('\n') : undefined;
      }
      default:
        return undefined;
    }
  } catch (err) {
    if (err instanceof Dynamic) return null;
    throw err;
  }
}
