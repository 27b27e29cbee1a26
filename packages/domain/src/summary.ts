/**
 * The leadership summary (tóm tắt cho lãnh đạo): where a unit stands against its targets, compared
 * with the same period of the previous working year, and how units rank. Pure: the caller resolves
 * the reports and the progress (statistics.md §7, §9) and passes them in.
 *
 * Comparisons follow §7: two rates (or two percentages) are compared in percentage points, two counts
 * or two amounts relatively, in percent.
 */
import { percentCenti, type Centi } from './decimal.js';
import { formatViCenti } from './format.js';
import type { Measure } from './lines.js';
import { metricValue, type Progress } from './progress.js';
import type { Report } from './report.js';
import type { RuleSet } from './rule-set.js';
import { UNIT_METRICS, type UnitMetric } from './targets.js';

/** A metric now and at the same month of the previous working year, and the change in points. */
export interface MetricComparison {
  lastYear: Centi | null;
  vsLastYearPoints: Centi | null;
}

/** `metric` of `report` against the same metric of `lastYear` (the report of Y−1, month n). */
export function compareMetric(
  report: Report,
  lastYear: Report | null,
  metric: UnitMetric,
): MetricComparison {
  const value = metricValue(report, metric);
  const before = lastYear ? metricValue(lastYear, metric) : null;
  return {
    lastYear: before,
    vsLastYearPoints: value !== null && before !== null ? value - before : null,
  };
}

/** A count or an amount now and at the same period last year, and the relative change (%). */
export interface FigureComparison {
  value: bigint | null;
  lastYear: bigint | null;
  /** (value − lastYear) ÷ lastYear × 100, two decimals; null when either is unknown or lastYear is 0. */
  changePercent: Centi | null;
}

export function compareFigure(value: bigint | null, lastYear: bigint | null): FigureComparison {
  return {
    value,
    lastYear,
    changePercent:
      value === null || lastYear === null || lastYear === 0n
        ? null
        : percentCenti(value - lastYear, lastYear),
  };
}

/**
 * The figures behind the four metrics, per measure: X (completed) and K (able) behind the rate, the
 * carry-over base (KCS under TT01-2013, the rule set's `carryOverBase`) behind the reduction, and that
 * base at the previous year-end, which the reduction is measured against.
 */
export interface MeasureSummaryFigures {
  completed: FigureComparison;
  able: FigureComparison;
  carriedOverBase: FigureComparison;
  /** The carry-over base at month 12 of the previous working year (the reference of the reduction). */
  previousYearEndBase: bigint | null;
}

export type SummaryFigures = Record<Measure, MeasureSummaryFigures>;

/**
 * The figures of `report` against `lastYear` (Y−1, month n); `previousYearEnd` is the report of
 * Y−1, month 12 (null when unknown).
 */
export function summaryFigures(
  report: Report,
  lastYear: Report | null,
  previousYearEnd: Report | null,
  ruleSet: RuleSet,
): SummaryFigures {
  const base = ruleSet.carryOverBase;
  const of = (measure: Measure): MeasureSummaryFigures => {
    const now = report[measure].lines;
    const before = lastYear?.[measure].lines ?? null;
    return {
      completed: compareFigure(now.completed, before?.completed ?? null),
      able: compareFigure(now.able, before?.able ?? null),
      carriedOverBase: compareFigure(now[base], before?.[base] ?? null),
      previousYearEndBase: previousYearEnd?.[measure].lines[base] ?? null,
    };
  };
  return { cases: of('cases'), money: of('money') };
}

/** How many of the four metrics are met (met === true). */
export function metCount(progress: Pick<Progress, 'metrics'>): number {
  return UNIT_METRICS.filter((m) => progress.metrics[m].met === true).length;
}

/**
 * The metrics at risk: those whose forecast of month 12 does not meet the target (onTrack === false).
 * A metric without a forecast or a target (onTrack null) is not flagged: nothing says it is at risk.
 */
export function atRiskMetrics(progress: Pick<Progress, 'metrics'>): UnitMetric[] {
  return UNIT_METRICS.filter((m) => progress.metrics[m].onTrack === false);
}

/** What a unit (or an officer) is ranked by. */
export interface RankKey {
  metCount: number;
  caseRate: Centi | null;
  moneyRate: Centi | null;
}

/**
 * The ranking order (Decision): more targets met first; then the higher case rate (tỷ lệ thi hành
 * xong về việc, the headline figure of THADS rankings); then the higher money rate; a rate that
 * cannot be computed comes after every known one. Negative when `a` ranks before `b`, 0 for a tie.
 */
