/**
 * One plain SQL query over the raw `cases` and `case_events` tables that gives a report's lines
 * (statistics.md §3–§4) for a set of units, a working year and a month: what a report costs
 * without anything kept up to date for it. The same text runs on SQLite, PostgreSQL and DuckDB.
 *
 * Per case (one GROUP BY over cases ⟕ events): what was settled before S, what was paid and
 * reduced inside [S, E], whether anything was ever settled, the closing or exit event (at most one:
 * nothing may follow it), and the last state decision up to E in applied order (date, then seq).
 * Then each case's outcome (§3) and its money (§4), summed.
 */
import { reportPeriod, type Lines, type ReportLines } from '@thads/domain';

/** The base lines the query computes, per measure; the others are derived from them (§2). */
export const BASE_LINES = [
  'broughtForward',
  'newlyReceived',
  'exited',
  'completedFull',
  'terminated',
  'reduced',
  'inProgress',
  'postponed',
  'suspended',
  'unable',
] as const;

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The query for `units` (their own cases; a total lists its whole subtree), year and month. One
 * row: `c_<line>` counts and `m_<line>` money sums (no `c_reduced`: that line is money only).
 */
export function plainReportSql(units: readonly string[], year: number, month: number): string {
  const { start, end } = reportPeriod(year, month);
  const S = quote(start);
  const E = quote(end);
  const unitList = units.map(quote).join(', ');
  const closing = `('complete', 'terminate', 'transfer', 'withdraw')`;
  const counted = (outcomes: string) => `SUM(CASE WHEN outcome IN (${outcomes}) THEN 1 ELSE 0 END)`;
  const money = (outcomes: string, value: string) =>
    `SUM(CASE WHEN outcome IN (${outcomes}) THEN ${value} ELSE 0 END)`;
  return `
WITH per_case AS (
  SELECT c.id, c.received_on, c.amount,
    COALESCE(SUM(CASE WHEN e.kind IN ('pay', 'reduce') AND e.date < ${S} THEN e.amount END), 0) AS before_s,
    COALESCE(SUM(CASE WHEN e.kind = 'pay' AND e.date >= ${S} AND e.date <= ${E} THEN e.amount END), 0) AS paid,
    COALESCE(SUM(CASE WHEN e.kind = 'reduce' AND e.date >= ${S} AND e.date <= ${E} THEN e.amount END), 0) AS reduced,
    MAX(CASE WHEN e.kind IN ('pay', 'reduce') THEN 1 ELSE 0 END) AS settled_any,
    MAX(CASE WHEN e.kind IN ${closing} THEN e.date END) AS end_date,
    MAX(CASE WHEN e.kind IN ${closing} THEN e.kind END) AS end_kind,
    MAX(CASE WHEN e.kind IN ('unable', 'resume', 'postpone', 'suspend') AND e.date <= ${E}
      THEN e.date || CAST(10000 + e.seq AS VARCHAR) || e.kind END) AS last_state
  FROM cases c LEFT JOIN case_events e ON e.case_id = c.id
  WHERE c.unit IN (${unitList}) AND c.received_on <= ${E}
  GROUP BY c.id, c.received_on, c.amount
),
outcomes AS (
  SELECT
    CASE WHEN received_on < ${S} THEN 1 ELSE 0 END AS carried,
    amount - before_s AS a,
    paid,
    reduced,
    CASE
      WHEN end_date IS NOT NULL AND end_date <= ${E} THEN
        CASE
          WHEN end_kind = 'withdraw' OR (end_kind = 'transfer' AND settled_any = 0) THEN 'U'
          WHEN end_kind = 'transfer' THEN 'XT'
          WHEN end_kind = 'terminate' THEN 'X2'
          ELSE 'X1'
        END
      ELSE COALESCE(SUBSTR(last_state, 16), 'resume')
    END AS outcome
  FROM per_case
  WHERE end_date IS NULL OR end_date >= ${S}
)
SELECT
  SUM(carried) AS c_broughtForward,
  SUM(1 - carried) AS c_newlyReceived,
  ${counted(`'U'`)} AS c_exited,
  ${counted(`'X1', 'XT'`)} AS c_completedFull,
  ${counted(`'X2'`)} AS c_terminated,
  ${counted(`'resume'`)} AS c_inProgress,
  ${counted(`'postpone'`)} AS c_postponed,
  ${counted(`'suspend'`)} AS c_suspended,
  ${counted(`'unable'`)} AS c_unable,
  SUM(CASE WHEN carried = 1 THEN a ELSE 0 END) AS m_broughtForward,
  SUM(CASE WHEN carried = 0 THEN a ELSE 0 END) AS m_newlyReceived,
  SUM(CASE WHEN outcome = 'U' THEN a WHEN outcome = 'XT' THEN a - paid - reduced ELSE 0 END) AS m_exited,
  ${money(`'X1', 'XT', 'X2', 'resume', 'postpone', 'suspend', 'unable'`, 'paid')} AS m_completedFull,
  ${money(`'X2'`, 'a - paid - reduced')} AS m_terminated,
  ${money(`'X1', 'XT', 'X2', 'resume', 'postpone', 'suspend', 'unable'`, 'reduced')} AS m_reduced,
  ${money(`'resume'`, 'a - paid - reduced')} AS m_inProgress,
  ${money(`'postpone'`, 'a - paid - reduced')} AS m_postponed,
  ${money(`'suspend'`, 'a - paid - reduced')} AS m_suspended,
  ${money(`'unable'`, 'a - paid - reduced')} AS m_unable
FROM outcomes`;
}

