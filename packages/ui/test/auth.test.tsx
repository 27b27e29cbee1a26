import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOGIN_ERRORS, LoginForm, postLogin } from '../src/auth.js';

describe('login', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the form asks for the username and password, in Vietnamese', () => {
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <LoginForm title="Bảng điều khiển" subtitle="Cục THADS" />
      </QueryClientProvider>,
    );
    expect(html).toContain('<h1 id="login-title">Bảng điều khiển</h1>');
    expect(html).toContain('Tên đăng nhập');
    expect(html).toContain('type="password"');
    expect(html).toContain('type="submit"');
  });

  it('posts JSON to /auth/login and turns each refusal into its message', async () => {
    const calls: [string, RequestInit][] = [];
    let status = 200;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return new Response('{}', { status });
    });
    expect(await postLogin('admin', 'admin-demo')).toBeNull();
    expect(calls[0]![0]).toBe('/auth/login');
    expect(calls[0]![1]).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(calls[0]![1].body as string)).toEqual({
      username: 'admin',
      password: 'admin-demo',
    });
    status = 401;
    expect(await postLogin('admin', 'sai')).toBe(LOGIN_ERRORS[401]);
    status = 429;
    expect(await postLogin('admin', 'sai')).toBe(LOGIN_ERRORS[429]);
    status = 500;
    expect(await postLogin('admin', 'sai')).toBe(LOGIN_ERRORS.other);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('network');
    });
    expect(await postLogin('admin', 'sai')).toBe(LOGIN_ERRORS.other);
  });
});
