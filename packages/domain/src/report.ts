/**
 * A finished report: lines of both measures, rates, year-over-year change and findings, and its
 * stable JSON and CSV forms (interfaces.md §5).
 */
import { formatCentiOrNull, percentCenti, type Centi } from './decimal.js';
import type { FlagFilter, JudgmentTypeFilter } from './classification.js';
import type { CaseMode } from './events.js';
import { CASE_LINE_CODES, MEASURES, MONEY_LINE_CODES, type LineCode, type Lines, type Measure, type ReportLines } from './lines.js';
import type { Period } from './period.js';
import type { RuleSet } from './rule-set.js';
import { checkCarryForward, checkIdentities, checkRateJump, sortFindings, type Finding } from './validation.js';

export type Scope = 'own' | 'total';
export type ReportSource = 'registry' | 'aggregate';
export type ModeFilter = CaseMode | 'none';

export interface MeasureFigures {
  lines: Lines;
  /** R = X ÷ K × 100 in hundredths; null when K is 0 or unknown. */
  rate: Centi | null;
  /** Δ% of the carry-over base against the previous year's month 12; null without a base. */
  carryOverChange: Centi | null;
}

export interface Report {
  unit: string;
  scope: Scope;
  officer: string | null;
  mode: ModeFilter | null;
  /** The judgment-type filter (issue 7), or null. */
  judgmentType?: JudgmentTypeFilter | null;
  /** The flag filter (issue 7), or null. */
  flag?: FlagFilter | null;
  year: number;
  month: number;
  periodStart: string;
  periodEnd: string;
  ruleSet: string;
  source: ReportSource;
  cases: MeasureFigures;
  money: MeasureFigures;
  validation: Finding[];
}

/** R = X ÷ K × 100, rounded half-up to two decimals; null when K is 0 or either is unknown. */
export function completionRate(lines: Lines): Centi | null {
  const x = lines.completed;
  const k = lines.able;
  if (x === null || k === null || k === 0n) return null;
  return percentCenti(x, k);
}

/**
 * Year-over-year change of the carry-over base (§7): (v(Y, n) − v(Y−1, 12)) ÷ v(Y−1, 12) × 100.
 * Null when either is unknown or the base is 0.
 */
export function carryOverChange(lines: Lines, previousYearEnd: Lines | null, ruleSet: RuleSet): Centi | null {
  const line = ruleSet.carryOverBase;
  const current = lines[line];
  const base = previousYearEnd?.[line] ?? null;
  if (current === null || base === null || base === 0n) return null;
  return percentCenti(current - base, base);
}

export interface AssembleInput {
  unit: string;
  scope: Scope;
  officer?: string | null;
  mode?: ModeFilter | null;
  judgmentType?: JudgmentTypeFilter | null;
  flag?: FlagFilter | null;
  period: Period;
  ruleSet: RuleSet;
  source: ReportSource;
  lines: ReportLines;
  /** The resolved month-12 report of the previous working year (same unit, scope, officer, mode). */
  previousYearEnd: ReportLines | null;
  /** The resolved report of month n−1 (for V13); null at n = 1 or when missing. */
  previousMonth: ReportLines | null;
}

/** Builds the report: rates, changes and findings (V1–V6 always, V7 for aggregates, V9, V13). */
export function assembleReport(input: AssembleInput): Report {
  const officer = input.officer ?? null;
  const figures = {} as Record<Measure, MeasureFigures>;
  const findings: Finding[] = [];
  for (const measure of MEASURES) {
    const lines = input.lines[measure];
    const rate = completionRate(lines);
    figures[measure] = {
      lines,
      rate,
      carryOverChange: carryOverChange(lines, input.previousYearEnd?.[measure] ?? null, input.ruleSet),
    };
    findings.push(...checkIdentities(measure, lines, input.source === 'aggregate'));
    if (officer === null) {
      findings.push(...checkCarryForward(measure, lines, input.previousYearEnd?.[measure] ?? null));
    }
    if (input.period.month > 1 && input.previousMonth) {
      findings.push(
        ...checkRateJump(measure, rate, completionRate(input.previousMonth[measure]), input.ruleSet.rateJumpCenti),
      );
    }
  }
  return {
    unit: input.unit,
    scope: input.scope,
    officer,
    mode: input.mode ?? null,
    ...(input.judgmentType ? { judgmentType: input.judgmentType } : {}),
    ...(input.flag ? { flag: input.flag } : {}),
    year: input.period.year,
    month: input.period.month,
    periodStart: input.period.start,
    periodEnd: input.period.end,
    ruleSet: input.ruleSet.id,
    source: input.source,
    cases: figures.cases,
    money: figures.money,
    validation: sortFindings(findings),
  };
}

export type CasesJson = Record<Exclude<LineCode, 'reduced'>, number | null> & {
  rate: string | null;
  carryOverChange: string | null;
};
export type MoneyJson = Record<LineCode, string | null> & { rate: string | null; carryOverChange: string | null };

export interface ReportJson {
  unit: string;
  scope: Scope;
  officer: string | null;
  mode: ModeFilter | null;
  /** Present only when the report is filtered on a judgment type (an extension of §5). */
  judgmentType?: JudgmentTypeFilter;
  /** Present only when the report is filtered on a flag (an extension of §5). */
  flag?: FlagFilter;
  year: number;
  month: number;
  periodStart: string;
  periodEnd: string;
  ruleSet: string;
  source: ReportSource;
  cases: CasesJson;
  money: MoneyJson;
  validation: { rule: string; severity: string; measure: Measure; message: string }[];
}

function countToJson(value: bigint | null): number | null {
  if (value === null) return null;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`số việc ${value} vượt quá giới hạn số nguyên an toàn`);
  }
  return Number(value);
}

/** The report JSON of interfaces.md §5, keys in their stable order. */
export function reportToJson(report: Report): ReportJson {
  const cases = {} as Record<string, number | string | null>;
  for (const code of CASE_LINE_CODES) cases[code] = countToJson(report.cases.lines[code]);
  cases.rate = formatCentiOrNull(report.cases.rate);
  cases.carryOverChange = formatCentiOrNull(report.cases.carryOverChange);
  const money = {} as Record<string, string | null>;
  for (const code of MONEY_LINE_CODES) money[code] = report.money.lines[code]?.toString() ?? null;
  money.rate = formatCentiOrNull(report.money.rate);
  money.carryOverChange = formatCentiOrNull(report.money.carryOverChange);
  return {
    unit: report.unit,
    scope: report.scope,
    officer: report.officer,
    mode: report.mode,
    // Only in a filtered report, after `mode`: an unfiltered report's JSON is exactly §5's.
    ...(report.judgmentType ? { judgmentType: report.judgmentType } : {}),
    ...(report.flag ? { flag: report.flag } : {}),
    year: report.year,
    month: report.month,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    ruleSet: report.ruleSet,
    source: report.source,
    cases: cases as CasesJson,
    money: money as MoneyJson,
    validation: report.validation.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      measure: f.measure,
      message: f.message,
    })),
  };
}

/** `--format csv`: header `line,cases,money`, one row per key of `money` (interfaces.md §5). */
export function reportToCsv(report: Report): string {
  const json = reportToJson(report);
  const rows = ['line,cases,money'];
  const keys = [...MONEY_LINE_CODES, 'rate', 'carryOverChange'] as const;
  for (const key of keys) {
    const c = key === 'reduced' ? null : (json.cases as Record<string, number | string | null>)[key];
    const m = (json.money as Record<string, string | null>)[key];
    rows.push(`${key},${c ?? ''},${m ?? ''}`);
  }
  return rows.join('\n') + '\n';
}
