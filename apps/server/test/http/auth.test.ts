/**
 * Sessions and hardening over HTTP (interfaces.md §6, issue 4): login, cookie flags, logout,
 * throttling, the Origin check, body limits, CORS, security headers, error shapes.
 */
import { listAudit } from '@thads/db';
import { sqliteMemory, type TestDatabase } from '@thads/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { parseEnv } from '../../src/http/env.js';
import { TEST_COST, createTestAccounts, importWorkedExample } from './helpers.js';

const ORIGIN = 'http://localhost';
let clock = new Date('2025-11-25T09:00:00+07:00');
const now = () => clock;

function trpcGet(path: string, input: unknown): string {
  return `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

describe('sessions and hardening over HTTP', () => {
  let test: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const errors: string[] = [];

  beforeAll(async () => {
    test = await sqliteMemory.open();
    await importWorkedExample(test.db);
    await createTestAccounts(test.db);
    app = createApp({
      db: test.db,
      now,
      passwordCost: TEST_COST,
      decoyCost: TEST_COST,
      logError: (message) => errors.push(message),
    });
  });
  afterAll(async () => {
    await test.close();
  });

  /** A request from the console's own page at `address`. */
  function post(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    address = '10.9.0.1',
  ) {
    return app.request(
      path,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      },
      { incoming: { socket: { remoteAddress: address } } },
    );
  }

  async function signIn(username: string, password = `${username}-demo`): Promise<string> {
    const res = await post('/auth/login', { username, password });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('login sets an httpOnly, SameSite=Lax session cookie and answers who signed in', async () => {
    const res = await post('/auth/login', { username: 'truong', password: 'truong-demo' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: {
        username: 'truong',
        displayName: 'truong',
        role: 'unit_head',
        roleLabel: 'Thủ trưởng đơn vị',
        unit: 'HN-BDI',
        officer: null,
      },
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^thads_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(res.headers.get('cache-control')).toBe('no-store');

    const me = await app.request(trpcGet('auth.me', {}), {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(
      ((await me.json()) as { result: { data: { username: string } } }).result.data.username,
    ).toBe('truong');
  });

  it('the cookie is Secure when the client came over https (behind a trusted proxy or PUBLIC_ORIGIN)', async () => {
    const proxied = createApp({
      db: test.db,
      now,
      decoyCost: TEST_COST,
      security: { trustProxy: true },
    });
    const res = await proxied.request('/auth/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://thads.example.vn',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'thads.example.vn',
        'x-forwarded-for': '203.0.113.7, 10.0.0.1',
      },
      body: JSON.stringify({ username: 'quanly', password: 'quanly-demo' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('; Secure');
    const { records } = await listAudit(
      test.db,
      { entity: 'session', entityId: 'quanly' },
      { offset: 0, limit: 1 },
    );
    expect(JSON.parse(records[0]!.after!)).toMatchObject({ address: '203.0.113.7' });
  });

  it('bad credentials: 401 with a Vietnamese message; malformed bodies: 400', async () => {
    const res = await post('/auth/login', { username: 'truong', password: 'sai' }, {}, '10.9.1.1');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { message: 'Sai tên đăng nhập hoặc mật khẩu' } });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await post('/auth/login', 'not json', {}, '10.9.1.1')).status).toBe(400);
    expect((await post('/auth/login', { username: 1 }, {}, '10.9.1.1')).status).toBe(400);
  });

  it('429 once an account has had 5 failures within 15 minutes, for the rest of that window', async () => {
    const start = clock;
    for (let i = 0; i < 5; i++) {
      clock = new Date(start.getTime() + i * 60_000);
      expect(
        (await post('/auth/login', { username: 'vanthu', password: 'sai' }, {}, `10.9.2.${i}`))
          .status,
      ).toBe(401);
    }
    clock = new Date(start.getTime() + 10 * 60_000);
    const refused = await post(
      '/auth/login',
      { username: 'vanthu', password: 'vanthu-demo' },
      {},
      '10.9.2.9',
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /quá nhiều lần/,
    );
    clock = new Date(start.getTime() + 15 * 60_000 + 1000);
    expect(
      (await post('/auth/login', { username: 'vanthu', password: 'vanthu-demo' }, {}, '10.9.2.9'))
        .status,
    ).toBe(200);
    clock = new Date(start.getTime() + 60 * 60_000);
  });

  it('429 once an address has had 20 failures within 15 minutes', async () => {
    for (let i = 0; i < 20; i++)
      expect(
        (await post('/auth/login', { username: `khach${i}`, password: 'x' }, {}, '10.9.3.1'))
          .status,
      ).toBe(401);
    expect(
      (await post('/auth/login', { username: 'admin', password: 'admin-demo' }, {}, '10.9.3.1'))
        .status,
    ).toBe(429);
    expect(
      (await post('/auth/login', { username: 'admin', password: 'admin-demo' }, {}, '10.9.3.2'))
        .status,
    ).toBe(200);
    clock = new Date(clock.getTime() + 60 * 60_000);
  });

  it('logout ends the session and clears the cookie; the API then needs a login again', async () => {
    const cookie = await signIn('lanhdao');
    const tree = () => app.request(trpcGet('units.tree', {}), { headers: { cookie } });
    expect((await tree()).status).toBe(200);
    const out = await post('/auth/logout', '', { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^thads_session=; Max-Age=0; Path=\//);
    const after = await tree();
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toBe(
      'Bạn cần đăng nhập',
    );
  });

  it('sessions expire after 8 hours without use', async () => {
    const cookie = await signIn('lanhdao');
    const me = async () =>
      (
        (await (await app.request(trpcGet('auth.me', {}), { headers: { cookie } })).json()) as {
          result: { data: unknown };
        }
      ).result.data;
    clock = new Date(clock.getTime() + 7 * 3600_000);
    expect(await me()).toMatchObject({ username: 'lanhdao' });
    clock = new Date(clock.getTime() + 7 * 3600_000);
    expect(await me()).toMatchObject({ username: 'lanhdao' });
    clock = new Date(clock.getTime() + 8 * 3600_000 + 1000);
    expect(await me()).toBeNull();
  });

  it('anonymous visitors get no data: 401 on every procedure but auth.me and health', async () => {
    expect((await app.request(trpcGet('units.tree', {}))).status).toBe(401);
    expect(
      (
        await app.request(
          trpcGet('reports.get', { unit: 'HN', year: 2017, month: 12, scope: 'total' }),
        )
      ).status,
    ).toBe(401);
    expect((await app.request(trpcGet('auth.me', {}))).status).toBe(200);
    expect((await app.request(trpcGet('health.check', {}))).status).toBe(200);
  });

  it('refuses state-changing requests from another origin, or with no origin at all', async () => {
    const cookie = await signIn('admin');
    const mutation = (headers: Record<string, string>) =>
      app.request('/trpc/users.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: JSON.stringify({
          username: 'moi',
          displayName: 'Mới',
          role: 'leadership',
          password: 'mat-khau-moi',
        }),
      });
    const foreign = await mutation({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(
      /Origin/,
    );
    expect((await mutation({})).status).toBe(403);
    expect((await mutation({ referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await mutation({ referer: `${ORIGIN}/console/nguoi-dung` })).status).toBe(200);
    const login = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'admin', password: 'admin-demo' }),
    });
    expect(login.status).toBe(403);
    // ALLOWED_ORIGINS opens one origin, for CORS too.
    const open = createApp({
      db: test.db,
      now,
      security: { allowedOrigins: ['https://app.example.vn'] },
    });
    const preflight = await open.request('/trpc/users.create', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.vn', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.vn');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('CORS is closed by default: no Access-Control-Allow-Origin for anyone', async () => {
    const res = await app.request(trpcGet('health.check', {}), {
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('/trpc/users.create', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits request bodies: 413 past the limit', async () => {
    const small = createApp({ db: test.db, now, security: { bodyLimitBytes: 2048 } });
    const res = await small.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ username: 'x'.repeat(5000), password: 'y' }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/quá lớn/);
  });

  it('gives the console file imports (imports.start) a larger body limit, and them alone', async () => {
    const small = createApp({
      db: test.db,
      now,
      security: { bodyLimitBytes: 2048, uploadLimitBytes: 64 * 1024 },
    });
    const post = (path: string, size: number) =>
      small.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ pad: 'x'.repeat(size) }),
      });
    // Past the ordinary limit but within the upload limit: it reaches tRPC (no session: 401).
    expect((await post('/trpc/imports.start', 10_000)).status).toBe(401);
    expect((await post('/trpc/cases.create', 10_000)).status).toBe(413);
    expect((await post('/trpc/imports.start,cases.create?batch=1', 10_000)).status).toBe(413);
    expect((await post('/trpc/imports.start', 100_000)).status).toBe(413);
  });

  it('sends the security headers on every response', async () => {
    for (const path of ['/health', '/trpc/auth.me', '/khong-co']) {
      const res = await app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    }
  });

  it('errors: field paths and Vietnamese messages for bad input; never a stack or SQL text', async () => {
    const cookie = await signIn('lanhdao');
    const bad = await app.request(
      trpcGet('reports.get', { unit: '', year: 2017, month: 13, scope: 'total' }),
      { headers: { cookie } },
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as {
      error: { message: string; data: { fieldErrors: { path: string; message: string }[] } };
    };
    expect(body.error.data.fieldErrors).toEqual([
      { path: 'unit', message: 'Chưa chọn đơn vị' },
      { path: 'month', message: 'Tháng của năm công tác phải từ 1 đến 12' },
    ]);
    expect(JSON.stringify(body)).not.toContain('stack');

    // A database that fails: a generic message only; the details go to the server's log.
    const broken = await sqliteMemory.open();
    await broken.close();
    const failing = createApp({ db: broken.db, now, logError: (m) => errors.push(m) });
    const res = await failing.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ username: 'a', password: 'b' }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/select|login_attempts|stack|at .*\.ts/i);
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('parseEnv (security variables)', () => {
  it('has closed defaults', () => {
    expect(parseEnv({}).security).toEqual({
      publicOrigin: null,
      trustProxy: false,
      allowedOrigins: [],
      bodyLimitBytes: 1024 * 1024,
      uploadLimitBytes: 129 * 1024 * 1024,
    });
  });

  it('reads PUBLIC_ORIGIN, TRUST_PROXY, ALLOWED_ORIGINS and BODY_LIMIT_BYTES', () => {
    expect(
      parseEnv({
        PUBLIC_ORIGIN: 'https://thads.example.vn',
        TRUST_PROXY: '1',
        ALLOWED_ORIGINS: 'https://a.example.vn, http://localhost:5173',
        BODY_LIMIT_BYTES: '65536',
        UPLOAD_LIMIT_BYTES: '1048576',
      }).security,
    ).toEqual({
      publicOrigin: 'https://thads.example.vn',
      trustProxy: true,
      allowedOrigins: ['https://a.example.vn', 'http://localhost:5173'],
      bodyLimitBytes: 65536,
      uploadLimitBytes: 1048576,
    });
  });

  it('rejects an origin with a path', () => {
    expect(() => parseEnv({ PUBLIC_ORIGIN: 'https://thads.example.vn/console' })).toThrow(
      /PUBLIC_ORIGIN/,
    );
  });
});
