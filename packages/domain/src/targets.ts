/**
 * Targets (chỉ tiêu), pace and forecast (statistics.md §9) and the progress figures of
 * interfaces.md §8. Every figure is in hundredths (Centi) computed from rounded two-decimal operands.
 */
import { divRoundHalfAwayFromZero, type Centi } from './decimal.js';
import type { RuleSet } from './rule-set.js';

export const RATE_METRICS = ['caseRate', 'moneyRate'] as const;
export const REDUCTION_METRICS = ['caseCarryOverReduction', 'moneyCarryOverReduction'] as const;
/** The four metrics of a unit ("đạt cả 4 chỉ tiêu"). */
export const UNIT_METRICS = [...RATE_METRICS, ...REDUCTION_METRICS] as const;
export type UnitMetric = (typeof UNIT_METRICS)[number];
export const OFFICER_METRICS = ['casesCompleted', 'moneyCompleted'] as const;
export type OfficerMetric = (typeof OFFICER_METRICS)[number];
export type TargetMetric = UnitMetric | OfficerMetric;

export const TARGET_METRIC_LABELS_VI: Readonly<Record<TargetMetric, string>> = {
  caseRate: 'Tỷ lệ thi hành xong về việc',
  moneyRate: 'Tỷ lệ thi hành xong về tiền',
  caseCarryOverReduction: 'Giảm số việc có điều kiện chuyển kỳ sau',
  moneyCarryOverReduction: 'Giảm số tiền có điều kiện chuyển kỳ sau',
  casesCompleted: 'Số việc thi hành xong trong tháng',
  moneyCompleted: 'Số tiền thi hành xong trong tháng',
};

export function isRateMetric(metric: TargetMetric): metric is (typeof RATE_METRICS)[number] {
  return metric === 'caseRate' || metric === 'moneyRate';
}

const HUNDRED: Centi = 10_000n;

/** value meets target under the rule set; null when either is unknown (never true then). */
export function meetsTarget(value: Centi | null, target: Centi | null, ruleSet: RuleSet): boolean | null {
  if (value === null || target === null) return null;
  return ruleSet.targetComparison === 'gte' ? value >= target : value > target;
}

/** Straight-line pace: annual target × n ÷ 12 (§9), rounded to two decimals. */
export function paceAt(target: Centi, month: number): Centi {
  return divRoundHalfAwayFromZero(target * BigInt(month), 12n);
}

/**
 * Forecast of a rate's month-12 value (§9): value × R(Y−1,12) ÷ R(Y−1,n) when both previous-year
 * rates are known and R(Y−1,n) > 0, else value × 12 ÷ n; capped at 100.00; rounded once.
 */
export function forecastRate(
  value: Centi | null,
  month: number,
  previousYear: { atMonth: Centi | null; atYearEnd: Centi | null },
): Centi | null {
  if (value === null) return null;
  if (month >= 12) return value;
  const { atMonth, atYearEnd } = previousYear;
  const forecast =
    atMonth !== null && atYearEnd !== null && atMonth > 0n
      ? divRoundHalfAwayFromZero(value * atYearEnd, atMonth)
      : divRoundHalfAwayFromZero(value * 12n, BigInt(month));
  return forecast > HUNDRED ? HUNDRED : forecast;
}

/**
 * Forecast of a reduction's month-12 value (§9): value + (v(Y−1,12) − v(Y−1,n)); null without that
 * history.
 */
export function forecastReduction(
  value: Centi | null,
  month: number,
  previousYear: { atMonth: Centi | null; atYearEnd: Centi | null },
): Centi | null {
  if (value === null) return null;
  if (month >= 12) return value;
  const { atMonth, atYearEnd } = previousYear;
  if (atMonth === null || atYearEnd === null) return null;
  return value + (atYearEnd - atMonth);
}

export interface MetricProgress {
  value: Centi | null;
  target: Centi | null;
  provisional: boolean;
  met: boolean | null;
  gapPoints: Centi | null;
  pace: Centi | null;
  vsPacePoints: Centi | null;
  forecast: Centi | null;
  onTrack: boolean | null;
}

export interface MetricProgressInput {
  metric: UnitMetric;
  month: number;
  /** The metric's value now: a rounded rate, or −carryOverChange for a reduction. */
  value: Centi | null;
  target: Centi | null;
  provisional: boolean;
  /** The same metric of the previous working year at month n and at month 12. */
  previousYear: { atMonth: Centi | null; atYearEnd: Centi | null };
  ruleSet: RuleSet;
}

/** Where one metric stands (interfaces.md §8). */
export function metricProgress(input: MetricProgressInput): MetricProgress {
  const { metric, month, value, target, ruleSet } = input;
  const rate = isRateMetric(metric);
  const pace = rate && target !== null ? paceAt(target, month) : null;
  const forecast = rate
    ? forecastRate(value, month, input.previousYear)
    : forecastReduction(value, month, input.previousYear);
  return {
    value,
    target,
    provisional: input.provisional,
    met: meetsTarget(value, target, ruleSet),
    gapPoints: value !== null && target !== null ? value - target : null,
    pace,
    vsPacePoints: value !== null && pace !== null ? value - pace : null,
    forecast,
    onTrack: meetsTarget(forecast, target, ruleSet),
  };
}

/** True only when every metric is met (`allFour`; at month 12 "đạt cả 4 chỉ tiêu"). */
export function meetsAll(progress: Iterable<MetricProgress>): boolean {
  for (const p of progress) if (p.met !== true) return false;
  return true;
}

/** The value of a reduction metric from a carry-over change: −Δ%. */
export function reductionValue(change: Centi | null): Centi | null {
  return change === null ? null : -change;
}
