/**
 * The app's views, in nav order: ONE list drives the router, the nav and the main area.
 * Adding a view is adding one entry here (its component loads when the view is first opened,
 * so no view costs the first page anything).
 *
 *   { id: 'migration', label: 'Migration', load: () => import('../migration/Migration.svelte') },
 *
 * `id` is the hash route (`#/migration/<selection>`); keep it lowercase and URL-safe.
 */
import type { Component } from 'svelte';

export interface RouteDef {
  id: string;
  label: string;
  /** The view's component, loaded lazily the first time the view opens. */
  load: () => Promise<{ default: Component<any> }>;
}

export const ROUTES: readonly RouteDef[] = [
  { id: 'sources', label: 'Sources', load: () => import('../sources/Sources.svelte') },
  { id: 'compliance', label: 'Compliance', load: () => import('../compliance/Compliance.svelte') },
  { id: 'dictionary', label: 'Dictionary', load: () => import('./DictionaryRoute.svelte') },
  { id: 'gates', label: 'Gates', load: () => import('../gates/Gates.svelte') },
  { id: 'rls', label: 'RLS', load: () => import('../rls/Rls.svelte') },
  { id: 'drift', label: 'Drift', load: () => import('../drift/Drift.svelte') },
  { id: 'migration', label: 'Migration', load: () => import('../migration/Migration.svelte') },
  { id: 'erd', label: 'ERD', load: () => import('./ErdRoute.svelte') },
  { id: 'sql', label: 'SQL console', load: () => import('../sql/SqlConsole.svelte') },
  { id: 'migrations', label: 'Migrations', load: () => import('../migrations/Migrations.svelte') },
  { id: 'docs', label: 'Rule docs', load: () => import('../docs/Docs.svelte') },
];

/** The view a bare URL opens. */
export const DEFAULT_ROUTE = 'compliance';
