import { useEffect, useRef } from 'react';
import type { PushEvent, StudioClient } from '../../shared/contract';
import { useClient } from '../api/context';

// Over HTTP every client.subscribe() opens its own EventSource, and Chromium allows 6 connections per host:
// with the live MJPEG stream open, a page with several subscribers would starve its own API calls. All
// station components share one subscription per client instead.

type Listener = (event: PushEvent) => void;
const hubs = new WeakMap<StudioClient, { listeners: Set<Listener>; close: (() => void) | null }>();

function hubFor(client: StudioClient) {
  let hub = hubs.get(client);
  if (!hub) {
    hub = { listeners: new Set(), close: null };
    hubs.set(client, hub);
  }
  return hub;
}

export function subscribeShared(client: StudioClient, listener: Listener): () => void {
  const hub = hubFor(client);
  hub.listeners.add(listener);
  hub.close ??= client.subscribe((ev) => {
    for (const l of [...hub.listeners]) l(ev);
  });
  return () => {
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0) {
      hub.close?.();
      hub.close = null;
    }
  };
}

/** Receive push events while the component is mounted (the newest listener function is always used). */
export function usePush(listener: Listener): void {
  const client = useClient();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribeShared(client, (ev) => ref.current(ev)), [client]);
}
