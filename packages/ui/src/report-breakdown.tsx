/**
 * A report broken down by a classification dimension (issue 7): for each line of both measures,
 * the figure of every bucket and of the whole, side by side. For a partition the note says that
 * the buckets add up to the whole on every line; for `flags` (a case with several flags is in
 * several buckets) it says they may add up to more. Presentational: it takes `reports.breakdown`.
 */
import {
  LINE_LABELS_VI,
  MONEY_LINE_CODES,
  type LineCode,
  type Measure,
  type ReportJson,
} from '@thads/domain';
import type { ReactNode } from 'react';
import { formatCount, formatMoney, formatRate } from './format.js';
import type { LineLinkRenderer } from './report-view.js';

export interface BreakdownJson {
  dimension: string;
  label: string;
  partition: boolean;
  total: ReportJson;
  buckets: { key: string; label: string; report: ReportJson }[];
}

const MEASURES: readonly { measure: Measure; title: string }[] = [
  { measure: 'cases', title: 'Về việc' },
  { measure: 'money', title: 'Về tiền (đồng)' },
];

function cell(report: ReportJson, measure: Measure, code: LineCode): string | null {
  if (measure === 'cases') return code === 'reduced' ? null : formatCount(report.cases[code]);
  return formatMoney(report.money[code]);
}

export function BreakdownView({
  breakdown,
  lineLink,
}: {
  breakdown: BreakdownJson;
  lineLink?: LineLinkRenderer;
}) {
  const columns = [
    ...breakdown.buckets.map((b) => ({ key: b.key, label: b.label, report: b.report })),
    { key: '__total__', label: 'Tổng số', report: breakdown.total },
  ];
  const link = (report: ReportJson, line: LineCode, measure: Measure, text: string): ReactNode =>
    lineLink && report.source === 'registry' ? lineLink({ report, line, measure }, text) : text;
  return (
    <section className="report-breakdown" aria-labelledby="breakdown-title">
      <h3 id="breakdown-title">
        Phân tách {breakdown.label.charAt(0).toLowerCase() + breakdown.label.slice(1)}
      </h3>
      <p className="breakdown-note" data-testid="breakdown-note">
        {breakdown.partition
          ? 'Mỗi việc thuộc đúng một nhóm: các nhóm (kể cả "Chưa phân loại") cộng lại bằng tổng số ở mọi dòng.'
          : 'Một việc có nhiều dấu hiệu được tính ở nhóm của từng dấu hiệu, nên các nhóm có thể cộng lại nhiều hơn tổng số; muốn các nhóm cộng lại bằng tổng, chọn phân tách có / không có một dấu hiệu.'}
      </p>
      {MEASURES.map(({ measure, title }) => (
        <div className="table-scroll" key={measure}>
          <table className="report-table breakdown-table" data-measure={measure}>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Chỉ tiêu</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="num">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {MONEY_LINE_CODES.filter((code) => measure === 'money' || code !== 'reduced').map(
                (code) => (
                  <tr key={code} data-line={code}>
                    <th scope="row">{LINE_LABELS_VI[code]}</th>
                    {columns.map((c) => {
                      const text = cell(c.report, measure, code);
                      return (
                        <td key={c.key} className="num" data-bucket={c.key}>
                          {text === null ? '×' : link(c.report, code, measure, text)}
                        </td>
                      );
                    })}
                  </tr>
                ),
              )}
              <tr data-line="rate">
                <th scope="row">Tỷ lệ thi hành xong</th>
                {columns.map((c) => (
                  <td key={c.key} className="num" data-bucket={c.key}>
                    {formatRate(c.report[measure].rate)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
