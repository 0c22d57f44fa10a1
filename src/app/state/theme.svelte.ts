/** Light / dark / follow the system (prefers-color-scheme). Applied as `data-theme` on <html>. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export class Theme {
  choice = $state<ThemeChoice>('system');

  #system = $state(matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  effective = $derived(this.choice === 'system' ? this.#system : this.choice);

  constructor() {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => { this.#system = e.matches ? 'dark' : 'light'; });
  }

  cycle() {
    this.choice = this.choice === 'system' ? (this.#system === 'dark' ? 'light' : 'dark') : this.choice === 'dark' ? 'light' : 'dark';
  }
}
