/**
 * Which tour the loaded canonical gets: the authored one (schema/tour.yaml) when it is about this
 * schema, else one generated from its catalogs. Shared by the first-visit offer (which must name
 * what it offers) and the tour overlay, so both always speak of the same tour.
 * The YAML parser, the tour tools and tour.yaml load on first use (none of it is in the first page).
 */
import type { Tour } from '../../core/dictionary/tour';
import type { SchemaModel } from '../../core/model';
import { loadBundledTour } from '../bundled';

type Tools = typeof import('../../core/dictionary');

export class TourChoice {
  #authored = $state.raw<Tour | null>(null);
  #tools = $state.raw<Tools | null>(null);
  /** Why the tour could not be prepared (the authored YAML is broken, a chunk failed to load). */
  error = $state<string | null>(null);
  #loading: Promise<void> | null = null;
  readonly #model: () => SchemaModel | null;

  constructor(model: () => SchemaModel | null) {
    this.#model = model;
  }

  /** Loads the tour tools and the authored tour, once; never rejects (a failure sets `error`). */
  load(): Promise<void> {
    this.#loading ??= Promise.all([loadBundledTour(), import('../../core/dictionary')])
      .then(([file, tools]) => {
        this.#authored = file ? tools.parseTour(file.text, file.name) : null;
        this.#tools = tools;
      })
      .catch((err: Error) => { this.error = err.message; });
    return this.#loading;
  }

  /**
   * The tour for the loaded canonical; null until it is known (tools loading, or no canonical
   * model yet while there is no authored tour to fall back on).
   */
  tour = $derived.by<Tour | null>(() => {
    const tools = this.#tools;
    const model = this.#model();
    if (!tools) return null;
    if (!model) return this.#authored;
    const authored = this.#authored;
    return authored && tools.tourFits(authored, (o) => tools.describeObject(model, o) !== null) ? authored : tools.generateTour(model);
  });

  /** The tour was generated from the schema (no authored tour is about it). */
  generated = $derived(this.tour !== null && this.tour !== this.#authored);
}
