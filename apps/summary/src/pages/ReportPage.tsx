/**
 * Every line of one report (the shared report screen of @thads/ui), for a leader who wants the
 * detail behind the summary. Loaded on demand (its own chunk).
 */
import { ReportScreen } from '@thads/ui';

export default function ReportPage({ today }: { today: Date }) {
  return (
    <article aria-labelledby="report-page-title">
      <h2 id="report-page-title">Báo cáo chi tiết</h2>
      <ReportScreen variant="compact" today={today} />
    </article>
  );
}