function big(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`không phải số nguyên an toàn: ${value}`);
    return BigInt(value);
  }
  // PostgreSQL returns SUM(bigint) as numeric, a decimal string.
  return BigInt(String(value));
}

/** The query's row (column names in any case) as the report's lines, derived lines included. */
export function linesOfRow(row: Record<string, unknown>): ReportLines {
  const lower = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
  const read = (measure: 'c' | 'm', line: string) => {
    const key = `${measure}_${line}`.toLowerCase();
    if (!lower.has(key)) throw new Error(`thiếu cột ${key} trong kết quả truy vấn`);
    return big(lower.get(key));
  };
  const build = (measure: 'c' | 'm'): Lines => {
    const C = read(measure, 'broughtForward');
    const M = read(measure, 'newlyReceived');
    const U = read(measure, 'exited');
    const X1 = read(measure, 'completedFull');
    const X2 = read(measure, 'terminated');
    const reduced = measure === 'm' ? read(measure, 'reduced') : null;
    const D = read(measure, 'inProgress');
    const H = read(measure, 'postponed');
    const S = read(measure, 'suspended');
    const N = read(measure, 'unable');
    const T = C + M;
    const P = T - U;
    const X = X1 + X2 + (reduced ?? 0n);
    const K = X + D + H + S;
    return {
      broughtForward: C,
      newlyReceived: M,
      totalReceived: T,
      exited: U,
      toEnforce: P,
      able: K,
      unable: N,
      completed: X,
      completedFull: X1,
      terminated: X2,
      reduced,
      inProgress: D,
      postponed: H,
      suspended: S,
      carriedOver: P - X,
      ableCarriedOver: K - X,
    };
  };
  return { cases: build('c'), money: build('m') };
}

/**
 * The lines where two reports differ (empty when equal): "measure.line: a ≠ b". Every line of
 * both measures, except `reduced` of the cases measure, which does not exist (§2: money only).
 */
export function lineDifferences(a: ReportLines, b: ReportLines): string[] {
  const out: string[] = [];
  for (const measure of ['cases', 'money'] as const) {
    for (const [line, value] of Object.entries(a[measure])) {
      if (measure === 'cases' && line === 'reduced') continue;
      const other = (b[measure] as unknown as Record<string, bigint | null>)[line];
      if (value !== other) out.push(`${measure}.${line}: ${String(value)} ≠ ${String(other)}`);
    }
  }
  return out;
}