export function compareRank(a: RankKey, b: RankKey): number {
  if (a.metCount !== b.metCount) return b.metCount - a.metCount;
  for (const metric of ['caseRate', 'moneyRate'] as const) {
    const x = a[metric];
    const y = b[metric];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x > y ? -1 : 1;
  }
  return 0;
}

/**
 * The rank of each row, in the rows' order: 1 for the first; rows that tie share a rank and the
 * next rank skips (1, 2, 2, 4: standard competition ranking).
 */
export function rankOf(rows: readonly RankKey[]): number[] {
  const order = rows.map((row, index) => ({ row, index }));
  order.sort((a, b) => compareRank(a.row, b.row) || a.index - b.index);
  const ranks = new Array<number>(rows.length);
  order.forEach((entry, position) => {
    const previous = order[position - 1];
    ranks[entry.index] =
      previous && compareRank(previous.row, entry.row) === 0
        ? ranks[previous.index]!
        : position + 1;
  });
  return ranks;
}

/** The absolute value of a two-decimal figure, vi-VN: -149n → "1,49". */
function percentVi(value: Centi): string {
  return formatViCenti(value < 0n ? -value : value);
}

/**
 * A difference of two rates in words (§7: percentage points): "tăng 12,50 điểm", "giảm 1,49 điểm",
 * "không đổi"; "–" when unknown.
 */
export function describePointsVi(points: Centi | null): string {
  if (points === null) return '–';
  if (points === 0n) return 'không đổi';
  return `${points > 0n ? 'tăng' : 'giảm'} ${percentVi(points)} điểm`;
}

/** A relative change of a count or an amount: "tăng 200,00 %", "giảm 66,67 %", "không đổi"; "–". */
export function describeChangePercentVi(change: Centi | null): string {
  if (change === null) return '–';
  if (change === 0n) return 'không đổi';
  return `${change > 0n ? 'tăng' : 'giảm'} ${percentVi(change)} %`;
}

/** Against the pace line: "vượt tiến độ 7,50 điểm", "chậm tiến độ 2,00 điểm", "đúng tiến độ"; "–". */
export function describePaceVi(vsPacePoints: Centi | null): string {
  if (vsPacePoints === null) return '–';
  if (vsPacePoints === 0n) return 'đúng tiến độ';
  return `${vsPacePoints > 0n ? 'vượt' : 'chậm'} tiến độ ${percentVi(vsPacePoints)} điểm`;
}

/**
 * Against the full-year target: "còn thiếu 2,50 điểm so với chỉ tiêu", "vượt chỉ tiêu 4,62 điểm",
 * "bằng chỉ tiêu"; "–".
 */
export function describeGapVi(gapPoints: Centi | null): string {
  if (gapPoints === null) return '–';
  if (gapPoints === 0n) return 'bằng chỉ tiêu';
  return gapPoints < 0n
    ? `còn thiếu ${percentVi(gapPoints)} điểm so với chỉ tiêu`
    : `vượt chỉ tiêu ${percentVi(gapPoints)} điểm`;
}

/** met: "Đạt", "Chưa đạt", or "Chưa đánh giá" (no value or no target). */
export function metLabelVi(met: boolean | null): string {
  return met === null ? 'Chưa đánh giá' : met ? 'Đạt' : 'Chưa đạt';
}

/** onTrack: "Dự báo đạt", "Dự báo không đạt", or "Chưa dự báo được". */
export function onTrackLabelVi(onTrack: boolean | null): string {
  return onTrack === null ? 'Chưa dự báo được' : onTrack ? 'Dự báo đạt' : 'Dự báo không đạt';
}

/** Short names of the four metrics, for table headings on a phone. */
export const UNIT_METRIC_SHORT_LABELS_VI: Readonly<Record<UnitMetric, string>> = {
  caseRate: 'Tỷ lệ về việc',
  moneyRate: 'Tỷ lệ về tiền',
  caseCarryOverReduction: 'Giảm việc chuyển kỳ sau',
  moneyCarryOverReduction: 'Giảm tiền chuyển kỳ sau',
};

/** "Đạt cả 4 chỉ tiêu" or "Đạt 2/4 chỉ tiêu". */
export function metCountLabelVi(count: number): string {
  return count === UNIT_METRICS.length
    ? `Đạt cả ${UNIT_METRICS.length} chỉ tiêu`
    : `Đạt ${count}/${UNIT_METRICS.length} chỉ tiêu`;
}
