/**
 * The lint engine: input → statements (source.ts / python.ts) → facts → every rule of the
 * registry → findings with severity from the overlay, waivers applied, sorted by position.
 * Pure: the parser comes in through the SqlParser port.
 */
import type { SchemaModel } from '../model';
import type { Spec } from '../spec/types';
import { gatherFacts } from './facts';
import type { SqlParser } from './parser';
import { isPythonRevision, pythonPieces } from './python';
import { RULES, SYNTAX_ERROR, WAIVER_REASON } from './registry';
import { parsePieces, sqlFilePiece } from './source';
import type { Finding, LintContext, LintRule, LintSeverity } from './types';

export interface LintOptions {
  /** File name as reports show it. */
  file: string;
  parser: SqlParser;
  /** Overlay: rule severities (`lint.rules`), tenancy and tagged columns for the seed rules. */
  spec?: Spec | null;
  /** The schema the migration applies to, when known. */
  base?: SchemaModel | null;
  /** `down`: a downgrade script (destructive statements are its job). Default `up`. */
  role?: 'up' | 'down';
  /** `auto` (default): an Alembic revision when the text looks like Python, else SQL. */
  language?: 'auto' | 'sql' | 'python';
}

export interface LintResult {
  file: string;
  language: 'sql' | 'python';
  /** Statements parsed (SQL statements, `op.execute` statements and translated `op.*` calls). */
  statements: number;
  findings: Finding[];
}

/** Severity of a rule under the overlay (`lint: { rules: { id: warning } }`). */
export function severityOf(rule: LintRule, spec: Spec | null | undefined): LintSeverity {
  return spec?.lint?.rules[rule.id] ?? rule.severity;
}

export function lintText(text: string, options: LintOptions): LintResult {
  const spec = options.spec ?? null;
  const language = options.language === 'sql' || options.language === 'python' ? options.language
    : isPythonRevision(text) ? 'python' : 'sql';
  const { pieces, problems: pyProblems } = language === 'python' ? pythonPieces(text) : { pieces: [sqlFilePiece(text)], problems: [] };
  const { statements, problems } = parsePieces(pieces, options.parser);
  const ctx: LintContext = {
    file: options.file, statements, facts: gatherFacts(statements), spec, base: options.base ?? null, role: options.role ?? 'up',
  };
  const findings: Finding[] = [];
  const emit = (rule: LintRule, line: number, column: number, message: string, help = rule.help, waived?: string) => {
    const severity = severityOf(rule, spec);
    if (severity === 'off') return;
    findings.push({ rule: rule.id, severity, message, file: options.file, line, column, help, docs: docsPath(rule.id), ...(waived !== undefined ? { waived } : {}) });
  };
  for (const p of [...problems, ...pyProblems]) emit(SYNTAX_ERROR, p.line, p.column, p.message);
  for (const rule of RULES) {
    if (severityOf(rule, spec) === 'off') continue;
    for (const r of rule.check(ctx)) {
      const pos = r.statement.at(r.offset ?? 0);
      const w = rule.destructive ? r.statement.waiver : null;
      emit(rule, pos.line, pos.column, r.message, r.help, w && w.reason ? w.reason : undefined);
    }
  }
  // A waiver must say why (seed 004 §5.2: the ADR); one without a reason waives nothing.
  const bare = new Set<string>();
  for (const s of statements) {
    const w = s.waiver;
    if (!w || w.reason || bare.has(`${w.line}:${w.column}`)) continue;
    bare.add(`${w.line}:${w.column}`);
    emit(WAIVER_REASON, w.line, w.column, 'CI:DESTRUCTIVE_OK waiver without a reason: it waives nothing until it says why the change is safe');
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return { file: options.file, language, statements: statements.length, findings };
}

/** The core API the corrective-migration generator uses: findings of one SQL text. */
export function lintSql(text: string, options: Omit<LintOptions, 'language'>): Finding[] {
  return lintText(text, { ...options, language: 'sql' }).findings;
}

export const docsPath = (id: string) => `docs/rules/lint/${id}.md`;

export { isBlocking } from './summary';
