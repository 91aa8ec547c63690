import type { MessagePortLike } from '../shared/api/port-messages';

/** Electron's `process.parentPort` in a utility process (the part used here; a test supplies its own). */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The utility process's `process.parentPort`, or null when this process was not started as one. */
export function processParentPort(): ParentPortLike | null {
  return (process as unknown as { parentPort?: ParentPortLike }).parentPort ?? null;
}

/**
 * A parentPort as a MessagePortLike. Nothing is transferred: the message crosses into the main
 * process, so Electron serialises it (ArrayBuffers included) whatever the transfer list says.
 */
export function messagePortOfParent(parentPort: ParentPortLike): MessagePortLike {
  return {
    postMessage: (message) => parentPort.postMessage(message),
    onMessage: (listener) => {
      const onMessage = (e: { data: unknown }) => listener(e.data);
      parentPort.on('message', onMessage);
      return () => void parentPort.off('message', onMessage);
    },
  };
}
