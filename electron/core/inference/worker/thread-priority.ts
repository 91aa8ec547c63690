/**
 * Lowers the calling thread's scheduling priority (Linux: per-thread nice via /proc/thread-self).
 * Called at the start of the inference worker, before any session exists: onnxruntime's pool
 * threads are created from this thread and inherit its nice value, so inference yields the CPU to
 * the main (UI) thread when they compete. Elsewhere (no per-thread nice from Node) it does nothing.
 * Returns the new nice value, or null when unchanged. Self-contained (runs in the worker from source).
 */
export function lowerThreadPriority(load: (id: string) => unknown, increment: number): number | null {
  if (increment <= 0 || process.platform !== 'linux') return null;
  try {
    const fs = load('node:fs') as { readlinkSync(p: string): string };
    const os = load('node:os') as { getPriority(pid: number): number; setPriority(pid: number, priority: number): void };
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    const nice = Math.min(19, os.getPriority(tid) + increment);
    os.setPriority(tid, nice);
    return nice;
  } catch {
    return null;
  }
}
