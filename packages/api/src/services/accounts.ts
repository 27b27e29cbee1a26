/**
 * Account administration, shared by the API (users.*, auth.changePassword), the command line
 * (`user create`) and the demo seed. Each change runs in one transaction with its audit record;
 * audit records never hold a password or its hash.
 */
import {
  RESERVED_USERNAMES,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  insertUser,
  recordAudit,
  updateUser,
  type AuditActor,
  type Database,
  type UserPatch,
  type UserRecord,
} from '@thads/db';
import { DomainError, roleLink, type Role } from '@thads/domain';
import type { Kysely } from 'kysely';
import { hashPassword, verifyPassword, type ScryptCost } from '../auth/password.js';

export interface ChangeContext {
  actor: AuditActor;
  now: Date;
}

/** What the audit trail keeps of an account. */
function auditValue(user: UserRecord) {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unit: user.unit,
    officer: user.officer,
    active: user.active,
  };
}

/**
 * The unit and officer an account of `role` is linked to, checked against the database: a branch
 * role needs an existing unit; an officer account needs an existing officer record (its unit is the
 * officer's); other roles take neither.
 */
async function linkOf(
  db: Kysely<Database>,
  role: Role,
  unit: string | null,
  officer: string | null,
): Promise<{ unit: string | null; officer: string | null }> {
  switch (roleLink(role)) {
    case 'unit': {
      if (unit === null)
        throw new DomainError('INVALID_INPUT', 'Vai trò này cần chọn đơn vị', { field: 'unit' });
      const found = await db
        .selectFrom('units')
        .select('code')
        .where('code', '=', unit)
        .executeTakeFirst();
      if (!found)
        throw new DomainError('NOT_FOUND', `Không có đơn vị mã ${unit}`, { field: 'unit' });
      if (officer !== null)
        throw new DomainError(
          'INVALID_INPUT',
          'Chỉ tài khoản chấp hành viên gắn với chấp hành viên',
          {
            field: 'officer',
          },
        );
      return { unit, officer: null };
    }
    case 'officer': {
      if (officer === null)
        throw new DomainError('INVALID_INPUT', 'Tài khoản chấp hành viên cần chọn chấp hành viên', {
          field: 'officer',
        });
      const found = await db
        .selectFrom('officers')
        .select(['code', 'unit'])
        .where('code', '=', officer)
        .executeTakeFirst();
      if (!found)
        throw new DomainError('NOT_FOUND', `Không có chấp hành viên mã ${officer}`, {
          field: 'officer',
        });
      if (unit !== null && unit !== found.unit)
        throw new DomainError(
          'INVALID_INPUT',
          `Chấp hành viên ${officer} thuộc đơn vị ${found.unit}, không thuộc ${unit}`,
          { field: 'unit' },
        );
      return { unit: found.unit, officer };
    }
    case 'none':
      if (unit !== null || officer !== null)
        throw new DomainError(
          'INVALID_INPUT',
          'Vai trò này làm việc trên toàn Cục, không gắn với đơn vị hay chấp hành viên',
          { field: unit !== null ? 'unit' : 'officer' },
        );
      return { unit: null, officer: null };
  }
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  unit?: string | null;
  officer?: string | null;
  password: string;
}

/** Creates an account (CONFLICT when the username is taken or reserved). */
export async function createAccount(
  db: Kysely<Database>,
  input: NewAccount,
  change: ChangeContext & { cost: ScryptCost },
): Promise<UserRecord> {
  if (RESERVED_USERNAMES.includes(input.username))
    throw new DomainError(
      'CONFLICT',
      `Tên đăng nhập "${input.username}" được dành riêng cho hệ thống`,
      {
        field: 'username',
      },
    );
  const passwordHash = await hashPassword(input.password, change.cost);
  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username))
      throw new DomainError('CONFLICT', `Tên đăng nhập "${input.username}" đã có người dùng`, {
        field: 'username',
      });
    const link = await linkOf(trx, input.role, input.unit ?? null, input.officer ?? null);
    const user = await insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      ...link,
      at: change.now.toISOString(),
    });
    await recordAudit(trx, {
      actor: change.actor,
      at: change.now,
      entity: 'user',
      entityId: user.username,
      action: 'create',
      unit: user.unit,
      after: auditValue(user),
    });
    return user;
  });
}

