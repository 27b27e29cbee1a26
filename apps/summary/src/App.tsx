import { AuthGate, UserMenu, type CurrentUser } from '@thads/ui';
import { Suspense, lazy } from 'react';
import { PeriodPicker, PeriodProvider, usePeriod } from './period.js';
import { SubjectPage } from './pages/SubjectPage.js';
import { BASE, Link, hrefOf, useLocation, type Location, type Route } from './router.js';

// Pages other than the overview load on demand: the first page carries only what it shows.
const UnitsPage = lazy(() => import('./pages/UnitsPage.js'));
const TrendsPage = lazy(() => import('./pages/TrendsPage.js'));
const ReportPage = lazy(() => import('./pages/ReportPage.js'));

/** Who may open the summary: the roles that see every unit (the server checks every call anyway). */
export const SUMMARY_ROLES: readonly string[] = ['admin', 'cuc_manager', 'leadership'];

export interface AppProps {
  /** Today, read once at start-up: the report page's default period. */
  today: Date;
  /** The URL to render on the server (tests); the browser's location otherwise. */
  serverHref?: string;
}

const NAV: readonly { label: string; route: Exclude<Route, { page: 'not-found' }> }[] = [
  { label: 'Tổng quan', route: { page: 'overview', subject: {} } },
  { label: 'Các đơn vị', route: { page: 'units' } },
  { label: 'Xu hướng', route: { page: 'trends', subject: {} } },
  { label: 'Báo cáo chi tiết', route: { page: 'report' } },
];

function Nav({ location }: { location: Location }) {
  const period = usePeriod();
  const current = location.route.page;
  return (
    <nav className="app-nav no-print" aria-label="Các trang">
      <ul>
        {NAV.map((item) => {
          const active =
            item.route.page === current &&
            (item.route.page !== 'overview' ||
              (location.route.page === 'overview' && location.route.subject.unit === undefined));
          return (
            <li key={item.label}>
              <Link
                href={hrefOf(item.route, period)}
                {...(active ? { 'aria-current': 'page' as const } : {})}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Page({ location, today }: { location: Location; today: Date }) {
  const route = location.route;
  switch (route.page) {
    case 'overview':
      return (
        <SubjectPage
          key={`${route.subject.unit ?? ''}/${route.subject.scope ?? ''}/${route.subject.officer ?? ''}`}
          subject={route.subject}
        />
      );
    case 'units':
      return <UnitsPage />;
    case 'trends':
      return <TrendsPage subject={route.subject} />;
    case 'report':
      return <ReportPage today={today} />;
    case 'not-found':
      return (
        <p role="alert" className="error">
          Không có trang này. <a href={BASE}>Về trang tổng quan</a>
        </p>
      );
  }
}

function Shell({
  user,
  today,
  serverHref,
}: {
  user: CurrentUser;
  today: Date;
  serverHref?: string;
}) {
  const location = useLocation(serverHref);
  return (
    <>
      <header className="app-header">
        <div>
          <h1>Tóm tắt kết quả thi hành án dân sự</h1>
          <p>Dành cho lãnh đạo – chỉ xem</p>
        </div>
        <UserMenu user={user} />
      </header>
      {SUMMARY_ROLES.includes(user.role) ? (
        <PeriodProvider location={location}>
          <Nav location={location} />
          <main>
            {location.route.page !== 'report' ? <PeriodPicker location={location} /> : null}
            <Suspense fallback={<p role="status">Đang tải trang…</p>}>
              <Page location={location} today={today} />
            </Suspense>
          </main>
        </PeriodProvider>
      ) : (
        <main>
          <p role="alert" className="error">
            Trang tóm tắt dành cho lãnh đạo và quản lý cấp Cục. Số liệu của đơn vị bạn có trong{' '}
            <a href="/console/">bảng điều khiển</a>.
          </p>
        </main>
      )}
    </>
  );
}

/**
 * The leadership summary: read-only, laid out for a phone first. Everyone signs in first; the
 * summary's read procedures answer the roles that see every unit.
 */
export function App({ today, serverHref }: AppProps) {
  return (
    <AuthGate title="Tóm tắt kết quả thi hành án dân sự" subtitle="Dành cho lãnh đạo – chỉ xem">
      {(user) => (
        <Shell user={user} today={today} {...(serverHref !== undefined ? { serverHref } : {})} />
      )}
    </AuthGate>
  );
}
