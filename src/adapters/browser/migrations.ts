/**
 * The worker side of the Migrations view: DDL lint with PostgreSQL's parser (libpg-query WASM,
 * loaded on first use) and the upgrade → downgrade → upgrade cycle on fresh PGlite databases.
 */
import type { DbFactory } from '../../core/db';
import { InputError } from '../../core/errors';
import { lintText } from '../../core/lint';
import { runReversibility } from '../../core/reversibility/cycle';
import { parseSpec } from '../../core/spec/parse';
import { loadSqlParser } from '../pg-parser';
import type { LintRequest, LintResultMessage, ReversibilityRequest, ReversibilityResultMessage } from './protocol';

const errorOf = (err: unknown) => ({
  message: err instanceof Error ? err.message : String(err),
  location: err instanceof InputError ? { ...err.location } : null,
});

export async function lintFiles(req: LintRequest): Promise<LintResultMessage> {
  try {
    const spec = req.spec ? parseSpec(req.spec.text, req.spec.name) : null;
    const parser = await loadSqlParser();
    const results = req.files.map((f) => lintText(f.text, { file: f.name, parser, spec, role: f.role }));
    return { type: 'lint-result', id: req.id, results, error: null };
  } catch (err) {
    return { type: 'lint-result', id: req.id, results: [], error: errorOf(err) };
  }
}

export async function reversibility(req: ReversibilityRequest, factory: DbFactory, toolVersion: string): Promise<ReversibilityResultMessage> {
  try {
    const spec = req.spec ? parseSpec(req.spec.text, req.spec.name) : null;
    const report = await runReversibility(
      { base: { name: req.base.name, sql: req.base.text }, up: { name: req.up.name, text: req.up.text }, down: { name: req.down.name, text: req.down.text }, spec },
      { factory, toolVersion },
    );
    return { type: 'reversibility-result', id: req.id, report, error: null };
  } catch (err) {
    return { type: 'reversibility-result', id: req.id, report: null, error: errorOf(err) };
  }
}
