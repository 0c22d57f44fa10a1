/** Engine behaviour beyond one rule: waivers, Python mapping, syntax errors, down role, API. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../../src/adapters/pg-parser';
import { isBlocking, lintSql, lintText, type SqlParser } from '../../src/core/lint';
import { findOpCalls, translateOp } from '../../src/core/lint/python';
import { parseSpec } from '../../src/core/spec/parse';
import { emptyModel, type Func } from '../../src/core/model';

let parser: SqlParser;
beforeAll(async () => {
  parser = await loadSqlParser();
});

describe('lint engine', () => {
  it('waiver on the line above, on the statement, or inside a multi-line statement', () => {
    const sql = ['-- CI:DESTRUCTIVE_OK: ADR-1 archived', 'DROP TABLE a;', 'DROP TABLE b; -- CI:DESTRUCTIVE_OK - ADR-2', 'ALTER TABLE c', '  -- CI:DESTRUCTIVE_OK: ADR-3', '  DROP COLUMN x;', 'DROP TABLE d;'].join('\n');
    const f = lintSql(sql, { file: 'm.sql', parser }).filter((x) => x.rule === 'ban_destructive_statement');
    expect(f.map((x) => [x.line, x.waived ?? null])).toEqual([[2, 'ADR-1 archived'], [3, 'ADR-2'], [6, 'ADR-3'], [7, null]]);
    expect(f.filter(isBlocking).map((x) => x.line)).toEqual([7]);
  });

  it('a waiver does not reach past a blank line or the next statement', () => {
    const sql = '-- CI:DESTRUCTIVE_OK: ADR-1\n\nDROP TABLE a;\nDROP TABLE b;\n';
    expect(lintSql(sql, { file: 'm.sql', parser }).filter(isBlocking).map((x) => `${x.rule}@${x.line}`)).toEqual(['ban_destructive_statement@3', 'ban_destructive_statement@4']);
  });

  it('down role: destructive statements are the downgrade\'s job', () => {
    expect(lintSql('DROP TABLE a;', { file: 'down.sql', parser, role: 'down' }).filter(isBlocking)).toEqual([]);
  });

  it('findings in op.execute("""…""") point into the Python file, past escapes and concatenation', () => {
    const py = [
      'from alembic import op',
      'def upgrade():',
      '    op.execute("SELECT \'a\\tb\'; " "TRUNCATE t")',
      '    op.execute(',
      '        """',
      '        ALTER TABLE u DROP COLUMN c;',
      '        """',
      '    )',
    ].join('\n');
    const f = lintText(py, { file: 'r.py', parser }).findings.filter((x) => x.rule === 'ban_destructive_statement');
    expect(f.map((x) => `${x.line}:${x.column}`)).toEqual(['3:35', '6:23']);
  });

  it('statements inside def downgrade() are exempt from the destructive check', () => {
    const py = 'from alembic import op\ndef upgrade():\n    pass\n\ndef downgrade():\n    op.drop_table("t")\n    op.drop_column("u", "c")\n';
    const r = lintText(py, { file: 'r.py', parser });
    expect(r.statements).toBe(2);
    expect(r.findings.filter((x) => x.rule === 'ban_destructive_statement')).toEqual([]);
  });

  it('translates the common op.* calls to the SQL Alembic emits', () => {
    const py = `from alembic import op
import sqlalchemy as sa
def upgrade():
    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('tenant_id', sa.UUID(), sa.ForeignKey('tenants.id', ondelete='CASCADE'), nullable=False), sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()')), comment='rows')
    op.alter_column('t', 'at', nullable=False, type_=sa.String(20), new_column_name='when')
`;
    const sql = findOpCalls(py).calls.map(translateOp);
    expect(sql[0]).toContain('tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE');
    expect(sql[0]).toContain('at timestamptz DEFAULT now()');
    expect(sql[0]).toContain('COMMENT ON TABLE t IS \'rows\';');
    // Identifiers quoted as quote_ident() would: `when` is a reserved word.
    expect(sql[1]).toBe('ALTER TABLE t ALTER COLUMN at TYPE varchar(20);\nALTER TABLE t ALTER COLUMN at SET NOT NULL;\nALTER TABLE t RENAME COLUMN at TO "when";');
    // and every translated statement parses
    const r = lintText(py, { file: 'r.py', parser });
    expect(r.findings.filter((f) => f.rule === 'syntax_error')).toEqual([]);
  });

  it('one broken statement does not stop the rest; psql meta-commands are skipped', () => {
    const sql = '\\set ON_ERROR_STOP on\nCREATE TABLE t (id int);\nALTERR TABLE t;\nTRUNCATE t;\n';
    const rules = lintSql(sql, { file: 'm.sql', parser }).map((f) => `${f.rule}@${f.line}`);
    expect(rules).toContain('syntax_error@3');
    expect(rules).toContain('ban_destructive_statement@4');
  });

  it('positions count UTF-16 columns after multi-byte text', () => {
    const sql = "COMMENT ON TABLE x IS 'Überweisung — ✓'; ALTER TABLE t DROP COLUMN c;";
    const f = lintSql(sql, { file: 'm.sql', parser }).find((x) => x.rule === 'ban_destructive_statement');
    expect(f?.column).toBe(sql.indexOf('DROP COLUMN') + 1);
  });

  it('a rule that is off by default runs only when the overlay turns it on', () => {
    const sql = 'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(40));';
    const rules = (spec?: ReturnType<typeof parseSpec>) => lintSql(sql, { file: 'm.sql', parser, spec }).map((f) => `${f.rule}:${f.severity}`);
    expect(rules()).not.toContain('prefer_text_field:warning');
    const on = parseSpec('name: x\nphases: []\nelements: []\nlint: { rules: { prefer_text_field: error } }\n', 'x.yaml');
    expect(rules(on)).toContain('prefer_text_field:error');
  });

  it.each([
    ['LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;', true], ['VACUUM FULL orders;', true], ['VACUUM (FULL) orders;', true],
    ['REINDEX TABLE orders;', true], ['VACUUM (FULL false) orders;', false], ['VACUUM orders;', false], ['REINDEX TABLE CONCURRENTLY orders;', false],
  ])('require_lock_timeout: %s locks → %s', (sql, locks) => {
    const hit = (text: string) => lintSql(text, { file: 'm.sql', parser }).some((f) => f.rule === 'require_lock_timeout');
    expect(hit(sql)).toBe(locks);
    expect(hit(`SET lock_timeout = '5s';\n${sql}`)).toBe(false);
  });

  it('ban_volatile_default reads a default function\'s volatility from the base schema', () => {
    const sql = 'ALTER TABLE orders ADD COLUMN meta jsonb DEFAULT app.default_meta();';
    const withFn = (volatility: Func['volatility']) => {
      const base = emptyModel();
      base.functions.push({ schema: 'app', name: 'default_meta', identityArgs: '', kind: 'function', returns: 'jsonb', language: 'sql', securityDefiner: false, volatility, definition: '', comment: null } as Func);
      return lintSql(sql, { file: 'm.sql', parser, base }).filter((f) => f.rule === 'ban_volatile_default').map((f) => f.message);
    };
    expect(withFn('i')).toEqual([]);
    expect(withFn('v')).toEqual([expect.stringContaining('volatile default app.default_meta()')]);
    expect(lintSql(sql, { file: 'm.sql', parser }).filter((f) => f.rule === 'ban_volatile_default').map((f) => f.message)).toEqual([expect.stringContaining('unknown volatility')]);
  });
});
