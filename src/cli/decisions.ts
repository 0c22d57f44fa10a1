/**
 * `check --decisions FILE`: the Drift view's decisions applied to the CLI's reports with the
 * browser's own code (core/drift/apply.ts), numbered as the browser numbers them — the file's
 * SCHEMA-DRIFT numbers first, then the team's registry (schema/drift_registry.json, which the
 * page starts from too) and provisional numbers for the drifts found now.
 */
import known from '../../schema/drift_registry.json';
import type { MigrationEvidence } from '../core/gates';
import { applyDriftDecisions } from '../core/drift/apply';
import { parseDecisionsFile, type DecisionsFile } from '../core/drift/decisions-file';
import { driftIdOf, driftIdsOfReports, emptyRegistry, provisionalRegistry, reviveRegistry } from '../core/drift/registry';
import type { Report } from '../core/report/types';
import type { Spec } from '../core/spec/types';
import { displayPath, readText } from './files';

export function readDecisions(path: string): DecisionsFile {
  return parseDecisionsFile(readText(path), displayPath(path));
}

export function applyDecisions(reports: Report[], spec: Spec, file: DecisionsFile, migrations: MigrationEvidence | null): Report[] {
  const { clean, broken } = driftIdsOfReports(reports);
  const registry = provisionalRegistry(reviveRegistry(known) ?? emptyRegistry(), clean, broken);
  const idOf = (id: string) => file.driftIds[id] ?? driftIdOf(registry, id);
  return reports.map((r) => applyDriftDecisions(r, spec, file.decisions, idOf, migrations));
}
