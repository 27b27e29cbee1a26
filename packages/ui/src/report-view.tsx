/**
 * A report as people read it: the period in words, every line of both measures with its Vietnamese
 * name, the rates and the findings. Presentational: it takes the report JSON (interfaces.md §5).
 */
import {
  LINE_LABELS_VI,
  classificationFilterTextVi,
  LINE_SYMBOLS,
  MONEY_LINE_CODES,
  describePeriod,
  type LineCode,
  type Measure,
  type ReportJson,
} from '@thads/domain';
import type { ReactNode } from 'react';
import { SCOPE_LABELS_VI, formatCount, formatMoney, formatRate } from './format.js';

const SOURCE_LABELS_VI: Readonly<Record<ReportJson['source'], string>> = {
  registry: 'sổ theo dõi việc thi hành án',
  aggregate: 'số liệu tổng hợp đã nhập',
};

const MEASURE_LABELS_VI = { cases: 'Về việc', money: 'Về tiền' } as const;
const SEVERITY_LABELS_VI: Readonly<Record<string, string>> = { error: 'Lỗi', warning: 'Cảnh báo' };

/** "12 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/09/2017". */
export function reportPeriodText(
  report: Pick<ReportJson, 'year' | 'month' | 'periodStart' | 'periodEnd'>,
): string {
  return describePeriod({
    year: report.year,
    month: report.month,
    start: report.periodStart,
    end: report.periodEnd,
  });
}

/**
 * Renders a number of a report line as a link to the cases behind it (the console passes one;
 * `text` is the number as shown). Only registry reports get links: an aggregate report has no cases.
 */
export type LineLinkRenderer = (
  target: { report: ReportJson; line: LineCode; measure: Measure },
  text: string,
) => ReactNode;

export interface ReportViewProps {
  report: ReportJson;
  /** The unit's name, when known (the report itself carries only the code). */
  unitName?: string;
  officerName?: string;
  /** `compact` drops the symbol column (the summary on a phone). */
  variant?: 'full' | 'compact';
  /** Makes every number of every line a link to its cases (registry reports only). */
  lineLink?: LineLinkRenderer;
}

function casesCell(report: ReportJson, code: LineCode): string | null {
  if (code === 'reduced') return null;
  return formatCount(report.cases[code]);
}

export function ReportView({
  report,
  unitName,
  officerName,
  variant = 'full',
  lineLink,
}: ReportViewProps) {
  const full = variant === 'full';
  const link = (line: LineCode, measure: Measure, text: string): ReactNode =>
    lineLink && report.source === 'registry' ? lineLink({ report, line, measure }, text) : text;
  const title = unitName ? `${unitName} (${report.unit})` : report.unit;
  const filters = classificationFilterTextVi(report);
  return (
    <article className="report" aria-labelledby="report-title">
      <header className="report-header">
        <h2 id="report-title">{title}</h2>
        <p className="report-period">Báo cáo {reportPeriodText(report)}</p>
        <p className="report-meta">
          {SCOPE_LABELS_VI[report.scope]}
          {report.officer !== null ? ` · Chấp hành viên: ${officerName ?? report.officer}` : ''}
          {filters ? ` · ${filters}` : ''}
          {' · '}Nguồn số liệu: {SOURCE_LABELS_VI[report.source]}
          {full ? ` · Chế độ báo cáo ${report.ruleSet}` : ''}
        </p>
      </header>

      <dl className="headline">
        <div>
          <dt>Tỷ lệ thi hành xong về việc</dt>
          <dd data-testid="rate-cases">{formatRate(report.cases.rate)}</dd>
        </div>
        <div>
          <dt>Tỷ lệ thi hành xong về tiền</dt>
          <dd data-testid="rate-money">{formatRate(report.money.rate)}</dd>
        </div>
        <div>
          <dt>Có điều kiện chuyển kỳ sau</dt>
          <dd>
            <span className="nowrap">{formatCount(report.cases.ableCarriedOver)} việc</span> ·{' '}
            <span className="nowrap">{formatMoney(report.money.ableCarriedOver)}</span>
          </dd>
        </div>
      </dl>

      <div className="table-scroll">
        <table className="report-table">
          <caption>Kết quả thi hành án dân sự về việc và về tiền</caption>
          <thead>
            <tr>
              <th scope="col">Chỉ tiêu</th>
              {full ? <th scope="col">Ký hiệu</th> : null}
              <th scope="col" className="num">
                Về việc
              </th>
              <th scope="col" className="num">
                Về tiền (đồng)
              </th>
            </tr>
          </thead>
          <tbody>
            {MONEY_LINE_CODES.map((code) => {
              const cases = casesCell(report, code);
              return (
                <tr key={code} data-line={code}>
                  <th scope="row">{LINE_LABELS_VI[code]}</th>
                  {full ? <td className="symbol">{LINE_SYMBOLS[code]}</td> : null}
                  <td className="num">
                    {cases === null ? (
                      <span aria-label="không áp dụng">×</span>
                    ) : (
                      link(code, 'cases', cases)
                    )}
                  </td>
                  <td className="num">{link(code, 'money', formatMoney(report.money[code]))}</td>
                </tr>
              );
            })}
          </tbody>
          <tbody className="rates">
            <tr data-line="rate">
              <th scope="row">Tỷ lệ thi hành xong</th>
              {full ? <td className="symbol">R</td> : null}
              <td className="num">{formatRate(report.cases.rate)}</td>
              <td className="num">{formatRate(report.money.rate)}</td>
            </tr>
            <tr data-line="carryOverChange">
              <th scope="row">Tăng, giảm có điều kiện chuyển kỳ sau so với cuối năm trước</th>
              {full ? <td className="symbol">Δ%</td> : null}
              <td className="num">{formatRate(report.cases.carryOverChange)}</td>
              <td className="num">{formatRate(report.money.carryOverChange)}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <section className="findings" aria-labelledby="findings-title">
        <h3 id="findings-title">Kết quả kiểm tra số liệu</h3>
        {report.validation.length === 0 ? (
          <p>Không phát hiện sai sót.</p>
        ) : (
          <ul>
            {report.validation.map((f, i) => (
              <li key={i} className={`finding finding-${f.severity}`}>
                <strong>
                  {SEVERITY_LABELS_VI[f.severity] ?? f.severity} {f.rule}
                </strong>{' '}
                ({MEASURE_LABELS_VI[f.measure]}): {f.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
