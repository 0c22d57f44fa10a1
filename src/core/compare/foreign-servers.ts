import type { ForeignServer } from '../model';
import { simpleKind } from './simple-kind';

/** CREATE SERVER: wrapper, TYPE, VERSION, OPTIONS. */
export const compareForeignServers = simpleKind<ForeignServer>({
  objectType: 'foreign_server', label: 'foreign server',
  list: (m) => m.foreignServers, key: (s) => s.name,
  describe: (s) => `FOREIGN DATA WRAPPER ${s.wrapper}${s.definition ? ` ${s.definition}` : ''}`, comment: (s) => s.comment,
});
