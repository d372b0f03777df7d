import { subscribeShared } from './push-hub';
import { useCallback, useEffect, useState } from 'react';
import type { Res } from '../../shared/contract';
import { useClient } from '../api/context';

export type OrderDetail = Res<'orders.get'>;

/** An order with its photos, payments and history; reloads when the order changes anywhere. */
export function useOrder(orderId: string | null): {
  detail: OrderDetail | null;
  error: string | null;
  reload: () => void;
} {
  const client = useClient();
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    if (!orderId) {
      setDetail(null);
      return;
    }
    client.call('orders.get', { orderId }).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [client, orderId]);
  useEffect(() => {
    reload();
    return subscribeShared(client, (ev) => {
      if ((ev.name === 'order.updated' || ev.name === 'payment.updated') && orderId) reload();
    });
  }, [client, reload, orderId]);
  return { detail, error, reload };
}
