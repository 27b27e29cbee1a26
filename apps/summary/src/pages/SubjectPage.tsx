/**
 * The page of the city (the overview), of a unit or of an officer: the four metrics against their
 * targets, then what lies under it: for the city, the units that need attention (the whole table is
 * the "Các đơn vị" page); for a unit, its officers; for an officer, its figures of the month.
 * Breadcrumbs lead back up: city → unit → officer.
 */
import { useQuery } from '@tanstack/react-query';
import { formatViDate, metCountLabelVi, formatViInteger, type UnitMetric } from '@thads/domain';
import { useTRPC, type RouterOutputs } from '@thads/ui';
import { Downloads } from '../components/Downloads.js';
import { MetricCard } from '../components/MetricCard.js';
import { SummaryTable } from '../components/SummaryTable.js';
import { SHORT_LABELS, UNIT_METRICS, measureOf, money, periodLabel } from '../format.js';
import { usePeriod } from '../period.js';
import { Link, hrefOf, type SubjectRef } from '../router.js';

type Overview = RouterOutputs['summary']['overview'];
type Table = RouterOutputs['summary']['table'];

function Breadcrumbs({ overview }: { overview: Overview }) {
  const period = usePeriod();
  const { subject } = overview;
  const trail: { label: string; ref: SubjectRef }[] = [];
  if (!subject.isCity) trail.push({ label: subject.city.label, ref: {} });
  const parent = subject.parent;
  if (parent && !(parent.unit === subject.city.code && parent.scope === 'total'))
    trail.push({
      label: parent.label,
      ref: { unit: parent.unit, ...(parent.scope === 'own' ? { scope: 'own' as const } : {}) },
    });
  if (trail.length === 0) return null;
  return (
    <nav className="breadcrumbs" aria-label="Vị trí">
      <ol>
        {trail.map((t) => (
          <li key={t.label}>
            <Link href={hrefOf({ page: 'overview', subject: t.ref }, period)}>{t.label}</Link>
          </li>
        ))}
        <li aria-current="page">{subject.label}</li>
      </ol>
    </nav>
  );
}

