/**
 * Trends: the cumulative case and money rates month by month this working year, against last year
 * and against the straight pace line of the target, for the city, a unit or an officer. Loaded on
 * demand (its own chunk), with the charts.
 */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@thads/ui';
import { RateChart } from '../components/RateChart.js';
import { periodLabel } from '../format.js';
import { usePeriod } from '../period.js';
import { Link, hrefOf, type SubjectRef } from '../router.js';

export default function TrendsPage({ subject }: { subject: SubjectRef }) {
  const trpc = useTRPC();
  const period = usePeriod();
  const trends = useQuery(
    trpc.summary.trends.queryOptions({ year: period.year, month: period.month, ...subject }),
  );
  if (trends.isError)
    return (
      <p role="alert" className="error">
        Không tải được xu hướng: {trends.error.message}
      </p>
    );
  if (!trends.data) return <p role="status">Đang tải xu hướng…</p>;
  const t = trends.data;
  return (
    <article className="trends-page" aria-labelledby="trends-title">
      <header className="subject-header">
        <h2 id="trends-title">Xu hướng – {t.subject.label}</h2>
        <p className="period-line">Lũy kế từng tháng đến {periodLabel(t.year, t.month)}</p>
      </header>
      <div className="chart-grid">
        <RateChart
          title="Tỷ lệ thi hành xong về việc"
          curve={t.caseRate}
          year={t.year}
          month={t.month}
        />
        <RateChart
          title="Tỷ lệ thi hành xong về tiền"
          curve={t.moneyRate}
          year={t.year}
          month={t.month}
        />
      </div>
      <p className="no-print">
        <Link href={hrefOf({ page: 'overview', subject }, period)}>Về trang {t.subject.label}</Link>
      </p>
    </article>
  );
}
