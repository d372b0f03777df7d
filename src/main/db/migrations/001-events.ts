import type { Migration } from '../migration';

export const m001Events: Migration = {
  version: 1,
  name: 'events',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        school_name TEXT NOT NULL CHECK (length(school_name) BETWEEN 1 AND 100),
        school_code TEXT NOT NULL CHECK (school_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
        feature_code TEXT NOT NULL CHECK (length(feature_code) BETWEEN 1 AND 64),
        date TEXT NOT NULL,
        fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
        mode TEXT NOT NULL DEFAULT 'centralized',
        shipping_region TEXT NOT NULL DEFAULT '',
        shipping_address TEXT NOT NULL DEFAULT '',
        station_name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_date ON events(date DESC, created_at DESC);
    `);
  },
};
