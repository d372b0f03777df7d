import type { Migration } from '../migration';

// The roster keeps the school's 班级 column (issue 9): 收费 → 按班级 picks a class of the current event and charges
// it at once. '' = no class given (the same convention as the other optional roster columns). Orders reach their
// class through their roster entry (roster_entry_id, else the same 学号/采集码), so orders need no new column.
export const m009RosterClass: Migration = {
  version: 9,
  name: 'roster-class',
  up(db) {
    db.exec(`
      ALTER TABLE roster_entries ADD COLUMN class_name TEXT NOT NULL DEFAULT '' CHECK (length(class_name) <= 50);
      CREATE INDEX roster_event_class ON roster_entries(event_id, class_name);
    `);
  },
};
