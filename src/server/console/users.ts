import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CentralDatabase, UserRole } from '../db/schema';
import type { Clock } from '../clock';

// Reviewer and admin accounts of the review console: scrypt password hashes, server-side sessions
// (the cookie holds a random id; the table holds its SHA-256), a CSRF token per session, and an audit
// row for every login, failed login and logout.

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };
export const SESSION_HOURS = 12;
export const MIN_PASSWORD_LENGTH = 8;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export interface ConsoleUser {
  id: number;
  name: string;
  role: UserRole;
}

export interface ConsoleSession {
  user: ConsoleUser;
  csrf: string;
}

export class ConsoleUsers {
  // a dummy hash so that an unknown name costs the same scrypt as a wrong password
  private readonly dummy = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly db: Kysely<CentralDatabase>,
    private readonly now: Clock,
  ) {}

  async create(name: string, role: UserRole, password: string): Promise<ConsoleUser> {
    const n = name.trim();
    if (!n || n.length > 32) throw new Error('用户名应为 1–32 个字符');
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`密码至少 ${MIN_PASSWORD_LENGTH} 位`);
    const exists = await this.db.selectFrom('users').select('id').where('name', '=', n).executeTakeFirst();
    if (exists) throw new Error(`用户「${n}」已存在`);
    const row = await this.db
      .insertInto('users')
      .values({ name: n, role, password_hash: await hashPassword(password), created_at: this.now().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit('admin', 'user.create', { userId: Number(row.id), role });
    return { id: Number(row.id), name: n, role };
  }

  async list(): Promise<(ConsoleUser & { createdAt: string; disabled: boolean })[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      role: r.role,
      createdAt: r.created_at,
      disabled: r.disabled_at !== null,
    }));
  }

  /** A new session (cookie value + CSRF token), or null for a wrong name/password. */
  async login(name: string, password: string): Promise<{ cookie: string; session: ConsoleSession } | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', name.trim())
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? (await this.dummy));
    if (!row || !ok) {
      await this.audit(name.trim().slice(0, 32) || '(空)', 'login.failed', {});
      return null;
    }
    const cookie = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = this.now();
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: sha256(cookie),
        user_id: row.id,
        csrf,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      })
      .execute();
    await this.audit(row.name, 'login', { userId: Number(row.id) });
    return { cookie, session: { user: { id: Number(row.id), name: row.name, role: row.role }, csrf } };
  }

  async session(cookie: string | undefined): Promise<ConsoleSession | null> {
    if (!cookie || cookie.length > 100) return null;
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.name', 'users.role', 'users.disabled_at', 'sessions.csrf', 'sessions.expires_at'])
      .where('sessions.id_hash', '=', sha256(cookie))
      .executeTakeFirst();
    if (!row || row.disabled_at || row.expires_at <= this.now().toISOString()) return null;
    return { user: { id: Number(row.id), name: row.name, role: row.role }, csrf: row.csrf };
  }

  async logout(cookie: string): Promise<void> {
    const s = await this.session(cookie);
    await this.db.deleteFrom('sessions').where('id_hash', '=', sha256(cookie)).execute();
    if (s) await this.audit(s.user.name, 'logout', { userId: s.user.id });
  }

  async audit(actor: string, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.db
      .insertInto('audit')
      .values({ at: this.now().toISOString(), actor, action, detail_json: JSON.stringify(detail) })
      .execute();
  }

  async auditLog(limit = 100) {
    return this.db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }
}
