import { describe, expect, it } from 'vitest';
import overlayText from '../../schema/canonical_schema.yaml?raw';
import { parseSpec } from '../../src/core/spec/parse';
import { classify } from '../../src/core/spec/classify';
import type { DivergenceKind, ObjectType } from '../../src/core/report/types';
import type { Severity } from '../../src/core/spec/types';

/**
 * The drift fixtures' expected.json files are a contract for the comparison engine (tested by
 * the engine's own parameterised test). Here: each is well-formed, uses the report vocabulary,
 * and its severities and exit code are what the overlay actually gives.
 */
interface Expected {
  description: string;
  exit_code: 0 | 1 | 2;
  divergences: { kind: DivergenceKind; object_type: ObjectType; object: string; severity: Severity }[];
  exact: boolean;
}
const expectedFiles = import.meta.glob<Expected>('../../fixtures/drift/*/expected.json', { eager: true, import: 'default' });
const dumps = import.meta.glob<string>('../../fixtures/drift/*/dump.sql', { query: '?raw', import: 'default', eager: true });

const KINDS: DivergenceKind[] = ['missing', 'extra', 'type_mismatch', 'nullability_mismatch', 'default_mismatch', 'identity_mismatch',
  'definition_mismatch', 'rls_disabled', 'rls_not_forced', 'policy_mismatch', 'privilege_missing', 'privilege_extra', 'comment_mismatch'];
const TYPES: ObjectType[] = ['schema', 'extension', 'table', 'column', 'constraint', 'index', 'policy', 'rls', 'trigger', 'function',
  'view', 'materialized_view', 'sequence', 'type', 'privilege'];

const spec = parseSpec(overlayText, 'schema/canonical_schema.yaml');

describe('fixtures/drift contracts', () => {
  const cases = Object.entries(expectedFiles).map(([path, exp]) => [path.split('/').at(-2)!, exp] as const);

  it('has the cases the issue asks for', () => {
    expect(cases.map(([c]) => c)).toEqual(expect.arrayContaining([
      'clean', 'dropped_not_null', 'dropped_index', 'renamed_column', 'changed_check_enum', 'no_force_rls', 'changed_type', 'ledger_update_granted',
    ]));
  });

  for (const [name, exp] of cases) {
    it(`${name}: real PG dump, known vocabulary, severities and exit code follow from the overlay`, () => {
      const dump = dumps[`../../fixtures/drift/${name}/dump.sql`];
      expect(dump).toMatch(/^-- PostgreSQL database dump\n/m);
      expect(dump).toMatch(/-- Dumped by pg_dump version 15\./);
      expect(exp.description.length).toBeGreaterThan(10);
      for (const d of exp.divergences) {
        expect(KINDS).toContain(d.kind);
        expect(TYPES).toContain(d.object_type);
        expect(classify(spec, d.object_type, d.object, d.kind).severity, `${d.kind} ${d.object}`).toBe(d.severity);
      }
      const sev = new Set(exp.divergences.map((d) => d.severity));
      expect(exp.exit_code).toBe(sev.has('BLOCKING') ? 1 : sev.has('HIGH') ? 2 : 0);
    });
  }
});
