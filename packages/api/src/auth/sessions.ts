/**
 * Logins, server-side sessions and throttling (interfaces.md §6).
 *
 * - A session is a random 256-bit token in an httpOnly cookie; the database keeps only its SHA-256,
 *   so a copy of the database does not let anyone sign in.
 * - A session ends after 8 hours without a request (idle expiry), at logout, when the account is
 *   deactivated, and (for its other sessions) when the password changes or is reset.
 * - Throttling: once an account has had 5 failed attempts within 15 minutes (counted since its last
 *   successful login), or an address 20, further attempts are refused (HTTP 429) without checking
 *   the password until those failures are 15 minutes old. Refused attempts do not count as
 *   failures, so the window does not grow while someone keeps trying.
 * - Every login, failure (including refused attempts) and logout writes an audit record in the same
 *   transaction as its change. Touching a session's last-seen time and purging expired sessions and
 *   old attempts are bookkeeping, not audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  ANONYMOUS_ACTOR,
  countLoginFailures,
  deleteSession,
  findSession,
  findUserByUsername,
  insertLoginAttempt,
  insertSession,
  purgeExpired,
  recordAudit,
  touchSession,
  type Database,
  type UserRecord,
} from '@thads/db';
import type { Role } from '@thads/domain';
import type { Kysely } from 'kysely';
import { DEFAULT_SCRYPT_COST, decoyHash, verifyPassword, type ScryptCost } from './password.js';

export const SESSION_COOKIE = 'thads_session';
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const THROTTLE = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 20 } as const;
/** A session's last-seen time is written at most this often. */
const TOUCH_EVERY_MS = 60 * 1000;
/** Login attempts are kept this long (far beyond the throttling window). */
const ATTEMPTS_KEPT_MS = 24 * 60 * 60 * 1000;

/** The signed-in account as procedures see it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The unit of a branch role or of the officer; null for Cục-wide roles. */
  unit: string | null;
  /** The officer record of an `officer` account. */
  officer: string | null;
  /** SHA-256 of the session token; null for calls without a session (tests, scripts). */
  sessionId: string | null;
}

export function sessionUserOf(user: UserRecord, sessionId: string | null): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unit: user.unit,
    officer: user.officer,
    sessionId,
  };
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Usernames are compared trimmed and in lower case. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}

const decoys = new Map<string, Promise<string>>();
function decoyFor(cost: ScryptCost): Promise<string> {
  const key = `${cost.logN},${cost.r},${cost.p}`;
  let decoy = decoys.get(key);
  if (!decoy) decoys.set(key, (decoy = decoyHash(cost)));
  return decoy;
}

export type LoginResult =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; reason: 'bad_credentials' | 'throttled' };

export interface LoginRequest {
  username: string;
  password: string;
  /** The client's address, for throttling and the audit trail. */
  address: string;
  now: Date;
  /** The cost of the decoy hash checked for unknown usernames (tests lower it). */
  cost?: ScryptCost;
}

/** Checks the credentials and opens a session. Never says whether the username exists. */
export async function login(db: Kysely<Database>, request: LoginRequest): Promise<LoginResult> {
  const username = normaliseUsername(request.username);
  const at = request.now.toISOString();
  const since = new Date(request.now.getTime() - THROTTLE.windowMs).toISOString();
  const failure = (reason: string, unit: string | null = null) =>
    db.transaction().execute(async (trx) => {
      if (reason !== 'throttled')
        await insertLoginAttempt(trx, { at, username, address: request.address, succeeded: false });
      await recordAudit(trx, {
        actor: ANONYMOUS_ACTOR,
        at: request.now,
        entity: 'session',
        entityId: username,
        action: 'login_failed',
        unit,
        after: { username, address: request.address, reason },
      });
    });

  const [accountFailures, addressFailures] = await Promise.all([
    countLoginFailures(db, { username }, since),
    countLoginFailures(db, { address: request.address }, since),
  ]);
  if (accountFailures >= THROTTLE.perAccount || addressFailures >= THROTTLE.perAddress) {
    await failure('throttled');
    return { ok: false, reason: 'throttled' };
  }

  const found = username === '' ? undefined : await findUserByUsername(db, username);
  const matches = found
    ? await verifyPassword(request.password, found.passwordHash)
    : await verifyPassword(request.password, await decoyFor(request.cost ?? DEFAULT_SCRYPT_COST));
  if (!found || !matches || !found.user.active) {
    await failure(
      !found ? 'unknown_user' : !matches ? 'bad_password' : 'inactive',
      found?.user.unit ?? null,
    );
    return { ok: false, reason: 'bad_credentials' };
  }

  const token = newSessionToken();
  const sessionId = sessionIdOf(token);
  const user = found.user;
  await db.transaction().execute(async (trx) => {
    await purgeExpired(trx, {
      idleBefore: new Date(request.now.getTime() - SESSION_IDLE_MS).toISOString(),
      attemptsBefore: new Date(request.now.getTime() - ATTEMPTS_KEPT_MS).toISOString(),
    });
    await insertSession(trx, { id: sessionId, userId: user.id, at, address: request.address });
    await insertLoginAttempt(trx, { at, username, address: request.address, succeeded: true });
    await recordAudit(trx, {
      actor: { username: user.username, role: user.role },
      at: request.now,
      entity: 'session',
      entityId: user.username,
      action: 'login',
      unit: user.unit,
      after: { username: user.username, address: request.address },
    });
  });
  return { ok: true, token, user: sessionUserOf(user, sessionId) };
}

/**
 * The account behind a session token, or null when there is none, it has been idle for 8 hours
 * (it is then deleted) or its account is inactive. Refreshes the last-seen time.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  /** How the session is looked up (default `findSession`; HTTP requests share lookups). */
  find: typeof findSession = findSession,
): Promise<SessionUser | null> {
  if (token === '' || token.length > 128) return null;
  const found = await find(db, sessionIdOf(token));
  if (!found) return null;
  const idle = now.getTime() - Date.parse(found.session.lastSeenAt);
  if (idle >= SESSION_IDLE_MS || !found.user.active) {
    await deleteSession(db, found.session.id).catch(() => {});
    return null;
  }
  if (idle >= TOUCH_EVERY_MS) {
    // Best effort: a busy database must not fail the request for a last-seen time.
    await touchSession(db, found.session.id, now.toISOString()).catch(() => {});
  }
  return sessionUserOf(found.user, found.session.id);
}

/** Ends the session of `token`, if any, with its audit record. Returns whether one ended. */
export async function logout(
  db: Kysely<Database>,
  request: { token: string; now: Date; address: string },
): Promise<boolean> {
  const found =
    request.token === '' ? undefined : await findSession(db, sessionIdOf(request.token));
  if (!found) return false;
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, found.session.id);
    await recordAudit(trx, {
      actor: { username: found.user.username, role: found.user.role },
      at: request.now,
      entity: 'session',
      entityId: found.user.username,
      action: 'logout',
      unit: found.user.unit,
      after: { username: found.user.username, address: request.address },
    });
  });
  return true;
}
