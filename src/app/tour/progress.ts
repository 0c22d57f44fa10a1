/**
 * Tour progress in localStorage (per tour title): the id of the step last shown. Storage can be
 * unavailable (private mode, quota); the tour then simply starts at the first step.
 */
const key = (title: string) => `skeldir.tour.${title}`;

export function loadProgress(title: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key(title)) ?? null;
  } catch {
    return null;
  }
}

export function saveProgress(title: string, stepId: string): void {
  try {
    globalThis.localStorage?.setItem(key(title), stepId);
  } catch {
    /* not persisted: harmless */
  }
}
