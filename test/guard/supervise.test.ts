/** supervise(): the watchdog's decisions against a scripted engine (no PGlite, real timers). */
import { describe, expect, it } from 'vitest';
import { EngineFailure, supervise, type EngineAttempt } from '../../src/core/guard/supervise';
import type { Activity, Stop } from '../../src/core/guard/types';

const at = (line: number, batch = false): Activity => ({ source: 'd.sql', line, endLine: batch ? line + 9 : line, batch });

/**
 * An engine that runs `lines` in order: a line in `hang` never finishes, one in `crash` kills
 * the engine; a stopped line is skipped. Resolves with the lines it "loaded".
 */
function scripted(lines: number[], bad: { hang?: number[]; crash?: number[]; outside?: boolean }) {
  let attempts = 0;
  const start = (stops: readonly Stop[], onActivity: (a: Activity | null) => void): EngineAttempt<number[]> => {
    attempts++;
    let kill!: (e: Error) => void;
    const done = new Promise<number[]>((resolve, reject) => {
      kill = reject;
      void (async () => {
        if (bad.outside) return reject(new Error('boom outside any statement'));
        const loaded: number[] = [];
        for (const line of lines) {
          if (stops.some((s) => s.line === line)) continue;
          onActivity(at(line));
          await new Promise((r) => setTimeout(r, 1));
          if (bad.crash?.includes(line)) return reject(new Error('exit code 134'));
          if (bad.hang?.includes(line)) return; // never settles: only kill() ends it
          onActivity(null);
          loaded.push(line);
        }
        resolve(loaded);
      })();
    });
    return { done, kill: () => kill(new Error('killed')) };
  };
  return { start, attempts: () => attempts };
}

describe('supervise', () => {
  it('stops a statement past the budget, restarts, and records it once', async () => {
    const e = scripted([1, 2, 3, 4], { hang: [2] });
    const seen: Stop[] = [];
    const loaded = await supervise(e.start, { budgetMs: 50, onStop: (s) => seen.push(s) });
    expect(loaded).toEqual([1, 3, 4]);
    expect(e.attempts()).toBe(2);
    expect(seen).toEqual([expect.objectContaining({ line: 2, reason: 'timeout', message: expect.stringMatching(/^stopped after 0\.\d s/) })]);
  });

  it('blames a crash on the running statement', async () => {
    const e = scripted([1, 2, 3], { crash: [3] });
    const seen: Stop[] = [];
    expect(await supervise(e.start, { budgetMs: 1000, onStop: (s) => seen.push(s) })).toEqual([1, 2]);
    expect(seen[0]).toMatchObject({ line: 3, reason: 'crash', message: expect.stringContaining('exit code 134') });
  });

  it('an engine that dies outside any statement is an EngineFailure, not a loop', async () => {
    const e = scripted([1], { outside: true });
    await expect(supervise(e.start, { budgetMs: 50 })).rejects.toBeInstanceOf(EngineFailure);
    expect(e.attempts()).toBe(1);
  });

  it('with no budget, nothing is stopped for taking long', async () => {
    const e = scripted([1, 2], {});
    expect(await supervise(e.start, { budgetMs: 0 })).toEqual([1, 2]);
  });

  it('gives up after maxRestarts stops', async () => {
    const e = scripted([1, 2, 3, 4], { crash: [1, 2, 3, 4] });
    await expect(supervise(e.start, { budgetMs: 1000, maxRestarts: 2 })).rejects.toThrow(/more than 2 statements stopped/);
  });

  it('Cancel kills the engine and rejects with the reason', async () => {
    const e = scripted([1], { hang: [1] });
    const c = new AbortController();
    const run = supervise(e.start, { budgetMs: 10_000, signal: c.signal });
    setTimeout(() => c.abort(new Error('cancelled')), 20);
    await expect(run).rejects.toThrow('cancelled');
  });
});
