import { anonymousScenario } from './define';

export const unsetGucDenied = anonymousScenario('unset_guc_denied', 'unset', 'Unset identity denies',
  'With the identity settings (tenant GUC, JWT claims) never set in the session, no row of either world is visible (or the query fails closed).');
