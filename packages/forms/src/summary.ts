/**
 * The leadership summary as documents (issue 11): the page as a PDF (summary-pdf.ts) and the table
 * of units (or officers) as an XLSX workbook (summary-xlsx.ts). Independent of the database: the
 * caller resolves the figures; this module says how each is printed, in Vietnamese (vi-VN).
 */
import {
  TARGET_METRIC_LABELS_VI,
  UNIT_METRIC_SHORT_LABELS_VI,
  describeChangePercentVi,
  describeGapVi,
  describePaceVi,
  describePointsVi,
  describePeriod,
  formatViBillionDong,
  formatViInteger,
  formatViPercent,
  metCountLabelVi,
  metLabelVi,
  onTrackLabelVi,
  type Centi,
  type IsoDate,
  type MetricComparison,
  type MetricProgress,
  type Period,
  type UnitMetric,
} from '@thads/domain';

/** One of the four metrics: where it stands (interfaces.md §8) and the same period last year. */
export interface SummaryMetric extends MetricProgress, MetricComparison {
  metric: UnitMetric;
}

/** A count or an amount behind the metrics, now and at the same period last year. */
export interface SummaryFigure {
  label: string;
  kind: 'count' | 'money';
  value: bigint | null;
  lastYear: bigint | null;
  changePercent: Centi | null;
}

/** A metric in a row of the table. */
export type SummaryCell = Pick<
  MetricProgress,
  'value' | 'target' | 'provisional' | 'met' | 'forecast' | 'onTrack'
>;

/** One unit (or officer) of the table. */
export interface SummaryTableRow {
  /** Null for a row outside the ranking (the city's total). */
  rank: number | null;
  code: string;
  name: string;
  metrics: Readonly<Record<UnitMetric, SummaryCell>>;
  metCount: number;
  allFour: boolean;
  atRisk: readonly UnitMetric[];
  /** Printed in bold (the total). */
  emphasis?: boolean;
}

export interface SummaryTable {
  /** "Các đơn vị" or "Các chấp hành viên". */
  title: string;
  /** Heading of the name column: "Đơn vị" or "Chấp hành viên". */
  rowHeading: string;
  rows: readonly SummaryTableRow[];
}

export interface SummaryDocument {
  /** Who the page is about: "Toàn thành phố – Cục Thi hành án dân sự thành phố Hà Nội (HN)". */
  subject: string;
  period: Period;
  /** The export date, passed in (nothing here reads the clock). */
  date: IsoDate;
  /** Place of the date line, e.g. "Hà Nội". */
  place: string;
  metrics: readonly SummaryMetric[];
  metCount: number;
  allFour: boolean;
  figures: readonly SummaryFigure[];
  table: SummaryTable | null;
}

export const SUMMARY_TITLE = 'TÓM TẮT KẾT QUẢ THI HÀNH ÁN DÂN SỰ';
export const RANKING_NOTE =
  'Xếp hạng: nhiều chỉ tiêu đạt hơn xếp trước; bằng nhau thì tỷ lệ về việc cao hơn, rồi tỷ lệ về tiền cao hơn.';
export const MARKS_NOTE =
  '✓ đạt chỉ tiêu; ✗ chưa đạt; ⚠ dự báo cuối năm không đạt (nguy cơ); CT: chỉ tiêu được giao.';

/** "37,50 %", "–". */
export function percentText(value: Centi | null): string {
  return formatViPercent(value);
}

/** A target with its provisional mark: "40,00 %", "40,00 % (tạm tính)", "Chưa giao". */
export function targetText(target: Centi | null, provisional: boolean): string {
  if (target === null) return 'Chưa giao';
  return `${formatViPercent(target)}${provisional ? ' (tạm tính)' : ''}`;
}

/** A count in plain numbers, an amount in tỷ đồng; "–" when unknown. */
export function figureText(kind: SummaryFigure['kind'], value: bigint | null): string {
  if (value === null) return '–';
  return kind === 'money' ? formatViBillionDong(value) : formatViInteger(value);
}

/** ✓, ✗, or nothing (not evaluable). */
export function metMark(met: boolean | null): string {
  return met === null ? '' : met ? '✓' : '✗';
}

/** The printed lines of one metric of the page. */
export function metricTexts(m: SummaryMetric): {
  label: string;
  value: string;
  target: string;
  met: string;
  pace: string;
  forecast: string;
  lastYear: string;
} {
  return {
    label: TARGET_METRIC_LABELS_VI[m.metric],
    value: percentText(m.value),
    target: targetText(m.target, m.provisional),
    met: `${metLabelVi(m.met)}${m.gapPoints !== null ? `\n${describeGapVi(m.gapPoints)}` : ''}`,
    pace: m.pace === null ? '–' : `${percentText(m.pace)}\n${describePaceVi(m.vsPacePoints)}`,
    forecast:
      m.forecast === null ? '–' : `${percentText(m.forecast)}\n${onTrackLabelVi(m.onTrack)}`,
    lastYear:
      m.lastYear === null
        ? '–'
        : `${percentText(m.lastYear)}\n${describePointsVi(m.vsLastYearPoints)}`,
  };
}

/** The printed cells of a figure: label, now, last year, change. */
export function figureTexts(f: SummaryFigure): [string, string, string, string] {
  return [
    f.label,
    figureText(f.kind, f.value),
    figureText(f.kind, f.lastYear),
    describeChangePercentVi(f.changePercent),
  ];
}

/** A metric in a table cell: "37,50 % ✓" and the target under it ("CT 40,00 %"), ⚠ when at risk. */
export function cellText(cell: SummaryCell): string {
  const mark = metMark(cell.met);
  const risk = cell.onTrack === false ? ' ⚠' : '';
  const target = cell.target === null ? 'CT: chưa giao' : `CT ${formatViPercent(cell.target)}`;
  return `${percentText(cell.value)}${mark ? ` ${mark}` : ''}${risk}\n${target}`;
}

/** "Đạt cả 4 chỉ tiêu", "Đạt 2/4 chỉ tiêu". */
export function metCountText(count: number): string {
  return metCountLabelVi(count);
}

/** The metrics at risk, named: "Tỷ lệ về việc; Giảm tiền chuyển kỳ sau"; "" when none. */
export function atRiskText(atRisk: readonly UnitMetric[]): string {
  return atRisk.map((m) => UNIT_METRIC_SHORT_LABELS_VI[m]).join('; ');
}

/** The period line: "09 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/06/2017". */
export function summaryPeriodText(period: Period): string {
  return describePeriod(period);
}
