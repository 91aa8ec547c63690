/**
 * Lets the event loop run (I/O, timers, API calls) before the caller goes on: long loops on the
 * thread that serves the API await it between slices of work. setImmediate, not a microtask: an
 * awaited resolved promise never lets the loop turn.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * For loops of many short steps on the serving thread: the returned function yields to the event
 * loop once `budgetMs` have passed since the last yield (or since it was made), else resolves at once.
 */
export function yieldEvery(budgetMs: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await yieldToEventLoop();
    since = performance.now();
  };
}
