import { anonymousScenario } from './define';

export const nullGucDenied = anonymousScenario('null_guc_denied', 'null', 'NULL identity denies',
  'With the identity settings set to NULL (set_config(\u2026, NULL) \u2014 Postgres stores it as an empty string), no row of either world is visible.');
