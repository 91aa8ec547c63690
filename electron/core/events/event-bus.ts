import type { ApiEvent } from '../../shared/api/events';

export type EventListener = (event: ApiEvent) => void;

/** Fan-out of core events to every transport that has a renderer attached. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (closed socket, destroyed window) must not stop the others.
      }
    }
  }
}
