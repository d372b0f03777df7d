import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { ApiError } from '../../shared/api-error';
import {
  checkPairing,
  formatStationRoles,
  PAIRING_CODE_LENGTH,
  pairingQrPayload,
  parseStationRoles,
  type PairingWindow,
  type StationRole,
} from '../../shared/domain/shooting-queue';
import type { Db } from '../db/open';

// The hosting station's side of the LAN: a short pairing window (6-digit code, also as a QR), the paired stations
// and their tokens. A token is shown once, to the station that paired; only its SHA-256 is stored.

export interface PairedStation {
  id: string;
  stationNo: number;
  name: string;
  roles: StationRole[];
  pairedAt: string;
  lastSeenAt: string | null;
  revoked: boolean;
}

interface StationRow {
  id: string;
  station_no: number;
  name: string;
  roles: string;
  token_hash: string;
  paired_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

const toStation = (r: StationRow): PairedStation => ({
  id: r.id,
  stationNo: r.station_no,
  name: r.name,
  roles: parseStationRoles(r.roles),
  pairedAt: r.paired_at,
  lastSeenAt: r.last_seen_at,
  revoked: r.revoked_at !== null,
});

export interface LanListening {
  port: number;
  bound: string;
  fingerprint?: string | null;
}

export class LanHost {
  private window: PairingWindow | null = null;
  /** Where the web host listens (set by the host shell), for the addresses shown with the pairing code. */
  private listeningAt: LanListening | null = null;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** fingerprint: the host serves HTTPS with the certificate of this SHA-256 (hex). */
  setListening(l: LanListening | null): void {
    this.listeningAt = l;
  }

  listening(): LanListening | null {
    return this.listeningAt;
  }

  /** Addresses another laptop can type: every non-internal IPv4 of this machine (the bound one if specific). */
  addresses(): string[] {
    if (!this.listeningAt) return [];
    const { port, bound } = this.listeningAt;
    const scheme = this.listeningAt.fingerprint ? 'https' : 'http';
    if (bound !== '0.0.0.0' && bound !== '::')
      return [`${scheme}://${bound.includes(':') ? `[${bound}]` : bound}:${port}`];
    const out: string[] = [];
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`${scheme}://${a.address}:${port}`);
    }
    return out;
  }

  open(minutes: number): void {
    const code = String(randomInt(0, 10 ** PAIRING_CODE_LENGTH)).padStart(PAIRING_CODE_LENGTH, '0');
    this.window = { code, expiresAt: new Date(this.now().getTime() + minutes * 60_000).toISOString(), failures: 0 };
  }

  close(): void {
    this.window = null;
  }

  pairing(): {
    code: string;
    expiresAt: string;
    qrPayload: string;
    addresses: string[];
    fingerprint: string | null;
  } | null {
    const w = this.window;
    if (!w || this.now().toISOString() >= w.expiresAt) return null;
    const addresses = this.addresses();
    const fingerprint = this.listeningAt?.fingerprint ?? null;
    return {
      code: w.code,
      expiresAt: w.expiresAt,
      qrPayload: pairingQrPayload(addresses[0] ?? '', w.code, fingerprint),
      addresses,
      fingerprint,
    };
  }

  /** A station typed (or scanned) the code: it gets its number and a token. */
  pair(code: string, name: string, roles: StationRole[]): { station: PairedStation; token: string } {
    const verdict = checkPairing(this.window, code, this.now().toISOString());
    if (!verdict.ok) {
      if (verdict.burn && this.window) this.window.failures++;
      throw new ApiError('unauthorized', verdict.message, 'code');
    }
    const token = randomBytes(24).toString('base64url');
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db
      .transaction(() => {
        const max = (this.db.prepare('SELECT max(station_no) AS n FROM lan_stations').get() as { n: number | null }).n;
        this.db
          .prepare(
            'INSERT INTO lan_stations (id, station_no, name, roles, token_hash, paired_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(id, Math.max(2, (max ?? 1) + 1), name.slice(0, 40), formatStationRoles(roles), hashToken(token), at);
      })
      .immediate();
    return { station: this.station(id)!, token };
  }

  station(id: string): PairedStation | null {
    const r = this.db.prepare('SELECT * FROM lan_stations WHERE id = ?').get(id) as StationRow | undefined;
    return r ? toStation(r) : null;
  }

  /** The paired, not revoked, station holding this token. */
  verify(token: string | null): PairedStation | null {
    if (!token) return null;
    const r = this.db
      .prepare('SELECT * FROM lan_stations WHERE token_hash = ? AND revoked_at IS NULL')
      .get(hashToken(token)) as StationRow | undefined;
    if (!r) return null;
    const t = this.now().getTime();
    if (t - (this.seen.get(r.id) ?? 0) > 10_000) {
      this.seen.set(r.id, t);
      this.db.prepare('UPDATE lan_stations SET last_seen_at = ? WHERE id = ?').run(new Date(t).toISOString(), r.id);
    }
    return toStation(r);
  }

  stations(): PairedStation[] {
    return (this.db.prepare('SELECT * FROM lan_stations ORDER BY station_no').all() as StationRow[]).map(toStation);
  }

  revoke(id: string): void {
    const r = this.db
      .prepare('UPDATE lan_stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now().toISOString(), id);
    if (r.changes === 0) throw new ApiError('not_found', '没有这个已配对的工作站', 'stationId');
  }

  hasStations(): boolean {
    return this.pairing() !== null || this.stations().some((s) => !s.revoked);
  }
}
