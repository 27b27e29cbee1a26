/**
 * The console's frame around every page: the header with the signed-in account and logout, the
 * navigation (the pages the account's role may open), and the page itself.
 */
import { UserMenu, type CurrentUser } from '@thads/ui';
import { NavLink, Outlet } from 'react-router';
import type { ConsoleRoute } from './routes/index.js';

export interface ShellProps {
  user: CurrentUser;
  routes: readonly ConsoleRoute[];
}

/** The routes whose link `user` sees, in order. */
export function navigationFor(routes: readonly ConsoleRoute[], user: CurrentUser): ConsoleRoute[] {
  return routes.filter((r) => r.nav !== undefined && r.roles.includes(user.role));
}

export function Shell({ user, routes }: ShellProps) {
  return (
    <>
      <header className="app-header">
        <div>
          <h1>Bảng điều khiển thống kê thi hành án dân sự</h1>
          <p>Cục Thi hành án dân sự – quản lý số liệu các đơn vị</p>
        </div>
        <UserMenu user={user} />
      </header>
      <nav className="app-nav no-print" aria-label="Các trang">
        <ul>
          {navigationFor(routes, user).map((r) => (
            <li key={r.path}>
              <NavLink to={`/${r.path}`} end>
                {r.nav}
                {r.navBadge ? r.navBadge({ user }) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <Outlet />
      </main>
    </>
  );
}