export interface AccountChanges {
  displayName?: string;
  role?: Role;
  unit?: string | null;
  officer?: string | null;
  active?: boolean;
}

/**
 * Changes an account's name, role, unit, officer or active flag. Role and links are checked
 * together as they will be. Deactivating ends the account's sessions. An admin cannot deactivate
 * or demote their own account (someone must be left to administer).
 */
export async function updateAccount(
  db: Kysely<Database>,
  id: number,
  changes: AccountChanges,
  change: ChangeContext & { selfId: number | null },
): Promise<UserRecord> {
  return db.transaction().execute(async (trx) => {
    const found = await findUserById(trx, id);
    if (!found) throw new DomainError('NOT_FOUND', 'Không có tài khoản này');
    const before = found.user;
    if (change.selfId === id && (changes.active === false || (changes.role ?? 'admin') !== 'admin'))
      throw new DomainError(
        'CONFLICT',
        'Không thể tự khoá hoặc tự bỏ vai trò quản trị của chính mình',
      );
    const role = changes.role ?? before.role;
    const roleChanged = role !== before.role;
    // A new role starts from its own links unless new ones are given.
    const unit = changes.unit !== undefined ? changes.unit : roleChanged ? null : before.unit;
    const officer =
      changes.officer !== undefined ? changes.officer : roleChanged ? null : before.officer;
    const link = await linkOf(trx, role, roleLink(role) === 'officer' ? null : unit, officer);
    const patch: UserPatch = { role, ...link };
    if (changes.displayName !== undefined) patch.displayName = changes.displayName;
    if (changes.active !== undefined) patch.active = changes.active;
    const after = await updateUser(trx, id, patch, change.now.toISOString());
    if (JSON.stringify(auditValue(after)) === JSON.stringify(auditValue(before))) return after;
    if (!after.active) await deleteUserSessions(trx, id);
    await recordAudit(trx, {
      actor: change.actor,
      at: change.now,
      entity: 'user',
      entityId: after.username,
      action: before.active && !after.active ? 'deactivate' : 'update',
      unit: after.unit ?? before.unit,
      before: auditValue(before),
      after: auditValue(after),
    });
    return after;
  });
}

/** An admin sets a new password for an account; every session of that account ends. */
export async function resetPassword(
  db: Kysely<Database>,
  id: number,
  password: string,
  change: ChangeContext & { cost: ScryptCost },
): Promise<void> {
  const passwordHash = await hashPassword(password, change.cost);
  await db.transaction().execute(async (trx) => {
    const found = await findUserById(trx, id);
    if (!found) throw new DomainError('NOT_FOUND', 'Không có tài khoản này');
    await updateUser(trx, id, { passwordHash }, change.now.toISOString());
    const ended = await deleteUserSessions(trx, id);
    await recordAudit(trx, {
      actor: change.actor,
      at: change.now,
      entity: 'user',
      entityId: found.user.username,
      action: 'reset_password',
      unit: found.user.unit,
      after: { passwordChanged: true, sessionsEnded: ended },
    });
  });
}

/**
 * A signed-in user changes their own password, giving the current one (FORBIDDEN when wrong).
 * Their other sessions end; `keepSession` (the one in use) stays.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  userId: number,
  passwords: { current: string; next: string },
  change: ChangeContext & { cost: ScryptCost; keepSession: string | null },
): Promise<void> {
  const found = await findUserById(db, userId);
  if (!found) throw new DomainError('NOT_FOUND', 'Không có tài khoản này');
  if (!(await verifyPassword(passwords.current, found.passwordHash)))
    throw new DomainError('FORBIDDEN', 'Mật khẩu hiện tại không đúng', {
      field: 'currentPassword',
    });
  const passwordHash = await hashPassword(passwords.next, change.cost);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { passwordHash }, change.now.toISOString());
    const ended = await deleteUserSessions(trx, userId, change.keepSession ?? undefined);
    await recordAudit(trx, {
      actor: change.actor,
      at: change.now,
      entity: 'user',
      entityId: found.user.username,
      action: 'change_password',
      unit: found.user.unit,
      after: { passwordChanged: true, otherSessionsEnded: ended },
    });
  });
}
