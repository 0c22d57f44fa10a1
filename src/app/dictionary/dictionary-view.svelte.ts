/** Search and filter state of the dictionary view (one instance per mounted view). */
import type { DictionaryFilter } from '../../core/dictionary/search';
import type { Severity } from '../../core/spec/types';

export class DictionaryView {
  query = $state('');
  invariant = $state<string | null>(null);
  severity = $state<Severity | null>(null);

  get filter(): DictionaryFilter {
    return { query: this.query, invariant: this.invariant, severity: this.severity };
  }

  get active(): boolean {
    return this.query.trim() !== '' || this.invariant !== null || this.severity !== null;
  }

  clear(): void {
    this.query = '';
    this.invariant = null;
    this.severity = null;
  }
}
