/**
 * SARIF 2.1.0, so divergences and failed behaviour checks annotate a pull request.
 * One rule per divergence kind (ruleId = kind) and per behaviour family (`rls/<scenario>`,
 * `smoke/<id>`). Each result points at the dump file — at the line where the object (or, when
 * it is missing, its table) is defined when `line` is known — and names the object as a
 * logical location. `partialFingerprints` carry the stable divergence id.
 */
import { diffExcerpts } from './excerpt';
import type { Divergence, Report } from './types';
import type { Severity } from '../spec/types';

export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  BLOCKING: 'error',
  HIGH: 'warning',
  MEDIUM: 'note',
  LOW: 'note',
};

interface SarifRule { id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: string }; helpUri?: string }

export interface SarifOptions {
  /**
   * Corrective SQL per divergence id (src/core/fix: the statements that fix it, hazards as
   * comments). Each becomes the result's SARIF `fixes` entry: an insertion into `fixFile`.
   */
  fixes?: ReadonlyMap<string, string>;
  /** Where the fixes go, e.g. `fix.sql`. */
  fixFile?: string;
}

/** Repository-relative docs page of a rule: `docs/rules/<kind>.md`, `docs/rules/rls/<scenario>.md`. */
const helpUri = (ruleId: string): string | undefined =>
  ruleId.startsWith('smoke/') ? undefined : ruleId.startsWith('rls/') ? `docs/rules/rls/${ruleId.slice(4)}.md` : `docs/rules/${ruleId}.md`;

const KIND_TEXT: Record<string, string> = {
  missing: 'Canonical object missing from the dump',
  extra: 'Object in the dump that the canonical schema does not have',
  type_mismatch: 'Column type differs from canonical',
  nullability_mismatch: 'Column nullability differs from canonical',
  default_mismatch: 'Column default differs from canonical',
  identity_mismatch: 'Identity / generated column differs from canonical',
  definition_mismatch: 'Definition differs from canonical',
  rls_disabled: 'Row-level security is not enabled',
  rls_not_forced: 'Row-level security is not forced (the owner bypasses it)',
  policy_mismatch: 'RLS policy differs from canonical',
  privilege_missing: 'Privilege missing',
  privilege_extra: 'Privilege not in canonical',
  comment_mismatch: 'Comment differs from canonical',
};

/**
 * The annotation text: severity and message, and — when both sides exist — excerpts of the
 * canonical and dump values around where they differ (the full values are in `properties`).
 */
export function divergenceMessage(d: Divergence): string {
  const head = `[${d.severity}] ${d.message}`;
  if (d.expected === null || d.actual === null) return head;
  const x = diffExcerpts(d.expected, d.actual, { max: 200, context: 40 });
  return `${head}\nexpected: ${x.expected}\nactual:   ${x.actual}`;
}

/** SARIF §3.55 fix: the corrective SQL as an insertion at the top of the migration file. */
function fixOf(id: string, options: SarifOptions): { fixes?: unknown[] } {
  const text = options.fixes?.get(id);
  if (!text) return {};
  return {
    fixes: [{
      description: { text: `Corrective SQL (proven in PGlite by skeldir-schema fix):\n${text}` },
      artifactChanges: [{
        artifactLocation: { uri: options.fixFile ?? 'fix.sql' },
        replacements: [{ deletedRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, insertedContent: { text: `${text}\n` } }],
      }],
    }],
  };
}

export function toSarif(report: Report, options: SarifOptions = {}): string {
  const dump = report.inputs.find((i) => i.role === 'dump');
  const uri = dump?.name ?? 'dump.sql';
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const rule = (id: string, text: string, level: string) => {
    if (!ruleIndex.has(id)) {
      ruleIndex.set(id, rules.length);
      const help = helpUri(id);
      rules.push({
        id, name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')), shortDescription: { text }, defaultConfiguration: { level },
        ...(help ? { helpUri: help } : {}),
      });
    }
    return ruleIndex.get(id)!;
  };
  const physical = (line: number | undefined) => ({
    physicalLocation: { artifactLocation: { uri, index: 0 }, region: { startLine: line && line > 0 ? line : 1 } },
  });

  const results: unknown[] = report.divergences.map((d: Divergence) => ({
    ruleId: d.kind,
    ruleIndex: rule(d.kind, KIND_TEXT[d.kind] ?? d.kind, SARIF_LEVEL[d.severity]),
    level: SARIF_LEVEL[d.severity],
    message: { text: divergenceMessage(d) },
    locations: [{ ...physical(d.line), logicalLocations: [{ fullyQualifiedName: d.object, kind: d.object_type }] }],
    partialFingerprints: { 'skeldirDivergenceId/v1': d.id },
    properties: { severity: d.severity, object_type: d.object_type, invariant: d.invariant, expected: d.expected, actual: d.actual, phases: d.phases },
    ...fixOf(d.id, options),
    // A drift decision (accepted with an ADR, resolved) is a SARIF suppression: reviewed, not blocking.
    ...(d.decision ? { suppressions: [{ kind: 'external', status: 'accepted', justification: d.decision.reason }] } : {}),
  }));
  for (const t of report.rls?.tests ?? []) {
    if (t.outcome === 'passed') continue;
    const id = `rls/${t.scenario}`;
    const level = t.outcome === 'failed' ? 'error' : 'warning';
    results.push({
      ruleId: id, ruleIndex: rule(id, `RLS isolation: ${t.scenario}`, 'error'), level,
      message: { text: `RLS ${t.outcome}: ${t.table} ${t.scenario}: ${t.detail}` },
      locations: [{ ...physical(undefined), logicalLocations: [{ fullyQualifiedName: t.table, kind: 'table' }] }],
      partialFingerprints: { 'skeldirDivergenceId/v1': `rls:${t.table}:${t.scenario}` },
      properties: { outcome: t.outcome, role: t.role, sql: t.sql },
    });
  }
  for (const t of report.smoke?.tests ?? []) {
    if (t.outcome === 'passed') continue;
    const id = `smoke/${t.id}`;
    results.push({
      ruleId: id, ruleIndex: rule(id, `Smoke test: ${t.title}`, 'error'), level: t.outcome === 'failed' ? 'error' : 'warning',
      message: { text: `Smoke test ${t.id} (${t.phase}) ${t.outcome}: ${t.detail}` },
      locations: [{ ...physical(undefined), logicalLocations: [{ fullyQualifiedName: t.id, kind: 'smoke_test' }] }],
      partialFingerprints: { 'skeldirDivergenceId/v1': `smoke:${t.id}` },
      properties: { outcome: t.outcome, phase: t.phase, sql: t.sql },
    });
  }
  // `$schema` is optional in SARIF 2.1.0 (§3.13.3); `version` identifies the format. Leaving the
  // schema URL out keeps every artefact free of network references.
  const sarif = {
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules } },
      artifacts: [{ location: { uri } }],
      results,
      properties: { exit_code: report.exit_code, verdict: report.verdict, phase: report.phase, summary: report.summary },
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
