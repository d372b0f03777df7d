// Sync with the central collection service (issue 10): the station's public surface of src/main/sync.
export { SyncService, DEFAULT_TUNING, type SyncDeps, type SyncTuning, type RunSummary } from './sync-service';
export { syncHandlers, guardLocalReview } from './sync-handlers';
export { SYNC_SETTING_KEYS, readSyncConfig, type SyncConfig } from './sync-config';
export { backoffDelay, type BackoffPolicy } from './backoff';
