import type { Migration } from '../migration';

// 采集活动 can be archived (issue 9): hidden from the station's lists by default, shown and restored on demand.
// Nothing is deleted: orders, photos and payments keep pointing at the event.
export const m004EventArchive: Migration = {
  version: 4,
  name: 'event-archive',
  up(db) {
    db.exec(`
      ALTER TABLE events ADD COLUMN archived_at TEXT;
      ALTER TABLE events ADD COLUMN updated_at TEXT;
    `);
  },
};
