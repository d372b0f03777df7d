// The reference central collection server (issue 10): the one entry other folders import.
export { startCentralServer, openCentral } from './server';
export type { RunningCentralServer, CentralServices, StartServerOptions } from './server';
export { SQLITE_FILE } from './db/connect';
export type { CentralDialect } from './db/connect';
export type { TokenInfo } from './tokens';
export { serverStats, adminOrders } from './stats';
export { ReviewError, allowedDecisions, waitsForReview } from './reviews';
export { CHECKSUM_MISMATCH_STATUS } from './photos';
export type { S3PhotoConfig } from './s3-photo-store';
export { RateLimiter, adviceFor } from './console/status';
export { hashPassword, verifyPassword } from './console/users';
export { decisionMail, type MailConfig } from './mail';
