import { ORDER_STATES, isOrderState } from '../../../shared/domain/order-state';
import type { OrderView } from '../../../shared/contract/views';
import { intOption, parse, UsageError } from '../args';
import type { Command } from '../command';
import { dataDirFrom, printJson, subcommand, withStudio } from './records-cli';

export const ordersCommand: Command = {
  name: 'orders',
  summary: 'list orders (personal data masked)',
  usage: 'studio orders list [--event ID] [--state S] [--query Q] [--limit N] [--json] [--data DIR]',
  async run(argv, io) {
    const [, rest] = subcommand(argv, ['list']);
    const { values } = parse(rest, {
      event: { type: 'string' },
      state: { type: 'string' },
      query: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      data: { type: 'string' },
    });
    if (values.state && !isOrderState(values.state))
      throw new UsageError(`--state must be one of ${ORDER_STATES.join(', ')}`);
    const limit = intOption(values.limit, 'limit', 1, 1000) ?? 1000;
    return withStudio(dataDirFrom(values.data, io), io, async (studio) => {
      const res = (await studio.dispatch(
        'orders.list',
        {
          ...(values.event ? { eventId: values.event } : {}),
          ...(values.state ? { state: values.state } : {}),
          query: values.query ?? '',
          limit,
        },
        { transport: 'cli' },
      )) as { orders: OrderView[]; total: number };
      // the CLI output may end up in scripts and logs: show the masked name only
      const orders = res.orders.map(({ name: _name, ...o }) => o);
      if (values.json) printJson(io, { orders, total: res.total });
      else {
        for (const o of orders)
          io.stdout.write(
            `${o.orderNo}  ${o.stateLabel}  ${o.nameMasked}  ${o.studentNo}  ${o.collectionCode ?? '-'}\n`,
          );
        io.stdout.write(`共 ${res.total} 个订单\n`);
      }
      return 0;
    });
  },
};
