import { codedError } from './serve-requests';

/**
 * A cancellation flag shared between the host and a worker: an Int32Array(1) over a
 * SharedArrayBuffer, set by the host (Atomics.store) and read by the worker without waiting for
 * its event loop, so long synchronous work can stop at its next check.
 */
export function newCancelFlag(): { buffer: SharedArrayBuffer; cancel(): void } {
  const buffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(buffer);
  return { buffer, cancel: () => Atomics.store(flag, 0, 1) };
}

export interface CancelCheck {
  readonly cancelled: boolean;
  /** Throws CANCELLED when the host has cancelled. */
  throwIfCancelled(what: string): void;
  /**
   * The flag as the part of AbortSignal that synchronous code reads (`aborted`), for code that
   * takes a signal. It is not an EventTarget: abort listeners never fire in the worker.
   */
  readonly signal: AbortSignal;
}

export function readCancelFlag(buffer: SharedArrayBuffer): CancelCheck {
  const flag = new Int32Array(buffer);
  const check: CancelCheck = {
    get cancelled() {
      return Atomics.load(flag, 0) !== 0;
    },
    throwIfCancelled(what) {
      if (check.cancelled) throw codedError('CANCELLED', `${what} cancelled`);
    },
    signal: {
      get aborted() {
        return check.cancelled;
      },
    } as AbortSignal,
  };
  return check;
}
