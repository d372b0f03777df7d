import type { Db } from '../db/open';
import type { PhotoView } from '../../shared/contract/views';

export interface PhotoRow {
  id: string;
  order_id: string;
  kind: 'original' | 'final';
  version: number;
  source_photo_id: string | null;
  sha256: string;
  bytes: number;
  mime: string;
  width: number | null;
  height: number | null;
  profile_id: string | null;
  precheck: 'passed' | 'failed' | null;
  checks_json: string | null;
  missing_since: string | null;
  created_by: string;
  created_at: string;
}

export function mediaUrl(sha: string): string {
  return `/media/${sha}.jpg`;
}

export function toPhotoView(r: PhotoRow): PhotoView {
  return {
    id: r.id,
    orderId: r.order_id,
    kind: r.kind,
    version: r.version,
    sourcePhotoId: r.source_photo_id,
    sha256: r.sha256,
    url: mediaUrl(r.sha256),
    bytes: r.bytes,
    mime: r.mime,
    width: r.width,
    height: r.height,
    profileId: r.profile_id,
    precheck: r.precheck,
    checks: r.checks_json === null ? null : (JSON.parse(r.checks_json) as unknown),
    missing: r.missing_since !== null,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Photo versions of an order: a retake adds a row with the next version, nothing is overwritten. */
export class PhotoRepo {
  constructor(private readonly db: Db) {}

  nextVersion(orderId: string, kind: PhotoRow['kind']): number {
    const r = this.db
      .prepare('SELECT max(version) AS v FROM photos WHERE order_id = ? AND kind = ?')
      .get(orderId, kind) as { v: number | null };
    return (r.v ?? 0) + 1;
  }

  insert(row: PhotoRow): void {
    const cols = Object.keys(row);
    this.db.prepare(`INSERT INTO photos (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
  }

  get(id: string): PhotoRow | null {
    return (this.db.prepare('SELECT * FROM photos WHERE id = ?').get(id) as PhotoRow | undefined) ?? null;
  }

  listByOrder(orderId: string): PhotoRow[] {
    return this.db
      .prepare('SELECT * FROM photos WHERE order_id = ? ORDER BY kind DESC, version')
      .all(orderId) as PhotoRow[];
  }

  /** The current final photo of an order (latest version whose file is present). */
  currentFinal(orderId: string): PhotoRow | null {
    return (
      (this.db
        .prepare(
          `SELECT * FROM photos WHERE order_id = ? AND kind = 'final' AND missing_since IS NULL
           ORDER BY version DESC LIMIT 1`,
        )
        .get(orderId) as PhotoRow | undefined) ?? null
    );
  }

  isKnownSha(sha: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM photos WHERE sha256 = ? LIMIT 1').get(sha);
  }

  distinctShas(): string[] {
    return (this.db.prepare('SELECT DISTINCT sha256 FROM photos').all() as { sha256: string }[]).map((r) => r.sha256);
  }

  markMissing(sha: string, at: string): number {
    return this.db
      .prepare('UPDATE photos SET missing_since = ? WHERE sha256 = ? AND missing_since IS NULL')
      .run(at, sha).changes;
  }

  clearMissing(sha: string): void {
    this.db.prepare('UPDATE photos SET missing_since = NULL WHERE sha256 = ?').run(sha);
  }

  missing(): { photoId: string; orderId: string; orderNo: string; sha256: string }[] {
    return this.db
      .prepare(
        `SELECT p.id AS photoId, p.order_id AS orderId, o.order_no AS orderNo, p.sha256 AS sha256
         FROM photos p JOIN orders o ON o.id = p.order_id WHERE p.missing_since IS NOT NULL ORDER BY p.created_at`,
      )
      .all() as { photoId: string; orderId: string; orderNo: string; sha256: string }[];
  }

  recordOrphan(sha: string, bytes: number, at: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO photo_orphans (sha256, bytes, found_at) VALUES (?, ?, ?)')
      .run(sha, bytes, at);
  }

  clearOrphan(sha: string): void {
    this.db.prepare('DELETE FROM photo_orphans WHERE sha256 = ?').run(sha);
  }

  orphans(): { sha256: string; bytes: number; foundAt: string }[] {
    return this.db.prepare('SELECT sha256, bytes, found_at AS foundAt FROM photo_orphans ORDER BY found_at').all() as {
      sha256: string;
      bytes: number;
      foundAt: string;
    }[];
  }
}
