/**
 * Accounts, sessions, throttling, scope and error shapes, through the services and the router,
 * on both dialects.
 */
import { findUserByUsername, listAudit, verifyAuditChain } from '@thads/db';
import { clearAuditLog, testDialects, useTestDatabase } from '@thads/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SESSION_IDLE_MS,
  TEST_SCRYPT_COST,
  createAccount,
  hashPassword,
  login,
  logout,
  resolveSession,
  sessionUserOf,
  verifyPassword,
} from '../src/index.js';
import { NOW, callerFor, importWorkedExample } from './helpers.js';

const cost = TEST_SCRYPT_COST;
const CLI = { username: 'cli', role: null };

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

function minutes(n: number): Date {
  return new Date(NOW.getTime() + n * 60_000);
}

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, and names its parameters', async () => {
    const hash = await hashPassword('mật khẩu đúng', cost);
    expect(hash).toMatch(/^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('mật khẩu đúng', hash)).toBe(true);
    expect(await verifyPassword('mật khẩu sai', hash)).toBe(false);
    // NFD input (decomposed diacritics) verifies like NFC.
    expect(await verifyPassword('mật khẩu đúng'.normalize('NFD'), hash)).toBe(true);
    expect(await hashPassword('mật khẩu đúng', cost)).not.toBe(hash);
  });

  it('refuses malformed hashes and parameters out of bounds', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$ln=30,r=8,p=1$AAAA$AAAA')).toBe(false);
  });

  it('uses OWASP’s minimum cost by default', async () => {
    expect(await hashPassword('mot-mat-khau')).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
  });
});

