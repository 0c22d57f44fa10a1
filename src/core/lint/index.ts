export { lintText, lintSql, isBlocking, severityOf, docsPath, type LintOptions, type LintResult } from './engine';
export { RULES, RULES_BY_ID } from './registry';
export type { Finding, LintRule, LintSeverity } from './types';
export type { SqlParser } from './parser';
