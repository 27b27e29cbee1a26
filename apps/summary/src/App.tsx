import { ReportScreen } from '@thads/ui';

export interface AppProps {
  /** Today, read once at start-up: the default working year and month. */
  today: Date;
}

/** The leadership summary: read-only, laid out for a phone first. */
export function App({ today }: AppProps) {
  return (
    <>
      <header className="app-header">
        <h1>Tóm tắt kết quả thi hành án dân sự</h1>
        <p>Dành cho lãnh đạo – chỉ xem</p>
      </header>
      <main>
        <ReportScreen variant="compact" today={today} />
      </main>
    </>
  );
}
