import { ReportScreen } from '@thads/ui';

export interface AppProps {
  /** Today, read once at start-up: the default working year and month. */
  today: Date;
}

/** The Cục management console: reports by unit, period, scope and officer. */
export function App({ today }: AppProps) {
  return (
    <>
      <header className="app-header">
        <h1>Bảng điều khiển thống kê thi hành án dân sự</h1>
        <p>Cục Thi hành án dân sự – quản lý số liệu các đơn vị</p>
      </header>
      <main>
        <ReportScreen variant="full" withOfficers today={today} />
      </main>
    </>
  );
}
