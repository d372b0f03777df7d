import type { HandlerGroup } from '../kernel/handlers';
import { decodeBase64 } from '../kernel/request-fields';
import type { RosterService } from './roster-service';

export function rosterHandlers(roster: RosterService): HandlerGroup<'roster.import' | 'roster.list'> {
  return {
    'roster.import': (req) =>
      roster.importFile(req.eventId, req.fileName, decodeBase64(req.contentBase64, 'contentBase64', '文件内容')),
    'roster.list': (req) => roster.list(req.eventId, req.query, req.limit, req.offset),
  };
}
