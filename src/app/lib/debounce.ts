/** Calls `fn` once `ms` after the last call; `flush` runs a pending call now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const call = (...args: A) => {
    pending = args;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; const a = pending!; pending = null; fn(...a); }, ms);
  };
  call.flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    const a = pending!;
    pending = null;
    fn(...a);
  };
  call.cancel = () => { if (timer) clearTimeout(timer); timer = null; pending = null; };
  return call;
}
