/**
 * The reports of a period, every unit the account sees (statistics.md §10): status (not started,
 * draft, submitted, returned, approved), deadline (day 3 for a Chi cục, day 6 for the Cục, local
 * date in Hà Nội), the first submission and whether it was on time; each row links to the
 * report's workflow page.
 */
import './workflow.css';
import { skipToken, useQuery } from '@tanstack/react-query';
import {
  REPORT_STATUS_LABELS_VI,
  TIMELINESS_LABELS_VI,
  type ReportWorkflowStatus,
} from '@thads/domain';
import { useTRPC, workingPeriodOf } from '@thads/ui';
import { Link, useSearchParams } from 'react-router';
import { PeriodControls, useUnits, validYear, type PeriodValue } from './controls.js';
import {
  formatDate,
  formatLocalTime,
  intParam,
  periodLabel,
  statusLabel,
  timelinessLabel,
} from './format.js';

const STATUS_ORDER: readonly ReportWorkflowStatus[] = [
  'not_started',
  'draft',
  'submitted',
  'returned',
  'approved',
];

export function StatusBoardPage({ today }: { today: Date }) {
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const initial = workingPeriodOf(today);
  const period: PeriodValue = {
    unit: '',
    yearText: params.get('year') ?? String(initial.year),
    month: intParam(params.get('month'), initial.month, 1, 12),
    scope: 'total',
  };
  const year = validYear(period.yearText);
  const trpc = useTRPC();
  const board = useQuery(
    trpc.workflow.board.queryOptions(year === null ? skipToken : { year, month: period.month }),
  );
  const rows = board.data ?? [];
  const counts = STATUS_ORDER.map((s) => [s, rows.filter((r) => r.status === s).length] as const);
  const late = rows.filter((r) => r.timeliness === 'late' || r.timeliness === 'overdue').length;
  return (
    <section className="workflow-pages" aria-labelledby="board-title">
      <h2 id="board-title">Tình trạng gửi báo cáo</h2>
      <PeriodControls
        units={units}
        value={period}
        withUnit={false}
        withScope={false}
        onChange={(next) =>
          setParams({ year: next.yearText, month: String(next.month) }, { replace: true })
        }
      />
      {board.isPending && year !== null ? <p role="status">Đang tải…</p> : null}
      {board.isError ? (
        <p role="alert" className="error">
          {board.error.message}
        </p>
      ) : null}
      {board.data && year !== null ? (
        <>
          <p data-testid="board-summary">
            {`Báo cáo ${periodLabel(year, period.month)}: `}
            {counts.map(([s, n]) => `${REPORT_STATUS_LABELS_VI[s]} ${n}`).join(' · ')}
            {` · Trễ hoặc quá hạn ${late}`}
          </p>
          <div className="table-scroll">
            <table className="data-table" data-testid="status-board">
              <caption>{`Hạn gửi: ngày 3 tháng sau kỳ báo cáo (Chi cục), ngày 6 (Cục), theo giờ Hà Nội`}</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Báo cáo</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Hạn gửi</th>
                  <th scope="col">Gửi lần đầu</th>
                  <th scope="col">Đúng hạn</th>
                  <th scope="col">Phiên bản</th>
                </tr>
              </thead>
              <tbody>
                {board.data.map((r) => (
                  <tr key={`${r.unit}/${r.scope}`} data-unit={r.unit} data-scope={r.scope}>
                    <th scope="row">
                      <Link
                        to={`/quy-trinh-bao-cao?unit=${encodeURIComponent(r.unit)}&year=${year}&month=${period.month}&scope=${r.scope}`}
                      >
                        {`${r.unitName} (${r.unit})`}
                      </Link>
                    </th>
                    <td>
                      {r.scope === 'own' ? 'Văn phòng' : r.hasChildren ? 'Toàn đơn vị' : 'Đơn vị'}
                    </td>
                    <td>{statusLabel(r.status)}</td>
                    <td>{formatDate(r.deadline)}</td>
                    <td>{r.firstSubmittedAt ? formatLocalTime(r.firstSubmittedAt) : '–'}</td>
                    <td
                      className={
                        r.timeliness === 'late' || r.timeliness === 'overdue' ? 'error' : undefined
                      }
                    >
                      {timelinessLabel(r.timeliness)}
                    </td>
                    <td>{r.currentVersion === 0 ? '–' : r.currentVersion}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{`Chú thích: ${Object.values(TIMELINESS_LABELS_VI).join(', ')}.`}</p>
        </>
      ) : null}
    </section>
  );
}
