/**
 * Where a unit or an officer stands against its targets (tiến độ thực hiện chỉ tiêu): the progress
 * object of interfaces.md §8, computed from resolved reports (statistics.md §9).
 *
 * The function is pure: the caller resolves the reports (the same way every report is resolved,
 * interfaces.md §5) and the targets, and passes them in.
 */
import { formatCentiOrNull, type Centi } from './decimal.js';
import type { Report, Scope } from './report.js';
import type { RuleSet } from './rule-set.js';
import {
  OFFICER_METRICS,
  UNIT_METRICS,
  meetsAll,
  meetsTarget,
  metricProgress,
  reductionValue,
  type MetricProgress,
  type OfficerMetric,
  type TargetMetric,
  type UnitMetric,
} from './targets.js';

/** A recorded target: percent in hundredths for the four unit metrics, a count or đồng otherwise. */
export interface TargetValue {
  value: bigint;
  provisional: boolean;
}

/** The targets that apply to one progress request, by metric; a missing metric has no target. */
export type TargetSet = Partial<Record<TargetMetric, TargetValue>>;

export interface Progress {
  unit: string;
  scope: Scope;
  officer: string | null;
  year: number;
  month: number;
  /** The four unit metrics, always present. */
  metrics: Record<UnitMetric, MetricProgress>;
  /**
   * An officer's monthly metrics (`casesCompleted`, `moneyCompleted`), present only for an officer.
   * Their figures are whole counts or đồng, not hundredths.
   */
  completed: Record<OfficerMetric, MetricProgress> | null;
  /** All four unit metrics met at this month ("đạt cả 4 chỉ tiêu" at month 12). */
  allFour: boolean;
}

export interface ProgressInput {
  /** The resolved report of working year Y, month n (the unit, scope and officer asked for). */
  report: Report;
  /**
   * The same unit, scope and officer in year Y−1 at month n and at month 12, each resolved with its
   * own carryOverChange (against Y−2's month 12): the previous-year curve of the forecast. Null when
   * there is no such report.
   */
  previousYearAtMonth: Report | null;
  previousYearEnd: Report | null;
  /** Year Y, month n−1: needed for an officer's monthly metrics when n > 1 (X(0) = 0 at n = 1). */
  previousMonth?: Report | null;
  targets: TargetSet;
  ruleSet: RuleSet;
}

/** The value of a unit metric in a report: a rounded rate, or −carryOverChange for a reduction. */
export function metricValue(report: Report, metric: UnitMetric): Centi | null {
  switch (metric) {
    case 'caseRate':
      return report.cases.rate;
    case 'moneyRate':
      return report.money.rate;
    case 'caseCarryOverReduction':
      return reductionValue(report.cases.carryOverChange);
    case 'moneyCarryOverReduction':
      return reductionValue(report.money.carryOverChange);
  }
}

/**
 * What an officer completed in month n alone (statistics.md §9): X(n) − X(n−1), X(0) = 0; null when
 * a line is unknown or month n−1 is missing.
 */
export function completedInMonth(
  report: Report,
  previousMonth: Report | null,
  metric: OfficerMetric,
): bigint | null {
  const measure = metric === 'casesCompleted' ? 'cases' : 'money';
  const now = report[measure].lines.completed;
  if (report.month === 1) return now;
  const before = previousMonth?.[measure].lines.completed ?? null;
  return now === null || before === null ? null : now - before;
}

/**
 * An officer's monthly metric: value, target, gap and met; no pace and no forecast (interfaces.md §8).
 */
export function monthlyMetricProgress(
  value: bigint | null,
  target: TargetValue | undefined,
  ruleSet: RuleSet,
): MetricProgress {
  const t = target?.value ?? null;
  return {
    value,
    target: t,
    provisional: target?.provisional ?? false,
    met: meetsTarget(value, t, ruleSet),
    gapPoints: value !== null && t !== null ? value - t : null,
    pace: null,
    vsPacePoints: null,
    forecast: null,
    onTrack: null,
  };
}

