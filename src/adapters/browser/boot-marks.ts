/**
 * When the worker's start-up steps happened (ms since the epoch, so the page can place them on
 * its own timeline: worker and page have different `performance.timeOrigin`s). Each step is
 * marked once, the first time; the first structural result and verdict carry them to the page,
 * whose bench prints the profile of the first verdict (bench/browser.mjs).
 */
export const bootMarks: Record<string, number> = {};

export function mark(step: string): void {
  bootMarks[step] ??= performance.timeOrigin + performance.now();
}
