import { AuthGate, ReportScreen, UserMenu } from '@thads/ui';

export interface AppProps {
  /** Today, read once at start-up: the default working year and month. */
  today: Date;
}

/**
 * The leadership summary: read-only, laid out for a phone first. Everyone signs in first; the
 * server shows each account only the units it may see.
 */
export function App({ today }: AppProps) {
  return (
    <AuthGate title="Tóm tắt kết quả thi hành án dân sự" subtitle="Dành cho lãnh đạo – chỉ xem">
      {(user) => (
        <>
          <header className="app-header">
            <div>
              <h1>Tóm tắt kết quả thi hành án dân sự</h1>
              <p>Dành cho lãnh đạo – chỉ xem</p>
            </div>
            <UserMenu user={user} />
          </header>
          <main>
            <ReportScreen variant="compact" today={today} />
          </main>
        </>
      )}
    </AuthGate>
  );
}
