/**
 * Signing in and out in both apps. The session lives in an httpOnly cookie the server sets at
 * POST /auth/login (same origin; the Vite dev servers proxy /auth and /trpc); the apps never see
 * the token. `auth.me` says who is signed in; the gate shows the login form until someone is.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC, type RouterOutputs } from './trpc.js';

export type CurrentUser = NonNullable<RouterOutputs['auth']['me']>;

/** The signed-in account (undefined while loading, null for nobody). */
export function useCurrentUser(): {
  user: CurrentUser | null | undefined;
  error: { message: string } | null;
} {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 30_000 });
  return { user: me.isPending ? undefined : (me.data ?? null), error: me.error };
}

/** The messages the login form shows, by the server's answer. */
export const LOGIN_ERRORS = {
  401: 'Sai tên đăng nhập hoặc mật khẩu.',
  429: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút (tối đa 15 phút) hoặc liên hệ quản trị hệ thống.',
  other: 'Không đăng nhập được: máy chủ không trả lời. Vui lòng thử lại.',
} as const;

/** POST /auth/login; resolves to null on success, else the Vietnamese message to show. */
export async function postLogin(username: string, password: string): Promise<string | null> {
  try {
    const res = await fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ username, password }),
    });
    if (res.ok) return null;
    if (res.status === 401) return LOGIN_ERRORS[401];
    if (res.status === 429) return LOGIN_ERRORS[429];
    return LOGIN_ERRORS.other;
  } catch {
    return LOGIN_ERRORS.other;
  }
}

export interface LoginFormProps {
  /** The app's name above the form. */
  title: string;
  /** A line under the title (who the app is for). */
  subtitle?: string;
}

/** The login page: username, password, and the server's refusal in Vietnamese. */
export function LoginForm({ title, subtitle }: LoginFormProps) {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const failure = await postLogin(username, password);
    setBusy(false);
    if (failure) {
      setError(failure);
      setPassword('');
      return;
    }
    // Nothing cached from before belongs to this account: every answer is dropped, and the active
    // queries (auth.me first) are asked again.
    await queryClient.resetQueries();
  };

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{title}</h1>
        {subtitle ? <p className="login-subtitle">{subtitle}</p> : null}
        <h2>Đăng nhập</h2>
        <label>
          Tên đăng nhập
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Mật khẩu
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}

export interface AuthGateProps extends LoginFormProps {
  /** What a signed-in user sees. */
  children: (user: CurrentUser) => ReactNode;
}

/** Shows the login form until someone is signed in, then `children(user)`. */
export function AuthGate({ children, ...login }: AuthGateProps) {
  const { user, error } = useCurrentUser();
  if (user === undefined) {
    if (error)
      return (
        <p role="alert" className="error">
          Không kết nối được máy chủ: {error.message}
        </p>
      );
    return <p role="status">Đang tải…</p>;
  }
  if (user === null) return <LoginForm {...login} />;
  return <>{children(user)}</>;
}

/** Ends the session (POST /auth/logout) and drops every cached answer. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
    } finally {
      await queryClient.resetQueries();
    }
  };
}

/** Who is signed in, with the role, and the logout button: for the apps' headers. */
export function UserMenu({ user, children }: { user: CurrentUser; children?: ReactNode }) {
  const logout = useLogout();
  const where = user.officer ? ` · ${user.officer}` : user.unit ? ` · ${user.unit}` : '';
  return (
    <div className="user-menu">
      <span className="user-name" data-testid="current-user">
        {user.displayName}{' '}
        <span className="user-role">
          ({user.roleLabel}
          {where})
        </span>
      </span>
      {children}
      <button type="button" className="link-button" onClick={() => void logout()}>
        Đăng xuất
      </button>
    </div>
  );
}

/** Changing one's own password: the current one, the new one twice. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next !== again);
    if (next !== again) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setAgain('');
        },
      },
    );
  };

  return (
    <form className="panel-form" onSubmit={submit} aria-labelledby="change-password-title">
      <h2 id="change-password-title">Đổi mật khẩu</h2>
      <label>
        Mật khẩu hiện tại
        <input
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label>
        Mật khẩu mới (ít nhất 8 ký tự)
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <label>
        Nhập lại mật khẩu mới
        <input
          type="password"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
      </label>
      {mismatch ? (
        <p role="alert" className="error">
          Hai lần nhập mật khẩu mới không khớp.
        </p>
      ) : change.isError ? (
        <p role="alert" className="error">
          {change.error.message}
        </p>
      ) : change.isSuccess ? (
        <p role="status" className="success">
          Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.
        </p>
      ) : null}
      <button type="submit" disabled={change.isPending}>
        Đổi mật khẩu
      </button>
    </form>
  );
}