/** The city's units that need attention: not all four met, or at risk; the lowest ranked first. */
function UnitsAtAGlance({ table }: { table: Table }) {
  const period = usePeriod();
  const all = table.rows.length;
  const allFour = table.rows.filter((r) => r.allFour).length;
  const atRisk = table.rows.filter((r) => r.atRisk.length > 0);
  const attention = [...table.rows]
    .filter((r) => !r.allFour || r.atRisk.length > 0)
    .sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0));
  const shown = attention.slice(0, 5);
  return (
    <section className="panel" aria-labelledby="glance-title" data-testid="units-glance">
      <h3 id="glance-title">Các đơn vị</h3>
      <p>
        <strong data-field="all-four">
          {allFour}/{all} đơn vị đạt cả 4 chỉ tiêu
        </strong>
        ; <strong data-field="at-risk">{atRisk.length} đơn vị có nguy cơ không đạt</strong> (dự báo
        cuối năm).
      </p>
      {shown.length > 0 ? (
        <>
          <p>Cần chú ý (xếp hạng thấp nhất trước):</p>
          <ul className="attention-list">
            {shown.map((r) => (
              <li key={`${r.code}/${r.scope}`}>
                <Link
                  href={hrefOf(
                    {
                      page: 'overview',
                      subject: {
                        unit: r.unit,
                        ...(r.scope === 'own' ? { scope: 'own' as const } : {}),
                      },
                    },
                    period,
                  )}
                >
                  {r.name}
                </Link>{' '}
                <span className="muted">
                  hạng {r.rank}, đạt {r.metCount}/4
                  {r.atRisk.length > 0
                    ? `; nguy cơ: ${r.atRisk.map((m) => SHORT_LABELS[m]).join(', ')}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
          {attention.length > shown.length ? (
            <p className="muted">và {attention.length - shown.length} đơn vị khác.</p>
          ) : null}
        </>
      ) : null}
      <p>
        <Link href={hrefOf({ page: 'units' }, period)}>Xem bảng tất cả đơn vị</Link>
      </p>
    </section>
  );
}

function Monthly({ overview }: { overview: Overview }) {
  const monthly = overview.monthly;
  if (!monthly) return null;
  const count = (v: string | null) => (v === null ? '–' : `${formatViInteger(BigInt(v))} việc`);
  return (
    <section className="panel" aria-labelledby="monthly-title" data-testid="monthly">
      <h3 id="monthly-title">Kết quả riêng tháng {overview.month}</h3>
      <dl className="pairs">
        <div>
          <dt>Số việc thi hành xong</dt>
          <dd>
            {count(monthly.casesCompleted.value)} (chỉ tiêu tháng:{' '}
            {count(monthly.casesCompleted.target)})
          </dd>
        </div>
        <div>
          <dt>Số tiền thi hành xong</dt>
          <dd>
            {money(monthly.moneyCompleted.value)} (chỉ tiêu tháng:{' '}
            {money(monthly.moneyCompleted.target)})
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function SubjectPage({ subject }: { subject: SubjectRef }) {
  const trpc = useTRPC();
  const period = usePeriod();
  const input = { year: period.year, month: period.month, ...subject };
  const overview = useQuery(trpc.summary.overview.queryOptions(input));
  const hasTable = subject.officer === undefined;
  const { officer: _officer, ...tableInput } = input;
  const table = useQuery(trpc.summary.table.queryOptions(tableInput, { enabled: hasTable }));

  if (overview.isError)
    return (
      <p role="alert" className="error">
        Không tải được số liệu: {overview.error.message}
      </p>
    );
  if (!overview.data) return <p role="status">Đang tải số liệu…</p>;
  const o = overview.data;
  const atRisk = o.atRisk.length;
  return (
    <article className="subject-page" aria-labelledby="subject-title" data-unit={o.subject.unit}>
      <Breadcrumbs overview={o} />
      <header className="subject-header">
        <h2 id="subject-title">{o.subject.label}</h2>
        {o.subject.isCity || o.subject.officer !== null ? (
          <p className="muted">{o.subject.unitName}</p>
        ) : null}
        <p className="period-line" data-testid="period-line">
          {periodLabel(o.year, o.month)}: từ {formatViDate(o.periodStart)} đến{' '}
          {formatViDate(o.periodEnd)}
          {o.source === 'aggregate' ? ' (số liệu tổng hợp)' : ''}
        </p>
        <p className={`verdict${o.allFour ? ' all-four' : ''}`} data-testid="verdict">
          <strong>{metCountLabelVi(o.metCount)}</strong>
          {atRisk > 0 ? `; ${atRisk} chỉ tiêu có nguy cơ không đạt cuối năm` : ''}
        </p>
      </header>
      <div className="metric-grid">
        {UNIT_METRICS.map((metric: UnitMetric) => (
          <MetricCard
            key={metric}
            metric={metric}
            m={o.metrics[metric]}
            figures={o.figures[measureOf(metric)]}
            month={o.month}
          />
        ))}
      </div>
      <p className="table-note">
        Trên mỗi thanh: phần tô là kết quả, vạch xanh là tiến độ đến tháng {o.month}, vạch đen là
        chỉ tiêu cả năm. Tiền tính bằng tỷ đồng, làm tròn một chữ số thập phân.
      </p>
      <Monthly overview={o} />
      {hasTable ? (
        table.isError ? (
          <p role="alert" className="error">
            Không tải được bảng: {table.error.message}
          </p>
        ) : !table.data ? (
          <p role="status">Đang tải bảng…</p>
        ) : o.subject.isCity ? (
          <UnitsAtAGlance table={table.data} />
        ) : (
          <section className="panel" aria-labelledby="table-title">
            <h3 id="table-title">
              {table.data.kind === 'units' ? 'Các đơn vị' : 'Các chấp hành viên'}
            </h3>
            <SummaryTable
              table={table.data}
              caption={`${table.data.kind === 'units' ? 'Các đơn vị' : 'Các chấp hành viên'} – ${periodLabel(o.year, o.month)}`}
            />
          </section>
        )
      ) : null}
      <p className="no-print">
        <Link href={hrefOf({ page: 'trends', subject }, period)}>Xem xu hướng theo tháng</Link>
      </p>
      <Downloads subject={subject} period={period} withTable={hasTable} />
    </article>
  );
}
