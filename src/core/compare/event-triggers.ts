import type { EventTrigger } from '../model';
import { simpleKind } from './simple-kind';

const STATE: Record<EventTrigger['enabled'], string> = { O: '', D: ' DISABLE', R: ' ENABLE REPLICA', A: ' ENABLE ALWAYS' };

/** CREATE EVENT TRIGGER: event, WHEN TAG IN, function, enabled state. */
export const compareEventTriggers = simpleKind<EventTrigger>({
  objectType: 'event_trigger', label: 'event trigger',
  list: (m) => m.eventTriggers, key: (e) => e.name,
  describe: (e) => `ON ${e.event}${e.tags.length ? ` WHEN TAG IN (${e.tags.join(', ')})` : ''} EXECUTE FUNCTION ${e.function}()${STATE[e.enabled]}`,
  comment: (e) => e.comment,
});
