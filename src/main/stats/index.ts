// 统计 for one event.
// The folder's public face: other folders (and core/) import from here.
export { statsHandlers } from './stats-handlers';
export { StatsService } from './stats-service';
