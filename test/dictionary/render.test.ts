/**
 * Server-side render of the Svelte components (no DOM needed): structure, deep-link anchors,
 * inline divergences, and hostile identifiers/comments rendered as text, never as HTML.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Dictionary from '../../src/app/dictionary/Dictionary.svelte';
import Tour from '../../src/app/tour/Tour.svelte';
import { parseTour } from '../../src/core/dictionary/tour';
import type { Divergence } from '../../src/core/report/types';
import { sampleModel, sampleSpec } from './fixture-model';

/** SSR output without hydration markers and scoped-style class names. */
const clean = (html: string) => html.replace(/<!--[^]*?-->/g, '').replace(/\s?svelte-[a-z0-9]+/g, '').replace(/ class=""/g, '');

const HOSTILE = '<img src=x onerror=alert(1)>';

function hostileModel() {
  const m = sampleModel();
  m.tables[0].comment = `${HOSTILE}</script><script>alert(2)</script>`;
  m.tables[0].columns[1].name = HOSTILE;
  m.constraints.push({
    schema: 'public', table: 'tenants', name: `ck_${HOSTILE}`, type: 'check', columns: [HOSTILE],
    definition: `CHECK ((("${HOSTILE}")::text = ANY (ARRAY['<b>bold</b>'::text])))`, foreignKey: null,
    deferrable: false, initiallyDeferred: false, validated: true, comment: null,
  });
  return m;
}

describe('Dictionary.svelte (SSR)', () => {
  const missing: Divergence = {
    id: 'missing:column:public.dead_events.remediation_status', severity: 'BLOCKING', kind: 'missing', object_type: 'column',
    object: 'public.dead_events.remediation_status', table: 'public.dead_events', invariant: 'processing_critical',
    expected: 'character varying(20) NOT NULL', actual: null, phases: ['b0.3'], message: 'dead_events.remediation_status is missing from the dump',
  };

  it('renders sections with anchors, allowed values, badges and the inline divergence', () => {
    const { body: raw } = render(Dictionary, { props: { model: sampleModel(), spec: sampleSpec(), divergences: [missing], selected: 'public.dead_events.remediation_status' } });
    const body = clean(raw);
    expect(body).toContain('id="dict-public.dead_events"');
    expect(body).toContain('id="dict-public.dead_events.remediation_status"');
    expect(body).toContain('href="#/dictionary/public.dead_events.remediation_status"');
    for (const v of ['pending', 'in_progress', 'resolved', 'abandoned']) expect(body).toContain(`<code>${v}</code>`);
    expect(body).toContain('missing in dump');
    expect(body).toContain('dead_events.remediation_status is missing from the dump');
    expect(body).toContain('auth_critical · BLOCKING');
    expect(body).toContain('Download data_dictionary.md');
    expect(body).toMatch(/class="[^"]*selected[^"]*"[^>]*aria-current="true"|aria-current="true"[^>]*class="[^"]*selected/);
  });

  it('renders hostile identifiers, comments and definitions as text', () => {
    const { body: raw } = render(Dictionary, { props: { model: hostileModel(), spec: null, divergences: [] } });
    const body = clean(raw);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<b>bold');
    expect(body).toContain('&lt;img src=x onerror=alert(1)>');
    expect(body).toContain('&lt;b>bold&lt;/b>');
  });
});

describe('Tour.svelte (SSR)', () => {
  const tour = parseTour(`title: T
steps:
  - id: a
    title: "Step <i>A</i>"
    route: '#/dictionary'
    highlight: public.dead_events.remediation_status
    body: |
      Text with \`code\` and **strong** and <img src=x onerror=alert(1)>.
      - item one
  - id: b
    title: B
    route: '#/gates'
    body: B
`, 't.yaml');

  it('shows the first step, its progress, the live fact, and escapes the body', () => {
    const { body: raw } = render(Tour, { props: { tour, model: sampleModel(), onnavigate: () => {}, onclose: () => {} } });
    const body = clean(raw);
    expect(body).toContain('1 / 2');
    expect(body).toContain('Step &lt;i>A&lt;/i>');
    expect(body).toContain('<code>code</code>');
    expect(body).toContain('<strong>strong</strong>');
    expect(body).toContain('<li>item one</li>');
    expect(body).not.toContain('<img');
    expect(body).toContain('allowed values (ck_dead_events_remediation_status_valid): pending, in_progress, resolved, abandoned');
    expect(body).toMatch(/<button[^>]*disabled[^>]*>← Back/);
  });
});