describe.each(await testDialects())('accounts on $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
    await clearAuditLog(t.db);
    for (const [username, role, unit, officer] of [
      ['admin', 'admin', null, null],
      ['truong', 'unit_head', 'HN-BDI', null],
      ['vanthu', 'clerk', 'HN-BDI', null],
      ['chv', 'officer', null, 'BDI-1'],
      ['lanhdao', 'leadership', null, null],
      ['khoa', 'clerk', 'HN-BDI', null],
    ] as const) {
      await createAccount(
        t.db,
        {
          username,
          displayName: `Người dùng ${username}`,
          role,
          unit,
          officer,
          password: `${username}-demo`,
        },
        { actor: CLI, now: NOW, cost },
      );
    }
  });

  async function signIn(username: string, password: string, at = NOW, address = '10.0.0.1') {
    return login(t.db, { username, password, address, now: at, cost });
  }

  async function callerOf(username: string) {
    const found = await findUserByUsername(t.db, username);
    return callerFor(t.db, sessionUserOf(found!.user, null));
  }

  it('an officer account takes its unit from its officer record', async () => {
    const chv = await findUserByUsername(t.db, 'chv');
    expect(chv!.user).toMatchObject({ role: 'officer', unit: 'HN-BDI', officer: 'BDI-1' });
    expect(chv!.passwordHash).toMatch(/^scrypt\$/);
  });

  it('logs in, keeps the session while used, ends it after 8 idle hours', async () => {
    const result = await signIn('Admin ', 'admin-demo');
    expect(result).toMatchObject({ ok: true, user: { username: 'admin', role: 'admin' } });
    if (!result.ok) return;
    const stored = await t.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(result.token);
    expect(await resolveSession(t.db, result.token, minutes(60))).toMatchObject({
      username: 'admin',
    });
    // Used at +60 min: idle until +60 min + 8 h.
    const almost = new Date(minutes(60).getTime() + SESSION_IDLE_MS - 1000);
    expect(await resolveSession(t.db, result.token, almost)).not.toBeNull();
    const late = new Date(almost.getTime() + SESSION_IDLE_MS);
    expect(await resolveSession(t.db, result.token, late)).toBeNull();
    expect(await resolveSession(t.db, result.token, almost)).toBeNull();
    expect(await resolveSession(t.db, 'not-a-token', NOW)).toBeNull();
  });

  it('logout ends the session; login, failure and logout are audited', async () => {
    const before = (await listAudit(t.db, { entity: 'session' }, { offset: 0, limit: 1 })).total;
    const result = await signIn('lanhdao', 'lanhdao-demo');
    if (!result.ok) throw new Error('login failed');
    expect(await logout(t.db, { token: result.token, now: minutes(1), address: '10.0.0.1' })).toBe(
      true,
    );
    expect(await resolveSession(t.db, result.token, minutes(2))).toBeNull();
    expect(await logout(t.db, { token: result.token, now: minutes(2), address: '10.0.0.1' })).toBe(
      false,
    );
    expect(await signIn('lanhdao', 'sai-mat-khau')).toEqual({
      ok: false,
      reason: 'bad_credentials',
    });
    const { records } = await listAudit(
      t.db,
      { entity: 'session', entityId: 'lanhdao' },
      { offset: 0, limit: 3 },
    );
    expect(records.map((r) => [r.action, r.actor])).toEqual([
      ['login_failed', 'anonymous'],
      ['logout', 'lanhdao'],
      ['login', 'lanhdao'],
    ]);
    expect(JSON.parse(records[0]!.after!)).toEqual({
      username: 'lanhdao',
      address: '10.0.0.1',
      reason: 'bad_password',
    });
    expect((await listAudit(t.db, { entity: 'session' }, { offset: 0, limit: 1 })).total).toBe(
      before + 3,
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('an unknown username fails exactly like a wrong password', async () => {
    expect(await signIn('khong-co-ai', 'admin-demo')).toEqual({
      ok: false,
      reason: 'bad_credentials',
    });
  });

  it('throttles an account after 5 failures in 15 minutes, for the rest of that window', async () => {
    const at = (m: number) => minutes(1000 + m);
    for (let i = 0; i < 5; i++)
      expect(await signIn('vanthu', 'sai', at(i), `10.1.0.${i}`)).toMatchObject({
        reason: 'bad_credentials',
      });
    // The right password is refused too while the window lasts.
    expect(await signIn('vanthu', 'vanthu-demo', at(5), '10.1.0.9')).toEqual({
      ok: false,
      reason: 'throttled',
    });
    expect(await signIn('vanthu', 'vanthu-demo', at(14.9), '10.1.0.9')).toEqual({
      ok: false,
      reason: 'throttled',
    });
    // 15 minutes after the first failure, one of the five has left the window.
    expect(await signIn('vanthu', 'vanthu-demo', at(15.01), '10.1.0.9')).toMatchObject({
      ok: true,
    });
    // Other accounts were never affected.
    expect(await signIn('truong', 'truong-demo', at(5), '10.1.0.9')).toMatchObject({ ok: true });
    const throttled = await listAudit(
      t.db,
      { entity: 'session', entityId: 'vanthu' },
      { offset: 0, limit: 10 },
    );
    expect(throttled.records.filter((r) => r.after?.includes('"throttled"'))).toHaveLength(2);
  });

  it('a successful login clears the account’s earlier failures', async () => {
    const at = (m: number) => minutes(2000 + m);
    for (let i = 0; i < 4; i++) await signIn('khoa', 'sai', at(i), '10.2.0.1');
    expect(await signIn('khoa', 'khoa-demo', at(5), '10.2.0.1')).toMatchObject({ ok: true });
    expect(await signIn('khoa', 'sai', at(6), '10.2.0.1')).toMatchObject({
      reason: 'bad_credentials',
    });
    expect(await signIn('khoa', 'khoa-demo', at(7), '10.2.0.1')).toMatchObject({ ok: true });
  });

  it('throttles an address after 20 failures in 15 minutes, whatever the accounts', async () => {
    const at = (m: number) => minutes(3000 + m);
    for (let i = 0; i < 20; i++) await signIn(`ai-do-${i}`, 'sai', at(i * 0.5), '10.3.0.1');
    expect(await signIn('admin', 'admin-demo', at(11), '10.3.0.1')).toEqual({
      ok: false,
      reason: 'throttled',
    });
    expect(await signIn('admin', 'admin-demo', at(11), '10.3.0.2')).toMatchObject({ ok: true });
    expect(await signIn('admin', 'admin-demo', at(15.1), '10.3.0.1')).toMatchObject({ ok: true });
  });

  it('admins create, change, deactivate and reset accounts; each change is audited without passwords', async () => {
    const admin = await callerOf('admin');
    const created = await admin.users.create({
      username: 'Moi.Nguoi',
      displayName: 'Người mới',
      role: 'clerk',
      unit: 'HN-BDI',
      password: 'mat-khau-dau',
    });
    expect(created).toMatchObject({
      username: 'moi.nguoi',
      role: 'clerk',
      unit: 'HN-BDI',
      active: true,
    });
    expect((await admin.users.list()).map((u) => u.username)).toContain('moi.nguoi');

    const moved = await admin.users.update({ id: created.id, role: 'leadership' });
    expect(moved).toMatchObject({ role: 'leadership', unit: null, officer: null });

    const first = await signIn('moi.nguoi', 'mat-khau-dau', minutes(4000), '10.4.0.1');
    if (!first.ok) throw new Error('login failed');
    await admin.users.resetPassword({ id: created.id, password: 'mat-khau-moi' });
    expect(await resolveSession(t.db, first.token, minutes(4001))).toBeNull();
    expect(await signIn('moi.nguoi', 'mat-khau-dau', minutes(4002), '10.4.0.1')).toMatchObject({
      ok: false,
    });
    const second = await signIn('moi.nguoi', 'mat-khau-moi', minutes(4003), '10.4.0.1');
    if (!second.ok) throw new Error('login failed');

    await admin.users.update({ id: created.id, active: false });
    expect(await resolveSession(t.db, second.token, minutes(4004))).toBeNull();
    expect(await signIn('moi.nguoi', 'mat-khau-moi', minutes(4005), '10.4.0.1')).toMatchObject({
      ok: false,
      reason: 'bad_credentials',
    });

    const { records } = await listAudit(
      t.db,
      { entity: 'user', entityId: 'moi.nguoi' },
      { offset: 0, limit: 10 },
    );
    expect(records.map((r) => r.action)).toEqual([
      'deactivate',
      'reset_password',
      'update',
      'create',
    ]);
    expect(records.every((r) => r.actor === 'test-admin' || r.actor === 'admin')).toBe(true);
    for (const r of records) expect(`${r.before}${r.after}`).not.toMatch(/scrypt|mat-khau/);
    expect(JSON.parse(records[2]!.before!)).toMatchObject({ role: 'clerk', unit: 'HN-BDI' });
    expect(JSON.parse(records[2]!.after!)).toMatchObject({ role: 'leadership', unit: null });
  });

  it('refuses taken, reserved and malformed usernames, weak passwords and wrong links', async () => {
    const admin = await callerOf('admin');
    const create = (input: Record<string, unknown>) =>
      rejection(
        admin.users.create({
          username: 'nguoi.khac',
          displayName: 'Người khác',
          role: 'leadership',
          password: 'du-tam-ky-tu',
          ...input,
        } as never),
      );
    expect((await create({ username: 'admin' })).code).toBe('CONFLICT');
    expect((await create({ username: 'cli' })).code).toBe('CONFLICT');
    const bad = await create({ username: 'a b', password: 'ngan' });
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toContain('Tên đăng nhập gồm 3–32 ký tự');
    expect(bad.message).toContain('Mật khẩu phải có ít nhất 8 ký tự');
    expect((await create({ role: 'clerk' })).message).toBe('Vai trò này cần chọn đơn vị');
    expect((await create({ role: 'clerk', unit: 'KHONG-CO' })).code).toBe('NOT_FOUND');
    expect((await create({ role: 'officer', officer: 'KHONG-CO' })).code).toBe('NOT_FOUND');
    expect((await create({ role: 'leadership', unit: 'HN' })).message).toMatch(/toàn Cục/);
  });

  it('an admin cannot lock themselves out', async () => {
    const found = await findUserByUsername(t.db, 'admin');
    const admin = await callerOf('admin');
    expect((await rejection(admin.users.update({ id: found!.user.id, active: false }))).code).toBe(
      'CONFLICT',
    );
    expect(
      (await rejection(admin.users.update({ id: found!.user.id, role: 'clerk', unit: 'HN' }))).code,
    ).toBe('CONFLICT');
  });

  it('everyone changes their own password with the current one; other sessions end', async () => {
    const a = await signIn('chv', 'chv-demo', minutes(5000), '10.5.0.1');
    const b = await signIn('chv', 'chv-demo', minutes(5000), '10.5.0.2');
    if (!a.ok || !b.ok) throw new Error('login failed');
    const chv = callerFor(t.db, a.user);
    const wrong = await rejection(
      chv.auth.changePassword({ currentPassword: 'sai', newPassword: 'mat-khau-chv-2' }),
    );
    expect(wrong.code).toBe('FORBIDDEN');
    expect(wrong.message).toBe('Mật khẩu hiện tại không đúng');
    await chv.auth.changePassword({ currentPassword: 'chv-demo', newPassword: 'mat-khau-chv-2' });
    expect(await resolveSession(t.db, a.token, minutes(5001))).not.toBeNull();
    expect(await resolveSession(t.db, b.token, minutes(5001))).toBeNull();
    expect(await signIn('chv', 'mat-khau-chv-2', minutes(5002), '10.5.0.1')).toMatchObject({
      ok: true,
    });
  });

  it('auth.me: null for a visitor, the account otherwise', async () => {
    expect(await callerFor(t.db, null).auth.me()).toBeNull();
    expect(await (await callerOf('truong')).auth.me()).toEqual({
      username: 'truong',
      displayName: 'Người dùng truong',
      role: 'unit_head',
      roleLabel: 'Thủ trưởng đơn vị',
      unit: 'HN-BDI',
      officer: null,
    });
  });

  it('branch roles see only their unit; an officer only their own report', async () => {
    const report = { year: 2017, month: 12, scope: 'total' } as const;
    for (const name of ['truong', 'vanthu']) {
      const branch = await callerOf(name);
      expect((await branch.units.tree()).map((u) => u.code)).toEqual(['HN-BDI']);
      expect(await branch.reports.get({ unit: 'HN-BDI', ...report })).toMatchObject({
        unit: 'HN-BDI',
      });
      const denied = await rejection(branch.reports.get({ unit: 'HN', ...report }));
      expect(denied.code).toBe('FORBIDDEN');
      expect(denied.message).toContain('HN');
      expect((await rejection(branch.officers.list({ unit: 'HN' }))).code).toBe('FORBIDDEN');
      expect((await branch.officers.list({})).map((o) => o.code)).toEqual(['BDI-1', 'BDI-2']);
    }
    const chv = await callerOf('chv');
    const own = { ...report, scope: 'own' } as const;
    expect((await chv.officers.list({})).map((o) => o.code)).toEqual(['BDI-1']);
    expect((await rejection(chv.reports.get({ unit: 'HN-BDI', ...report }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await rejection(chv.reports.get({ unit: 'HN-BDI', officer: 'BDI-2', ...own }))).code,
    ).toBe('FORBIDDEN');
    expect(await chv.reports.get({ unit: 'HN-BDI', officer: 'BDI-1', ...own })).toMatchObject({
      officer: 'BDI-1',
    });
    const leadership = await callerOf('lanhdao');
    expect((await leadership.units.tree()).map((u) => u.code)).toEqual(['HN']);
    expect(await leadership.reports.get({ unit: 'HN', ...report })).toMatchObject({ unit: 'HN' });
  });

  it('the audit page lists, filters by unit subtree and verifies', async () => {
    const leadership = await callerOf('lanhdao');
    const page = await leadership.audit.list({ unit: 'HN', pageSize: 5 });
    expect(page.records).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
    expect(page.records.every((r) => r.unit === 'HN' || r.unit === 'HN-BDI')).toBe(true);
    expect(await leadership.audit.entities()).toEqual(expect.arrayContaining(['session', 'user']));
    expect(await leadership.audit.verify()).toMatchObject({ ok: true, brokenSeq: null });
    const bad = await rejection(leadership.audit.list({ from: '25/11/2025' }));
    expect(bad.code).toBe('BAD_REQUEST');
  });
});
