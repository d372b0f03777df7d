// Outbox rows for the sync worker, written in the change's transaction.
// The folder's public face: other folders (and core/) import from here.
export { OutboxRepo } from './outbox-repo';
