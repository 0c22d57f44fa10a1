/**
 * The host the core may assume besides ES2023: the web-platform globals Node 20 and browsers
 * share (WinterCG's minimum common API), declared as narrowly as the core uses them. Anything
 * else — `document`, `window`, `process`, `Buffer`, `node:*` — is a type error under
 * src/core/tsconfig.json. The app/CLI program (root tsconfig) excludes this file and sees the
 * full DOM and Node types instead.
 */
declare module '*?raw' {
  const text: string;
  export default text;
}

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare class DOMException extends Error {
  constructor(message?: string, name?: string);
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare const crypto: { subtle: { digest(algorithm: string, data: ArrayBufferView | ArrayBuffer): Promise<ArrayBuffer> } };
declare const performance: { now(): number };
/** Timers (WinterCG): the watchdog's budget (core/guard/supervise.ts). */
declare function setTimeout(fn: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
