/**
 * Every unit of the city in one sortable table (the 30 Chi cục and the Cục's own office): the four
 * metrics against their targets, met or not, the rank, "đạt cả 4 chỉ tiêu" highlighted, the units at
 * risk flagged; the table as XLSX. Loaded on demand (its own chunk).
 */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@thads/ui';
import { Downloads } from '../components/Downloads.js';
import { SummaryTable } from '../components/SummaryTable.js';
import { periodLabel } from '../format.js';
import { usePeriod } from '../period.js';

export default function UnitsPage() {
  const trpc = useTRPC();
  const period = usePeriod();
  const table = useQuery(
    trpc.summary.table.queryOptions({ year: period.year, month: period.month }),
  );
  if (table.isError)
    return (
      <p role="alert" className="error">
        Không tải được bảng các đơn vị: {table.error.message}
      </p>
    );
  if (!table.data) return <p role="status">Đang tải bảng các đơn vị…</p>;
  const t = table.data;
  const allFour = t.rows.filter((r) => r.allFour).length;
  const atRisk = t.rows.filter((r) => r.atRisk.length > 0).length;
  return (
    <article className="units-page" aria-labelledby="units-title">
      <header className="subject-header">
        <h2 id="units-title">Các đơn vị – {t.subject.city.label}</h2>
        <p className="period-line">{periodLabel(t.year, t.month)}</p>
        <p className="verdict">
          <strong>
            {allFour}/{t.rows.length} đơn vị đạt cả 4 chỉ tiêu
          </strong>
          ; {atRisk} đơn vị có nguy cơ không đạt.
        </p>
      </header>
      <SummaryTable table={t} caption={`Kết quả các đơn vị – ${periodLabel(t.year, t.month)}`} />
      <Downloads subject={{}} period={period} withTable />
    </article>
  );
}
