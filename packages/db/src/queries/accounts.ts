/**
 * Accounts, sessions and login attempts (interfaces.md §6). Storage only: password hashing, the
 * session rules and throttling live in @thads/api (auth). Queries take `db` first and work
 * unchanged on a transaction; timestamps are ISO 8601 strings (UTC) given by the caller.
 */
import { isRole, type Role } from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../schema.js';
import { fromFlag, toFlag } from './units.js';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  officer: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function userFromRow(row: UserRow): UserRecord {
  if (!isRole(row.role)) throw new Error(`user ${row.username} has an unknown role "${row.role}"`);
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unit: row.unit,
    officer: row.officer,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The account and its password hash, or undefined. `username` is compared exactly. */
export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row ? { user: userFromRow(row), passwordHash: row.password_hash } : undefined;
}

export async function findUserById(
  db: Kysely<Database>,
  id: number,
): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { user: userFromRow(row), passwordHash: row.password_hash } : undefined;
}

/** Every account, by username. */
export async function listUsers(db: Kysely<Database>): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(userFromRow);
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  unit: string | null;
  officer: string | null;
  at: string;
}

/** Inserts an account; returns it. A taken username violates the unique constraint. */
export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<UserRecord> {
  const row = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      unit: user.unit,
      officer: user.officer,
      active: 1,
      created_at: user.at,
      updated_at: user.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return userFromRow(row);
}

export interface UserPatch {
  displayName?: string;
  passwordHash?: string;
  role?: Role;
  unit?: string | null;
  officer?: string | null;
  active?: boolean;
}

/** Changes an account; returns it as it is now. */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  patch: UserPatch,
  at: string,
): Promise<UserRecord> {
  const row = await db
    .updateTable('users')
    .set({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.officer !== undefined ? { officer: patch.officer } : {}),
      ...(patch.active !== undefined ? { active: toFlag(patch.active) } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return userFromRow(row);
}

export interface SessionRecord {
  /** SHA-256 (hex) of the token. */
  id: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
}

export async function insertSession(
  db: Kysely<Database>,
  session: { id: string; userId: number; at: string; address: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.at,
      last_seen_at: session.at,
      address: session.address,
    })
    .execute();
}

/** The session and its account, or undefined. */
export async function findSession(
  db: Kysely<Database>,
  id: string,
): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
  return (await findSessions(db, [id])).get(id);
}

/** Session keys per lookup statement (far below both dialects' limits on bound values). */
const SESSIONS_PER_LOOKUP = 500;

/**
 * The sessions of `ids` with their accounts, by session key (absent: no such session). One query
 * (per 500 keys), joined: every signed-in request makes one, or shares one with the requests that
 * arrived with it (`SharedSessionReads` of @thads/api).
 */
export async function findSessions(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { session: SessionRecord; user: UserRecord }>> {
  const out = new Map<string, { session: SessionRecord; user: UserRecord }>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += SESSIONS_PER_LOOKUP) {
    const part = unique.slice(start, start + SESSIONS_PER_LOOKUP);
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select([
        'sessions.id as session_id',
        'sessions.user_id as session_user_id',
        'sessions.created_at as session_created_at',
        'sessions.last_seen_at as session_last_seen_at',
      ])
      .where('sessions.id', 'in', part)
      .execute();
    for (const row of rows)
      out.set(row.session_id, {
        session: {
          id: row.session_id,
          userId: Number(row.session_user_id),
          createdAt: row.session_created_at,
          lastSeenAt: row.session_last_seen_at,
        },
        user: userFromRow(row),
      });
  }
  return out;
}

export async function touchSession(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of an account (deactivation, password reset); returns how many. */
export async function deleteUserSessions(
  db: Kysely<Database>,
  userId: number,
  except?: string,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except !== undefined) query = query.where('id', '<>', except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions idle since before `idleBefore` and attempts older than `attemptsBefore`. */
export async function purgeExpired(
  db: Kysely<Database>,
  cut: { idleBefore: string; attemptsBefore: string },
): Promise<void> {
  await db.deleteFrom('sessions').where('last_seen_at', '<', cut.idleBefore).execute();
  await db.deleteFrom('login_attempts').where('at', '<', cut.attemptsBefore).execute();
}

export async function insertLoginAttempt(
  db: Kysely<Database>,
  attempt: { at: string; username: string; address: string; succeeded: boolean },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ ...attempt, succeeded: toFlag(attempt.succeeded) })
    .execute();
}

/**
 * Failed attempts since `since` (inclusive): for an account, only those after its last successful
 * login; for an address, all of them.
 */
export async function countLoginFailures(
  db: Kysely<Database>,
  by: { username: string } | { address: string },
  since: string,
): Promise<number> {
  if ('username' in by) {
    const lastOk = await db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('username', '=', by.username)
      .where('succeeded', '=', 1)
      .where('at', '>=', since)
      .executeTakeFirst();
    const from = lastOk?.at ?? null;
    let query = db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('username', '=', by.username)
      .where('succeeded', '=', 0)
      .where('at', '>=', since);
    if (from !== null) query = query.where('at', '>', from);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('address', '=', by.address)
    .where('succeeded', '=', 0)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
