/**
 * What the targets and progress pages print and read, in vi-VN: percentages "72,50 %", points
 * "còn thiếu 27,14 điểm", counts "3 việc", money "1.500.000 đ". Values arrive from the API as text
 * ("72.50", digit strings) and go through `bigint`, never `number`.
 */
import {
  TARGET_METRIC_LABELS_VI,
  calendarMonthOf,
  formatViInteger,
  type OfficerMetric,
  type TargetMetric,
  type UnitMetric,
} from '@thads/domain';

export const UNIT_METRICS: readonly UnitMetric[] = [
  'caseRate',
  'moneyRate',
  'caseCarryOverReduction',
  'moneyCarryOverReduction',
];
export const OFFICER_METRICS: readonly OfficerMetric[] = ['casesCompleted', 'moneyCompleted'];

/** Short column titles of the matrix. */
export const METRIC_SHORT_VI: Readonly<Record<TargetMetric, string>> = {
  caseRate: 'Tỷ lệ về việc (%)',
  moneyRate: 'Tỷ lệ về tiền (%)',
  caseCarryOverReduction: 'Giảm việc chuyển kỳ sau (%)',
  moneyCarryOverReduction: 'Giảm tiền chuyển kỳ sau (%)',
  casesCompleted: 'Số việc',
  moneyCompleted: 'Số tiền (đ)',
};

export const METRIC_LABELS_VI = TARGET_METRIC_LABELS_VI;

export function isPercent(metric: TargetMetric): metric is UnitMetric {
  return (UNIT_METRICS as readonly string[]).includes(metric);
}

/** "72.50" → "72,50"; "-3.10" → "-3,10". */
export function viDecimal(text: string): string {
  return text.replace('.', ',');
}

/**
 * A percentage as typed ("72,5", "72.50", " 70 % ") → the API's form ("72.5"); empty → null.
 * Anything else is passed on as typed, for the server to refuse with its Vietnamese reason.
 */
export function percentInput(text: string): string | null {
  const cleaned = text.replace(/[\s%]/g, '').replace(',', '.');
  return cleaned === '' ? null : cleaned;
}

/** A count or đồng as typed ("1.500.000", "1 500 000") → digits ("1500000"); empty → null. */
export function integerInput(text: string): string | null {
  const cleaned = text.replace(/[\s.]/g, '');
  return cleaned === '' ? null : cleaned;
}

/** A value as the API wants it, from what the user typed in a cell of `metric`. */
export function targetInput(metric: TargetMetric, text: string): string | null {
  return isPercent(metric) ? percentInput(text) : integerInput(text);
}

/** A target or value of `metric` for display: "72,50 %", "3 việc", "1.500.000 đ"; null → "–". */
export function formatMetricValue(metric: TargetMetric, value: string | null): string {
  if (value === null) return '–';
  if (isPercent(metric)) return `${viDecimal(value)} %`;
  const n = formatViInteger(BigInt(value));
  return metric === 'casesCompleted' ? `${n} việc` : `${n} đ`;
}

function magnitude(metric: TargetMetric, value: string): string {
  const abs = value.startsWith('-') ? value.slice(1) : value;
  if (isPercent(metric)) return `${viDecimal(abs)} điểm`;
  return formatMetricValue(metric, abs);
}

/**
 * A difference against the target: "còn thiếu 27,14 điểm", "vượt 0,71 điểm", "đạt đúng chỉ tiêu"
 * (for counts and money: "còn thiếu 1 việc", "vượt 50 đ").
 */
export function formatGap(metric: TargetMetric, gap: string | null): string {
  if (gap === null) return '–';
  if (/^-?0(\.0+)?$/.test(gap)) return 'đạt đúng chỉ tiêu';
  return gap.startsWith('-')
    ? `còn thiếu ${magnitude(metric, gap)}`
    : `vượt ${magnitude(metric, gap)}`;
}

/** Against the straight-line pace: "vượt tiến độ 13,28 điểm", "chậm tiến độ 20,71 điểm". */
export function formatVsPace(points: string | null): string {
  if (points === null) return '–';
  if (/^-?0(\.0+)?$/.test(points)) return 'đúng tiến độ';
  return points.startsWith('-')
    ? `chậm tiến độ ${viDecimal(points.slice(1))} điểm`
    : `vượt tiến độ ${viDecimal(points)} điểm`;
}

/** met: "Đạt" / "Chưa đạt" / "Không đánh giá được" (no value or no target). */
export function formatMet(met: boolean | null): string {
  return met === null ? 'Không đánh giá được' : met ? 'Đạt' : 'Chưa đạt';
}

/** onTrack: "Dự báo đạt" / "Có nguy cơ không đạt" / "–". */
export function formatOnTrack(onTrack: boolean | null): string {
  return onTrack === null ? '–' : onTrack ? 'Dự báo đạt' : 'Có nguy cơ không đạt';
}

/** Working-year month n of year Y as a calendar month: "Tháng 10/2016". */
export function calendarMonthVi(year: number, month: number): string {
  const cal = calendarMonthOf(year, month);
  return `Tháng ${String(cal.month).padStart(2, '0')}/${cal.year}`;
}
