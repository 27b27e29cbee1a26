/**
 * The monthly report workflow and its deadlines (statistics.md §10).
 */
import { DomainError } from './errors.js';
import { CASE_LINE_CODES, MONEY_LINE_CODES, type LineCode, type Measure } from './lines.js';
import { calendarMonthOf, daysInMonth, isoDate, type IsoDate } from './period.js';
import type { RuleSet } from './rule-set.js';
import type { Finding } from './validation.js';

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';
/**
 * `reopen`: a granted unlock request sends an approved report back to `returned`, so that it is
 * resubmitted (a new version) and approved again, which locks again.
 */
export type WorkflowAction = 'submit' | 'approve' | 'return' | 'reopen';

export const REPORT_STATUS_LABELS_VI: Readonly<Record<ReportStatus | 'not_started', string>> = {
  not_started: 'Chưa lập',
  draft: 'Đang lập',
  submitted: 'Đã gửi, chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};

const TRANSITIONS: Readonly<
  Record<WorkflowAction, { from: readonly ReportStatus[]; to: ReportStatus }>
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  reopen: { from: ['approved'], to: 'returned' },
};

/** The status after `action`, or a CONFLICT error naming why it is not possible now. */
export function nextStatus(current: ReportStatus, action: WorkflowAction): ReportStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(current)) {
    const verb = { submit: 'gửi', approve: 'duyệt', return: 'trả lại', reopen: 'mở lại' }[action];
    throw new DomainError(
      'CONFLICT',
      `Không thể ${verb} báo cáo đang ở trạng thái "${REPORT_STATUS_LABELS_VI[current]}"`,
      { status: current, action },
    );
  }
  return t.to;
}

/**
 * The last day a report of working year Y, month n is on time: day 3 (a Chi cục) or day 6 (the Cục)
 * of the calendar month after the period.
 */
export function submissionDeadline(
  year: number,
  month: number,
  isCuc: boolean,
  ruleSet: RuleSet,
): IsoDate {
  const cal = calendarMonthOf(year, month);
  const nextYear = cal.month === 12 ? cal.year + 1 : cal.year;
  const nextMonth = cal.month === 12 ? 1 : cal.month + 1;
  const day = isCuc ? ruleSet.deadlines.cucDay : ruleSet.deadlines.chiCucDay;
  return isoDate(nextYear, nextMonth, Math.min(day, daysInMonth(nextYear, nextMonth)));
}

/** The local calendar date of an instant in a time zone (e.g. Asia/Ho_Chi_Minh). */
export function localDateOf(instantIso: string, timeZone: string): IsoDate {
  // Parsing a given instant, not reading the clock.
  // eslint-disable-next-line no-restricted-globals
  const instant = new Date(instantIso);
  if (Number.isNaN(instant.getTime()))
    throw new RangeError(`thời điểm không hợp lệ: ${instantIso}`);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** On time when first submitted on or before the deadline, by the local date (§10). */
export function isOnTime(
  firstSubmittedAt: string,
  year: number,
  month: number,
  isCuc: boolean,
  ruleSet: RuleSet,
): boolean {
  return (
    localDateOf(firstSubmittedAt, ruleSet.deadlines.timeZone) <=
    submissionDeadline(year, month, isCuc, ruleSet)
  );
}

/** The workflow status of a report, `not_started` when nobody has begun it. */
export type ReportWorkflowStatus = ReportStatus | 'not_started';

/**
 * A stable key of a finding, for its acknowledgement: the rule, the measure and the message (which
 * names the figures or the case). A warning whose figures change gets a new key and needs a new
 * acknowledgement.
 */
export function findingKey(finding: Pick<Finding, 'rule' | 'measure' | 'message'>): string {
  return `${finding.rule}|${finding.measure}|${finding.message}`;
}

/** The warnings among `findings` without an acknowledgement comment (blank comments do not count). */
export function unacknowledgedWarnings(
  findings: readonly Finding[],
  comments: Readonly<Record<string, string>>,
): Finding[] {
  return findings.filter(
    (f) => f.severity === 'warning' && (comments[findingKey(f)] ?? '').trim() === '',
  );
}

/** The lines of a report as its JSON carries them (counts as numbers, money as digit strings). */
export interface ReportLinesJson {
  cases: Readonly<Record<string, number | string | null>>;
  money: Readonly<Record<string, number | string | null>>;
}

/** One line that differs between a submitted version and the registry now. */
export interface LineDifference {
  measure: Measure;
  line: LineCode;
  /** As submitted and as now: digit strings (counts too), null for an unknown line. */
  submitted: string | null;
  current: string | null;
  /** current − submitted, or null when either is unknown. */
  change: string | null;
}

function lineText(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? BigInt(value).toString() : value;
}

/**
 * Every line of both measures whose value differs, in report order (cases, then money): the
 * "changed since submitted" difference (statistics.md §10).
 */
export function diffReportLines(
  submitted: ReportLinesJson,
  current: ReportLinesJson,
): LineDifference[] {
  const out: LineDifference[] = [];
  for (const measure of ['cases', 'money'] as const) {
    const codes = measure === 'cases' ? CASE_LINE_CODES : MONEY_LINE_CODES;
    for (const line of codes) {
      const a = lineText(submitted[measure][line]);
      const b = lineText(current[measure][line]);
      if (a === b) continue;
      out.push({
        measure,
        line,
        submitted: a,
        current: b,
        change: a === null || b === null ? null : (BigInt(b) - BigInt(a)).toString(),
      });
    }
  }
  return out;
}

/**
 * Timeliness of a report (§10): `on_time` or `late` once first submitted (resubmissions do not
 * change it), else `overdue` after the deadline or `pending` until then (by the local date).
 */
export type Timeliness = 'on_time' | 'late' | 'overdue' | 'pending';

export const TIMELINESS_LABELS_VI: Readonly<Record<Timeliness, string>> = {
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  overdue: 'Quá hạn, chưa gửi',
  pending: 'Chưa đến hạn',
};

export function timelinessOf(
  firstSubmittedAt: string | null,
  nowIso: string,
  year: number,
  month: number,
  isCuc: boolean,
  ruleSet: RuleSet,
): Timeliness {
  if (firstSubmittedAt !== null)
    return isOnTime(firstSubmittedAt, year, month, isCuc, ruleSet) ? 'on_time' : 'late';
  const today = localDateOf(nowIso, ruleSet.deadlines.timeZone);
  return today > submissionDeadline(year, month, isCuc, ruleSet) ? 'overdue' : 'pending';
}
