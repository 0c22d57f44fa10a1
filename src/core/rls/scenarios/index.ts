/**
 * The registry of RLS scenarios, one file each. The scenario id type, the in-app help
 * (dictionary/rule-help.ts) and the docs index (docs/rules/README.md, checked by a test) derive
 * from this list; every id has its page at docs/rules/rls/<id>.md. Order = report order.
 */
import { crossTenantDeleteZeroRows } from './cross_tenant_delete_zero_rows';
import { crossTenantInsertRejected } from './cross_tenant_insert_rejected';
import { crossTenantInvisible } from './cross_tenant_invisible';
import { crossTenantReassignRejected } from './cross_tenant_reassign_rejected';
import { crossTenantUpdateZeroRows } from './cross_tenant_update_zero_rows';
import { emptyGucDenied } from './empty_guc_denied';
import { nullGucDenied } from './null_guc_denied';
import { ownInsertAllowed } from './own_insert_allowed';
import { ownRowsVisible } from './own_rows_visible';
import { ownUpdateAllowed } from './own_update_allowed';
import { ownerCannotBypass } from './owner_cannot_bypass';
import { rlsEnabled } from './rls_enabled';
import { rlsForced } from './rls_forced';
import { unsetGucDenied } from './unset_guc_denied';

export const SCENARIOS = [
  rlsEnabled, rlsForced, unsetGucDenied, ownRowsVisible, crossTenantInvisible, crossTenantInsertRejected,
  crossTenantUpdateZeroRows, crossTenantDeleteZeroRows, crossTenantReassignRejected, ownInsertAllowed,
  ownUpdateAllowed, emptyGucDenied, nullGucDenied, ownerCannotBypass,
] as const;

export type RlsScenarioId = (typeof SCENARIOS)[number]['id'];
export type { Scenario } from './define';

export const SCENARIO_IDS: readonly RlsScenarioId[] = SCENARIOS.map((s) => s.id);

export function scenarioById(id: string) {
  return SCENARIOS.find((s) => s.id === id) ?? null;
}
