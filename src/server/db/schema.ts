import type { Generated } from 'kysely';

// Tables of the central server, the same in SQLite and PostgreSQL (migrations.ts). Times are ISO 8601
// UTC strings so that both back ends compare and sort them alike.

export interface StationsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
}

export type TokenRole = 'station' | 'admin';

export interface TokensTable {
  id: Generated<number>;
  role: TokenRole;
  /** The station for a station token; null for an admin token. */
  station_id: number | null;
  /** Who the admin token is for (free text), or the station's name. */
  label: string;
  /** SHA-256 (hex) of the whole token; the token itself is shown once and never stored. */
  token_hash: string;
  /** First characters, for `token list`. */
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface OrdersTable {
  uuid: string;
  station_id: number;
  order_no: string;
  revision: number;
  state: string;
  event_id: string;
  school_code: string;
  /** The accepted OrderSnapshot (masked identity only), as JSON. */
  snapshot_json: string;
  final_photo_sha256: string | null;
  original_photo_sha256: string | null;
  /** Last 4 of the 证件号 from the masked form, for the student status page. */
  id_last4: string;
  first_received_at: string;
  /** When the stored revision was accepted (answered on replays). */
  received_at: string;
  /**
   * The final photo the last approve/reject decision was about. A review is about a photo: the order waits
   * for review while it is 待审核/采集中 and its current final photo has not been reviewed.
   */
  reviewed_photo_sha256: string | null;
  /** Set once 采集完成 was decided. */
  done_at: string | null;
}

export interface PhotosTable {
  sha256: string;
  bytes: number;
  station_id: number;
  completed_at: string;
}

export interface ReviewsTable {
  id: Generated<number>;
  order_uuid: string;
  station_id: number;
  revision: number;
  decision: string;
  reason_code: string | null;
  reason: string;
  reviewer: string;
  decided_at: string;
}

export type UserRole = 'reviewer' | 'admin';

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: UserRole;
  /** scrypt$N$r$p$salt$hash (base64url). */
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie's value. */
  id_hash: string;
  user_id: number;
  csrf: string;
  created_at: string;
  expires_at: string;
}

/** Console actions (login, logout, failed login, review decisions) with who and when. */
export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  /** JSON: ids only, no personal data. */
  detail_json: string;
}

export interface CentralDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  audit: AuditTable;
  stations: StationsTable;
  tokens: TokensTable;
  orders: OrdersTable;
  photos: PhotosTable;
  reviews: ReviewsTable;
}
