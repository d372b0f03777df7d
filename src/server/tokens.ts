import { createHash, randomBytes } from 'node:crypto';
import type { CompiledQuery, Kysely } from 'kysely';
import type { CentralDatabase, TokenRole } from './db/schema';
import type { Clock } from './clock';

// Bearer tokens: `cst_` + 43 characters of base64url (256 random bits). Only the SHA-256 of a token is
// stored (a random 256-bit secret needs no slow hash); the token itself is printed once by
// `studio server token create`.

const TOKEN_PREFIX = 'cst_';

export interface Principal {
  tokenId: number;
  role: TokenRole;
  stationId: number | null;
  /** Station name, or the admin token's label. */
  name: string;
}

export interface TokenInfo {
  id: number;
  role: TokenRole;
  station: string | null;
  label: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

type LookupRow = {
  id: number;
  role: TokenRole;
  station_id: number | null;
  label: string;
  revoked_at: string | null;
  last_used_at: string | null;
};

export class TokenStore {
  private lookup: CompiledQuery<LookupRow> | null = null;

  constructor(
    private readonly db: Kysely<CentralDatabase>,
    private readonly now: Clock,
  ) {}

  /** Creates a station (if new) and a token for it; returns the token in clear, once. */
  async createStationToken(stationName: string): Promise<{ token: string; info: TokenInfo }> {
    const name = stationName.trim();
    if (!name || name.length > 64) throw new Error('工作站名称应为 1–64 个字符');
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('stations')
        .values({ name, created_at: at })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const station = await tx.selectFrom('stations').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      return this.insert(tx, 'station', station.id, name, at);
    });
  }

  async createAdminToken(label: string): Promise<{ token: string; info: TokenInfo }> {
    const name = label.trim();
    if (!name || name.length > 64) throw new Error('管理员令牌名称应为 1–64 个字符');
    return this.insert(this.db, 'admin', null, name, this.now().toISOString());
  }

  private async insert(
    db: Kysely<CentralDatabase>,
    role: TokenRole,
    stationId: number | null,
    label: string,
    at: string,
  ): Promise<{ token: string; info: TokenInfo }> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const prefix = token.slice(0, 10);
    const row = await db
      .insertInto('tokens')
      .values({ role, station_id: stationId, label, token_hash: hashToken(token), prefix, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      token,
      info: {
        id: Number(row.id),
        role,
        station: role === 'station' ? label : null,
        label,
        prefix,
        createdAt: at,
        revokedAt: null,
        lastUsedAt: null,
      },
    };
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db
      .selectFrom('tokens')
      .leftJoin('stations', 'stations.id', 'tokens.station_id')
      .select([
        'tokens.id',
        'tokens.role',
        'tokens.label',
        'tokens.prefix',
        'tokens.created_at',
        'tokens.revoked_at',
        'tokens.last_used_at',
        'stations.name as station',
      ])
      .orderBy('tokens.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      role: r.role,
      station: r.station ?? null,
      label: r.label,
      prefix: r.prefix,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  /** Revokes by id, or every live token of a station by its name. Returns how many were revoked. */
  async revoke(target: { id: number } | { station: string }): Promise<number> {
    const at = this.now().toISOString();
    let q = this.db.updateTable('tokens').set({ revoked_at: at }).where('revoked_at', 'is', null);
    if ('id' in target) q = q.where('id', '=', target.id);
    else {
      const station = await this.db
        .selectFrom('stations')
        .select('id')
        .where('name', '=', target.station)
        .executeTakeFirst();
      if (!station) return 0;
      q = q.where('station_id', '=', station.id);
    }
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** The principal of a live token, or null for a missing, unknown or revoked one. */
  async authenticate(token: string | null): Promise<Principal | null> {
    if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    // every request asks this (no cache: a revocation, also by the CLI in another process, counts at once); the
    // query is compiled once, only its parameter changes
    this.lookup ??= this.db
      .selectFrom('tokens')
      .leftJoin('stations', 'stations.id', 'tokens.station_id')
      .select([
        'tokens.id',
        'tokens.role',
        'tokens.station_id',
        'tokens.label',
        'tokens.revoked_at',
        'tokens.last_used_at',
      ])
      .where('tokens.token_hash', '=', '')
      .compile();
    const { rows } = await this.db.executeQuery<LookupRow>({ ...this.lookup, parameters: [hashToken(token)] });
    const row = rows[0];
    if (!row || row.revoked_at) return null;
    // last_used_at at minute resolution: one write per token per minute at most
    const now = this.now().toISOString();
    if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
      await this.db.updateTable('tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return {
      tokenId: Number(row.id),
      role: row.role,
      stationId: row.station_id === null ? null : Number(row.station_id),
      name: row.label,
    };
  }
}
