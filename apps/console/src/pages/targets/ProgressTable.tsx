/**
 * One progress object (interfaces.md §8) as a table: per metric the value, the target, the gap, the
 * straight-line pace, the forecast of month 12 and the verdicts; then "đạt cả 4 chỉ tiêu".
 */
import type { ProgressJson } from '@thads/domain';
import {
  METRIC_LABELS_VI,
  OFFICER_METRICS,
  UNIT_METRICS,
  formatGap,
  formatMet,
  formatMetricValue,
  formatOnTrack,
  formatVsPace,
} from './format.js';

export interface ProgressTableProps {
  progress: ProgressJson;
  /** The table's caption, e.g. the unit's or the officer's name. */
  caption: string;
}

export function ProgressTable({ progress, caption }: ProgressTableProps) {
  const metrics = [
    ...UNIT_METRICS,
    ...OFFICER_METRICS.filter((m) => progress.metrics[m] !== undefined),
  ];
  const final = progress.month === 12;
  return (
    <div className="progress-block">
      <table
        className="progress-table"
        data-unit={progress.unit}
        data-officer={progress.officer ?? ''}
      >
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Chỉ tiêu</th>
            <th scope="col">Kết quả</th>
            <th scope="col">Chỉ tiêu giao</th>
            <th scope="col">So với chỉ tiêu cả năm</th>
            <th scope="col">Tiến độ đến tháng {progress.month}</th>
            <th scope="col">So với tiến độ</th>
            <th scope="col">Dự báo tháng 12</th>
            <th scope="col">Đánh giá</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((metric) => {
            const m = progress.metrics[metric]!;
            const monthly = !(UNIT_METRICS as readonly string[]).includes(metric);
            return (
              <tr key={metric} data-metric={metric}>
                <th scope="row">
                  {METRIC_LABELS_VI[metric]}
                  {monthly ? ` (tháng ${progress.month})` : ''}
                </th>
                <td className="num">{formatMetricValue(metric, m.value)}</td>
                <td className="num">
                  {formatMetricValue(metric, m.target)}
                  {m.provisional ? <span className="badge">tạm tính</span> : null}
                </td>
                <td>{formatGap(metric, m.gapPoints)}</td>
                <td className="num">{formatMetricValue(metric, m.pace)}</td>
                <td>{formatVsPace(m.vsPacePoints)}</td>
                <td className="num">{formatMetricValue(metric, m.forecast)}</td>
                <td>
                  {`${formatMet(m.met)}${!final && m.onTrack !== null ? ` · ${formatOnTrack(m.onTrack)}` : ''}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p
        className={`all-four ${progress.allFour ? 'ok' : 'not-ok'}`}
        data-all-four={progress.allFour}
      >
        {final
          ? progress.allFour
            ? 'Đạt cả 4 chỉ tiêu.'
            : 'Chưa đạt cả 4 chỉ tiêu.'
          : progress.allFour
            ? `Đến tháng ${progress.month}: đang đạt cả 4 chỉ tiêu.`
            : `Đến tháng ${progress.month}: chưa đạt cả 4 chỉ tiêu.`}
      </p>
    </div>
  );
}