/** The progress of interfaces.md §8 for the report's unit, scope, officer, year and month. */
export function buildProgress(input: ProgressInput): Progress {
  const { report, previousYearAtMonth, previousYearEnd, targets, ruleSet } = input;
  const metrics = {} as Record<UnitMetric, MetricProgress>;
  for (const metric of UNIT_METRICS) {
    const target = targets[metric];
    metrics[metric] = metricProgress({
      metric,
      month: report.month,
      value: metricValue(report, metric),
      target: target?.value ?? null,
      provisional: target?.provisional ?? false,
      previousYear: {
        atMonth: previousYearAtMonth ? metricValue(previousYearAtMonth, metric) : null,
        atYearEnd: previousYearEnd ? metricValue(previousYearEnd, metric) : null,
      },
      ruleSet,
    });
  }
  let completed: Record<OfficerMetric, MetricProgress> | null = null;
  if (report.officer !== null) {
    completed = {} as Record<OfficerMetric, MetricProgress>;
    for (const metric of OFFICER_METRICS) {
      completed[metric] = monthlyMetricProgress(
        completedInMonth(report, input.previousMonth ?? null, metric),
        targets[metric],
        ruleSet,
      );
    }
  }
  return {
    unit: report.unit,
    scope: report.scope,
    officer: report.officer,
    year: report.year,
    month: report.month,
    metrics,
    completed,
    allFour: meetsAll(Object.values(metrics)),
  };
}

export interface MetricProgressJson {
  value: string | null;
  target: string | null;
  provisional: boolean;
  met: boolean | null;
  gapPoints: string | null;
  pace: string | null;
  vsPacePoints: string | null;
  forecast: string | null;
  onTrack: boolean | null;
}

export interface ProgressJson {
  unit: string;
  scope: Scope;
  officer: string | null;
  year: number;
  month: number;
  metrics: Record<UnitMetric, MetricProgressJson> &
    Partial<Record<OfficerMetric, MetricProgressJson>>;
  allFour: boolean;
}

function metricToJson(
  p: MetricProgress,
  format: (value: bigint | null) => string | null,
): MetricProgressJson {
  return {
    value: format(p.value),
    target: format(p.target),
    provisional: p.provisional,
    met: p.met,
    gapPoints: format(p.gapPoints),
    pace: format(p.pace),
    vsPacePoints: format(p.vsPacePoints),
    forecast: format(p.forecast),
    onTrack: p.onTrack,
  };
}

/** A whole count or đồng as a string of digits ("-12" for a negative gap). */
function integerOrNull(value: bigint | null): string | null {
  return value === null ? null : value.toString();
}

/**
 * The progress JSON of interfaces.md §8, keys in their stable order. Percent figures are strings
 * with two decimals; an officer's `casesCompleted` and `moneyCompleted` figures (value, target, gap)
 * are strings of digits, the count like the money (Decision: one string form for both whole-number
 * metrics, so a client reads every figure of the object the same way).
 */
export function progressToJson(progress: Progress): ProgressJson {
  const metrics = {} as Record<string, MetricProgressJson>;
  for (const metric of UNIT_METRICS)
    metrics[metric] = metricToJson(progress.metrics[metric], formatCentiOrNull);
  if (progress.completed) {
    for (const metric of OFFICER_METRICS)
      metrics[metric] = metricToJson(progress.completed[metric], integerOrNull);
  }
  return {
    unit: progress.unit,
    scope: progress.scope,
    officer: progress.officer,
    year: progress.year,
    month: progress.month,
    metrics: metrics as ProgressJson['metrics'],
    allFour: progress.allFour,
  };
}

/** True for the four percent metrics (two-decimal figures), false for the officer's monthly ones. */
export function isPercentMetric(metric: TargetMetric): metric is UnitMetric {
  return (UNIT_METRICS as readonly string[]).includes(metric);
}
