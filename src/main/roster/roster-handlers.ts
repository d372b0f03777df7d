import { ApiError } from '../../shared/api-error';
import type { HandlerGroup } from '../core/handlers';
import type { RosterService } from './roster-service';

export function decodeBase64(text: string, field: string): Buffer {
  const clean = text.replace(/^data:[^,]*,/, '').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean))
    throw new ApiError('invalid_request', '文件内容不是有效的 Base64 数据', field);
  return Buffer.from(clean, 'base64');
}

export function rosterHandlers(roster: RosterService): HandlerGroup<'roster.import' | 'roster.list'> {
  return {
    'roster.import': (req) =>
      roster.importFile(req.eventId, req.fileName, decodeBase64(req.contentBase64, 'contentBase64')),
    'roster.list': (req) => roster.list(req.eventId, req.query, req.limit, req.offset),
  };
}
