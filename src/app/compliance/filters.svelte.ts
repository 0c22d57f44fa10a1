/** Filters of the divergences table: severity, phase, object kind and free text. */
import type { Divergence } from '../../core/report/types';
import type { Severity } from '../../core/spec/types';

export class DivergenceFilters {
  severities = $state<Severity[]>([]);
  phase = $state('');
  objectType = $state('');
  text = $state('');

  apply(list: readonly Divergence[]): Divergence[] {
    const q = this.text.trim().toLowerCase();
    return list.filter((d) =>
      (this.severities.length === 0 || this.severities.includes(d.severity))
      && (!this.phase || d.phases.includes(this.phase))
      && (!this.objectType || d.object_type === this.objectType)
      && (!q || [d.object, d.message, d.kind, d.expected ?? '', d.actual ?? '', d.invariant ?? ''].some((s) => s.toLowerCase().includes(q))));
  }

  toggle(s: Severity) {
    this.severities = this.severities.includes(s) ? this.severities.filter((x) => x !== s) : [...this.severities, s];
  }

  clear() {
    this.severities = [];
    this.phase = '';
    this.objectType = '';
    this.text = '';
  }
}
