import type { Migration } from '../migration';
import { m001Events } from './001-events';
import { m002Records } from './002-records';
import { m003Receipts } from './003-receipts';
import { m004EventArchive } from './004-event-archive';
import { m005Sync } from './005-sync';
import { m006OptionalContact } from './006-optional-contact';
import { m007EventQueue } from './007-event-queue';
import { m008FaceEmbeddings } from './008-face-embeddings';
import { m009RosterClass } from './009-roster-class';

// The ordered registry: append a new file here, never edit a shipped migration.
export const migrations: readonly Migration[] = [
  m001Events,
  m002Records,
  m003Receipts,
  m004EventArchive,
  m005Sync,
  m006OptionalContact,
  m007EventQueue,
  m008FaceEmbeddings,
  m009RosterClass,
];

export const LATEST_SCHEMA_VERSION = migrations.length;
