/**
 * The monthly report workflow and its deadlines (statistics.md §10).
 */
import { DomainError } from './errors.js';
import { calendarMonthOf, daysInMonth, isoDate, type IsoDate } from './period.js';
import type { RuleSet } from './rule-set.js';

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export type WorkflowAction = 'submit' | 'approve' | 'return';

export const REPORT_STATUS_LABELS_VI: Readonly<Record<ReportStatus | 'not_started', string>> = {
  not_started: 'Chưa lập',
  draft: 'Đang lập',
  submitted: 'Đã gửi, chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};

const TRANSITIONS: Readonly<Record<WorkflowAction, { from: readonly ReportStatus[]; to: ReportStatus }>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

/** The status after `action`, or a CONFLICT error naming why it is not possible now. */
export function nextStatus(current: ReportStatus, action: WorkflowAction): ReportStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(current)) {
    const verb = { submit: 'gửi', approve: 'duyệt', return: 'trả lại' }[action];
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
export function submissionDeadline(year: number, month: number, isCuc: boolean, ruleSet: RuleSet): IsoDate {
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
  if (Number.isNaN(instant.getTime())) throw new RangeError(`thời điểm không hợp lệ: ${instantIso}`);
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
  return localDateOf(firstSubmittedAt, ruleSet.deadlines.timeZone) <= submissionDeadline(year, month, isCuc, ruleSet);
}
