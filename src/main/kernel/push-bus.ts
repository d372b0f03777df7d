import type { PushEvent } from '../../shared/contract';

type Listener = (event: PushEvent) => void;

/** Fan-out of push events to every connected UI (IPC windows, SSE clients). */
export class PushBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: PushEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  }
}
