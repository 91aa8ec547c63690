/**
 * Lets the event loop run (I/O, timers, API calls) before the caller goes on: long loops on the
 * thread that serves the API await it between slices of work. setImmediate, not a microtask: an
 * awaited resolved promise never lets the loop turn.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
