import type { PushEvent } from './contract';

/** What the preload exposes on window.studio — the same shape the web client uses over HTTP. */
export interface StudioBridge {
  invoke(method: string, request: unknown): Promise<unknown>;
  onPush(listener: (event: PushEvent) => void): () => void;
  readonly methods: readonly string[];
}

export const IPC_INVOKE = 'studio:invoke';
export const IPC_PUSH = 'studio:push';
