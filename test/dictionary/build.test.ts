import { describe, expect, it } from 'vitest';
import { buildDictionary } from '../../src/core/dictionary/build';
import { dictionaryToMarkdown, markdownSlug, mdCode, mdText } from '../../src/core/dictionary/markdown';
import { divergencesByObject, entryForObject, filterDictionary, unplacedDivergences } from '../../src/core/dictionary/search';
import type { Divergence } from '../../src/core/report/types';
import { sampleModel, sampleSpec } from './fixture-model';

describe('buildDictionary', () => {
  const entries = buildDictionary(sampleModel(), sampleSpec());
  const byId = new Map(entries.map((e) => [e.id, e]));

  it('has one entry per table and view, sorted', () => {
    expect(entries.map((e) => `${e.id}:${e.kind}`)).toEqual([
      'public.dead_events:table', 'public.mv_status:materialized view', 'public.tenants:table',
    ]);
  });

  it('reads allowed values from the CHECK onto the column', () => {
    const col = byId.get('public.dead_events')!.columns.find((c) => c.name === 'remediation_status')!;
    expect(col.allowed).toEqual({
      column: 'remediation_status', values: ['pending', 'in_progress', 'resolved', 'abandoned'], allowsNull: false,
      constraint: 'ck_dead_events_remediation_status_valid',
    });
    expect(col.default).toBe("'pending'::character varying");
  });

  it('marks PK, FK with its target, and UNIQUE from a single-column unique index', () => {
    const dead = byId.get('public.dead_events')!;
    expect(dead.columns.find((c) => c.name === 'id')!.keys).toEqual(['PK']);
    const tenantId = dead.columns.find((c) => c.name === 'tenant_id')!;
    expect(tenantId.keys).toEqual(['FK']);
    expect(tenantId.references).toEqual(['public.tenants.id']);
    expect(byId.get('public.tenants')!.columns.find((c) => c.name === 'api_key_hash')!.keys).toEqual(['UNIQUE']);
  });

  it('tags elements from the overlay: invariant severity, explicit severity wins, phases sorted', () => {
    const key = byId.get('public.tenants')!.columns.find((c) => c.name === 'api_key_hash')!;
    expect(key.tag).toEqual({ invariant: 'auth_critical', severity: 'BLOCKING', phases: ['b0.3'], rationale: 'API auth looks tenants up by hash' });
    const dead = byId.get('public.dead_events')!;
    expect(dead.columns.find((c) => c.name === 'remediation_status')!.tag!.severity).toBe('LOW');
    expect(dead.constraints.find((c) => c.type === 'check')!.tag).toMatchObject({ invariant: 'processing_critical', severity: 'HIGH' });
    expect(dead.rls).toEqual({ enabled: true, forced: true, tag: { invariant: null, severity: 'BLOCKING', phases: ['b0.3'], rationale: null } });
    expect(dead.phases).toEqual(['b0.3', 'b0.4']);
    expect(dead.invariants).toEqual(['processing_critical']);
    expect(dead.columns.find((c) => c.name === 'id')!.tag).toBeNull();
  });

  it('lists who references a table, policies, triggers and privileges', () => {
    const tenants = byId.get('public.tenants')!;
    expect(tenants.referencedBy).toEqual([{ table: 'public.dead_events', constraint: 'dead_events_tenant_id_fkey', columns: ['tenant_id'], refColumns: ['id'], onDelete: 'CASCADE' }]);
    const dead = byId.get('public.dead_events')!;
    expect(dead.policies.map((p) => p.name)).toEqual(['tenant_isolation_policy']);
    expect(dead.triggers[0].summary).toBe('BEFORE INSERT OR UPDATE FOR EACH ROW');
    expect(dead.privileges).toEqual([{ grantee: 'app_rw', privileges: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'] }]);
    expect(byId.get('public.mv_status')!.rls).toBeNull();
  });

  it('works without an overlay (no tags)', () => {
    const plain = buildDictionary(sampleModel(), null);
    expect(plain.flatMap((e) => e.columns.map((c) => c.tag)).every((t) => t === null)).toBe(true);
    expect(plain.every((e) => e.phases.length === 0)).toBe(true);
  });
});

describe('dictionaryToMarkdown', () => {
  const md = dictionaryToMarkdown(buildDictionary(sampleModel(), sampleSpec()), 'Sample');

  it('has a contents list linking to every section', () => {
    expect(md.startsWith('# Data dictionary — Sample\n')).toBe(true);
    expect(md).toContain('- [public.dead\\_events](#publicdead_events) — table, 3 columns: Dead-letter queue');
    expect(md).toContain('## public.dead\\_events');
    expect(markdownSlug('public.dead_events')).toBe('publicdead_events');
  });

  it('renders a column row with allowed values, keys and tag', () => {
    expect(md).toContain("| 3 | `remediation_status` | `character varying(20)` | NOT NULL | `'pending'::character varying` |  | `pending`, `in_progress`, `resolved`, `abandoned` | processing\\_critical (LOW) |  |");
    expect(md).toContain('| 2 | `tenant_id` | `uuid` | NOT NULL |  | FK → public.tenants.id |');
    expect(md).toContain('RLS enabled, forced (BLOCKING; phases b0.3)');
  });

  it('escapes user content: pipes, HTML, newlines', () => {
    expect(md).toContain('bcrypt hash \\| never the key &lt;b&gt;');
    expect(md).not.toContain('<b>');
    expect(mdText('a\nb|c')).toBe('a b\\|c');
    expect(mdCode('x `y` z')).toBe('``x `y` z``');
  });

  it('is deterministic and ends with one newline', () => {
    expect(dictionaryToMarkdown(buildDictionary(sampleModel(), sampleSpec()), 'Sample')).toBe(md);
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
    expect(md).not.toMatch(/\n\n\n/);
  });
});

describe('filterDictionary', () => {
  const entries = buildDictionary(sampleModel(), sampleSpec());
  const f = (query: string, invariant: string | null = null, severity: 'BLOCKING' | 'HIGH' | 'MEDIUM' | 'LOW' | null = null) =>
    filterDictionary(entries, { query, invariant, severity }).map((x) => `${x.entry.id}[${x.wholeEntry ? '*' : x.columns.map((c) => c.name).join(',')}]`);

  it('shows everything for an empty query', () => {
    expect(f('')).toEqual(['public.dead_events[*]', 'public.mv_status[*]', 'public.tenants[*]']);
  });
  it('matches a column by name or comment, words may span table and column', () => {
    expect(f('api_key')).toEqual(['public.tenants[api_key_hash]']);
    expect(f('bcrypt')).toEqual(['public.tenants[api_key_hash]']);
    expect(f('tenants hash')).toEqual(['public.tenants[api_key_hash]']);
    expect(f('customer')).toEqual(['public.tenants[*]']); // the table comment matched
  });
  it('matches allowed values', () => {
    expect(f('abandoned')).toEqual(['public.dead_events[remediation_status]']);
    expect(f('isolation')).toEqual(['public.dead_events[]']); // a policy name: the table shows, no column matched
  });
  it('filters by invariant and severity tags', () => {
    expect(f('', 'auth_critical')).toEqual(['public.tenants[api_key_hash]']);
    expect(f('', 'processing_critical')).toEqual(['public.dead_events[remediation_status]']);
    expect(f('', null, 'BLOCKING')).toEqual(['public.dead_events[]', 'public.tenants[api_key_hash]']);
    expect(f('', 'auth_critical', 'LOW')).toEqual([]);
  });
});

describe('divergences and selection', () => {
  const entries = buildDictionary(sampleModel(), sampleSpec());
  const d = (kind: Divergence['kind'], object_type: Divergence['object_type'], object: string, table: string | null): Divergence => ({
    id: `${kind}:${object_type}:${object}`, severity: 'HIGH', kind, object_type, object, table, invariant: null,
    expected: null, actual: null, phases: [], message: `${object} ${kind}`,
  });
  const divs = [
    d('missing', 'column', 'public.dead_events.remediation_status', 'public.dead_events'),
    d('extra', 'index', 'public.dead_events.idx_only_in_dump', 'public.dead_events'),
    d('rls_not_forced', 'rls', 'public.dead_events', 'public.dead_events'),
  ];

  it('indexes divergences by object and finds those with no element to sit on', () => {
    const by = divergencesByObject(divs);
    expect(by.get('public.dead_events.remediation_status')!.map((x) => x.kind)).toEqual(['missing']);
    expect(by.get('public.dead_events')!.map((x) => x.kind)).toEqual(['rls_not_forced']);
    expect(unplacedDivergences(entries[0], divs).map((x) => x.object)).toEqual(['public.dead_events.idx_only_in_dump']);
  });

  it('maps a selected object id to its entry', () => {
    expect(entryForObject(entries, 'public.dead_events.remediation_status')!.id).toBe('public.dead_events');
    expect(entryForObject(entries, 'public.tenants')!.id).toBe('public.tenants');
    expect(entryForObject(entries, 'public.tenant')).toBeNull();
  });
});
