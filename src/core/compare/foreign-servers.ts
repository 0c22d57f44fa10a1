import type { ForeignDataWrapper, ForeignServer } from '../model';
import { simpleKind } from './simple-kind';

/** CREATE FOREIGN DATA WRAPPER: HANDLER, VALIDATOR, OPTIONS (wrappers an extension made come with it). */
export const compareForeignDataWrappers = simpleKind<ForeignDataWrapper>({
  objectType: 'foreign_data_wrapper', label: 'foreign-data wrapper',
  list: (m) => m.foreignDataWrappers, key: (w) => w.name,
  describe: (w) => `FOREIGN DATA WRAPPER ${w.name}${w.definition ? ` ${w.definition}` : ''}`, comment: (w) => w.comment,
});

/** CREATE SERVER: wrapper, TYPE, VERSION, OPTIONS. */
export const compareForeignServers = simpleKind<ForeignServer>({
  objectType: 'foreign_server', label: 'foreign server',
  list: (m) => m.foreignServers, key: (s) => s.name,
  describe: (s) => `FOREIGN DATA WRAPPER ${s.wrapper}${s.definition ? ` ${s.definition}` : ''}`, comment: (s) => s.comment,
});
