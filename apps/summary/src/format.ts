/**
 * What the summary prints, vi-VN. Figures arrive from the API as text ("37.50", digit strings for
 * counts and đồng) and go through the domain's bigint helpers, never through `number`: cases in
 * plain numbers (1.234), money in tỷ đồng with one decimal (1.234,5 tỷ đồng), rates 37,50 %,
 * differences of rates in points, of counts and money in percent.
 */
import {
  UNIT_METRIC_SHORT_LABELS_VI,
  calendarMonthOf,
  describeChangePercentVi,
  describeGapVi,
  describePaceVi,
  describePointsVi,
  formatViBillionDong,
  formatViInteger,
  formatViPercentText,
  parseCenti,
  type UnitMetric,
} from '@thads/domain';

/** "37.50" → "37,50 %"; null → "–". */
export function pct(value: string | null): string {
  return formatViPercentText(value);
}

const centi = (value: string | null) => (value === null ? null : parseCenti(value));

/** "12.50" → "tăng 12,50 điểm". */
export function points(value: string | null): string {
  return describePointsVi(centi(value));
}

/** "107.69" → "tăng 107,69 %". */
export function change(value: string | null): string {
  return describeChangePercentVi(centi(value));
}

/** "7.50" → "vượt tiến độ 7,50 điểm". */
export function pace(value: string | null): string {
  return describePaceVi(centi(value));
}

/** "-2.50" → "còn thiếu 2,50 điểm so với chỉ tiêu". */
export function gap(value: string | null): string {
  return describeGapVi(centi(value));
}

/** "8" → "8 việc"; null → "–". */
export function cases(value: string | null): string {
  return value === null ? '–' : `${formatViInteger(BigInt(value))} việc`;
}

/** "2700000000" → "2,7 tỷ đồng"; null → "–". */
export function money(value: string | null): string {
  return value === null ? '–' : formatViBillionDong(BigInt(value));
}

/** A figure of a measure: cases in plain numbers, money in tỷ đồng. */
export function figure(measure: 'cases' | 'money', value: string | null): string {
  return measure === 'cases' ? cases(value) : money(value);
}

/** Month n of working year Y as a label: "9 tháng năm 2017 (đến 06/2017)". */
export function periodLabel(year: number, month: number): string {
  const cal = calendarMonthOf(year, month);
  return `${month} tháng năm ${year} (đến ${String(cal.month).padStart(2, '0')}/${cal.year})`;
}

/** "2016-10-01" → "01/10/2016". */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export const SHORT_LABELS: Readonly<Record<UnitMetric, string>> = UNIT_METRIC_SHORT_LABELS_VI;

export const UNIT_METRICS: readonly UnitMetric[] = [
  'caseRate',
  'moneyRate',
  'caseCarryOverReduction',
  'moneyCarryOverReduction',
];

/** The measure behind a metric. */
export function measureOf(metric: UnitMetric): 'cases' | 'money' {
  return metric === 'caseRate' || metric === 'caseCarryOverReduction' ? 'cases' : 'money';
}

/** A rate metric (with pace) as opposed to a reduction. */
export function isRate(metric: UnitMetric): boolean {
  return metric === 'caseRate' || metric === 'moneyRate';
}
