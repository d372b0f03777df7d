// Roster (名单) import and lookup.
// The folder's public face: other folders (and core/) import from here.
export { rosterHandlers } from './roster-handlers';
export { RosterRepo, toRosterView, type RosterEntryRow } from './roster-repo';
export { RosterService } from './roster-service';
