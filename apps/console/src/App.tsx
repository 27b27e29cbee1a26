import { AuthGate } from '@thads/ui';
import { Route, Routes } from 'react-router';
import { ROUTES, type ConsoleRoute } from './routes/index.js';
import { Shell } from './Shell.js';

export interface AppProps {
  /** Today, read once at start-up: the default working year and month. */
  today: Date;
  /** The pages (default: every page of routes/index.ts). */
  routes?: readonly ConsoleRoute[];
}

/**
 * The Cục management console: the login form until someone signs in, then the shell with the
 * pages of routes/index.ts. Rendered inside a router (BrowserRouter under /console in main.tsx).
 */
export function App({ today, routes = ROUTES }: AppProps) {
  return (
    <AuthGate
      title="Bảng điều khiển thống kê thi hành án dân sự"
      subtitle="Cục Thi hành án dân sự – quản lý số liệu các đơn vị"
    >
      {(user) => (
        <Routes>
          <Route element={<Shell user={user} routes={routes} />}>
            {routes.map((r) => (
              <Route
                key={r.path}
                {...(r.path === '' ? { index: true } : { path: r.path })}
                element={
                  r.roles.includes(user.role) ? (
                    r.render({ today, user })
                  ) : (
                    <p role="alert" className="error">
                      Tài khoản của bạn không có quyền mở trang này.
                    </p>
                  )
                }
              />
            ))}
            <Route
              path="*"
              element={
                <p role="alert" className="error">
                  Không có trang này.
                </p>
              }
            />
          </Route>
        </Routes>
      )}
    </AuthGate>
  );
}
