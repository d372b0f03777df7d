import { createContext, useContext } from 'react';
import type { StudioClient } from '../../shared/contract';

export const ClientContext = createContext<StudioClient | null>(null);

export function useClient(): StudioClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('ClientContext missing');
  return client;
}
