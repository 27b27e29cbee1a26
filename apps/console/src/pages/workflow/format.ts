/**
 * What the workflow pages print, in Vietnamese: statuses, timeliness, actions, times in Hà Nội,
 * line values (counts and money as digit strings, through bigint), and the period of a report.
 */
import {
  LINE_LABELS_VI,
  LINE_SYMBOLS,
  REPORT_STATUS_LABELS_VI,
  TIMELINESS_LABELS_VI,
  calendarMonthOf,
  formatViDate,
  formatViInteger,
  type LineCode,
  type ReportWorkflowStatus,
  type Timeliness,
} from '@thads/domain';

export function statusLabel(status: ReportWorkflowStatus): string {
  return REPORT_STATUS_LABELS_VI[status];
}

export function timelinessLabel(timeliness: Timeliness): string {
  return TIMELINESS_LABELS_VI[timeliness];
}

export const ACTION_LABELS_VI: Readonly<Record<string, string>> = {
  submit: 'Ký và gửi',
  approve: 'Duyệt',
  return: 'Trả lại',
  reopen: 'Mở lại (mở khóa)',
};

export const UNLOCK_STATUS_LABELS_VI: Readonly<Record<string, string>> = {
  pending: 'Chờ Cục duyệt',
  granted: 'Đã chấp thuận',
  rejected: 'Đã từ chối',
};

/** An instant as dd/mm/yyyy HH:mm in Hà Nội. */
export function formatLocalTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

export function formatDate(iso: string | null): string {
  return iso === null ? '–' : formatViDate(iso);
}

/** A line value: "1.234" for a count, "1.234.567 đ" for money; "–" unknown. Signed when asked. */
export function formatLine(
  measure: 'cases' | 'money',
  value: string | number | null,
  signed = false,
): string {
  if (value === null) return '–';
  const n = BigInt(value);
  const sign = signed && n > 0n ? '+' : '';
  return `${sign}${formatViInteger(n)}${measure === 'money' ? ' đ' : ''}`;
}

export function lineLabel(line: string): string {
  const code = line as LineCode;
  return LINE_LABELS_VI[code] ? `${LINE_LABELS_VI[code]} (${LINE_SYMBOLS[code]})` : line;
}

export const MEASURE_LABELS_VI: Readonly<Record<'cases' | 'money', string>> = {
  cases: 'Về việc',
  money: 'Về tiền',
};

/** "12 tháng năm 2017 (đến 09/2017)". */
export function periodLabel(year: number, month: number): string {
  const cal = calendarMonthOf(year, month);
  return `${month} tháng năm ${year} (đến ${String(cal.month).padStart(2, '0')}/${cal.year})`;
}

/** The first 12 characters of a hash, for tables (the full hash is in the title). */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

/** Reads a positive integer search parameter, or the fallback. */
export function intParam(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}
