import { parseYuan } from '../../../shared/domain/event';
import { parse, UsageError } from '../args';
import type { Command } from '../command';
import { dataDirFrom, printJson, subcommand, withStudio } from './records-cli';

export const eventCommand: Command = {
  name: 'event',
  summary: 'create a collection event (采集活动); prints it with its id',
  usage:
    'studio event create --school NAME --school-code 10403 --feature-code CODE --date YYYY-MM-DD [--fee 15] [--station NAME] [--json] [--data DIR]',
  async run(argv, io) {
    const [, rest] = subcommand(argv, ['create']);
    const { values } = parse(rest, {
      school: { type: 'string' },
      'school-code': { type: 'string' },
      'feature-code': { type: 'string' },
      date: { type: 'string' },
      fee: { type: 'string' },
      station: { type: 'string' },
      'shipping-region': { type: 'string' },
      'shipping-address': { type: 'string' },
      json: { type: 'boolean' },
      data: { type: 'string' },
    });
    let feeFen: number | undefined;
    if (values.fee !== undefined) {
      const fen = parseYuan(values.fee);
      if (fen === null) throw new UsageError('--fee 应为金额（元），如 15 或 15.00');
      feeFen = fen;
    }
    return withStudio(dataDirFrom(values.data, io), io, async (studio) => {
      const event = (await studio.dispatch(
        'events.create',
        {
          schoolName: values.school ?? '',
          schoolCode: values['school-code'] ?? '',
          featureCode: values['feature-code'] ?? '',
          date: values.date ?? '',
          ...(feeFen === undefined ? {} : { feeFen }),
          ...(values.station ? { stationName: values.station } : {}),
          ...(values['shipping-region'] ? { shippingRegion: values['shipping-region'] } : {}),
          ...(values['shipping-address'] ? { shippingAddress: values['shipping-address'] } : {}),
        },
        { transport: 'cli' },
      )) as { id: string; schoolName: string; date: string };
      if (values.json) printJson(io, event);
      else io.stdout.write(`已创建采集活动 ${event.schoolName} ${event.date}\nid: ${event.id}\n`);
      return 0;
    });
  },
};
