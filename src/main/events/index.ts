// 采集活动 (events): repository and handlers.
// The folder's public face: other folders (and core/) import from here.
export { eventHandlers } from './event-handlers';
export { EventRepo } from './event-repo';
