/** Runs `fn` while a 20 ms interval timer measures how late it fires; resolves to fn's value and the worst lateness (ms). */
export async function withEventLoopLag<T>(fn: () => Promise<T>): Promise<{ value: T; maxLagMs: number }> {
  let last = performance.now();
  let maxLagMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last - 20);
    last = now;
  }, 20);
  try {
    const value = await fn();
    // one more tick, so a stall at the very end is seen too
    await new Promise((r) => setTimeout(r, 30));
    return { value, maxLagMs };
  } finally {
    clearInterval(timer);
  }
}
