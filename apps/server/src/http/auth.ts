/**
 * POST /auth/login and POST /auth/logout (interfaces.md §6). They are plain HTTP rather than tRPC
 * because they set and clear the session cookie: httpOnly (scripts never see the token),
 * SameSite=Lax, Path=/, Secure when the client came over https; no Max-Age, so the browser drops
 * it when closed, and the server ends the session after 8 idle hours anyway.
 */
import {
  SESSION_COOKIE,
  cookieValue,
  login,
  logout,
  type ApiDeps,
  type ScryptCost,
} from '@thads/api';
import { ROLE_LABELS } from '@thads/domain';
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { SecurityOptions } from './env.js';
import { clientAddress, isHttps } from './security.js';

const credentials = z.object({
  username: z.string().max(200),
  password: z.string().max(1024),
});

export const LOGIN_MESSAGES = {
  invalid: 'Cần gửi JSON {"username", "password"}',
  badCredentials: 'Sai tên đăng nhập hoặc mật khẩu',
  throttled:
    'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút (tối đa 15 phút) hoặc liên hệ quản trị hệ thống.',
} as const;

export function mountAuth(
  app: Hono,
  deps: ApiDeps & { decoyCost?: ScryptCost },
  security: SecurityOptions,
): void {
  app.post('/auth/login', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: { message: LOGIN_MESSAGES.invalid } }, 400);
    }
    const parsed = credentials.safeParse(body);
    if (!parsed.success) return c.json({ error: { message: LOGIN_MESSAGES.invalid } }, 400);
    const result = await login(deps.db, {
      ...parsed.data,
      address: clientAddress(c, security),
      now: deps.now(),
      ...(deps.decoyCost ? { cost: deps.decoyCost } : {}),
    });
    if (!result.ok) {
      if (result.reason === 'throttled') {
        c.header('retry-after', '900');
        return c.json({ error: { message: LOGIN_MESSAGES.throttled } }, 429);
      }
      return c.json({ error: { message: LOGIN_MESSAGES.badCredentials } }, 401);
    }
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: isHttps(c, security),
    });
    const u = result.user;
    return c.json({
      user: {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        roleLabel: ROLE_LABELS[u.role],
        unit: u.unit,
        officer: u.officer,
      },
    });
  });

  app.post('/auth/logout', async (c) => {
    const token = cookieValue(c.req.header('cookie') ?? null, SESSION_COOKIE);
    if (token)
      await logout(deps.db, { token, now: deps.now(), address: clientAddress(c, security) });
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, security) });
    return c.json({ ok: true });
  });
}
