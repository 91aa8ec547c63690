import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * How far the app's worker threads (inference, DICOM, registration) lower their priority: when cores
 * are scarce, their work yields the CPU to the thread serving the UI.
 */
export const WORKER_NICE_INCREMENT = 10;

/**
 * Lowers the calling thread's scheduling priority (Linux: per-thread nice via /proc/thread-self).
 * Called at the start of the inference worker, before any session exists: onnxruntime's pool
 * threads are created from this thread and inherit its nice value, so inference yields the CPU to
 * the main (UI) thread when they compete. Elsewhere (no per-thread nice from Node) it does nothing.
 * Returns the new nice value, or null when unchanged.
 */
export function lowerThreadPriority(increment: number): number | null {
  if (increment <= 0 || process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    const nice = Math.min(19, getPriority(tid) + increment);
    setPriority(tid, nice);
    return nice;
  } catch {
    return null;
  }
}
