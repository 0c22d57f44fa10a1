import { anonymousScenario } from './define';

export const emptyGucDenied = anonymousScenario('empty_guc_denied', 'empty', 'Empty identity denies',
  'With the identity settings set to the empty string (what RESET leaves in a pooled session), no row of either world is visible.');
