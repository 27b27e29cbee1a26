/**
 * What the registry pages print and read, in vi-VN: money "1.234.567 đ" (from strings of digits,
 * through bigint), dates dd/mm/yyyy, the states and event kinds in Vietnamese, and the console
 * paths of a case, of the case list and of the cases behind a report line.
 */
import {
  CASE_STATE_LABELS_VI,
  EVENT_KIND_LABELS_VI,
  formatViDate,
  type CaseState,
  type EventKind,
  type LineCode,
  type Measure,
} from '@thads/domain';

export { CASE_STATE_LABELS_VI, EVENT_KIND_LABELS_VI };

/** dd/mm/yyyy of a YYYY-MM-DD date, or a dash. */
export function viDate(date: string | null | undefined): string {
  return date ? formatViDate(date) : '–';
}

/** An ISO 8601 instant as Hà Nội time, dd/mm/yyyy HH:mm. */
export function viDateTime(iso: string | null): string {
  if (!iso) return '–';
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

/**
 * Money as typed: digits, optionally grouped with dots or spaces ("1.234.567"). The digits as a
 * string, '' for an empty field, or null when it is not an integer number of đồng.
 */
export function parseMoneyInput(text: string): string | null {
  const compact = text.replace(/[.\s\u00a0]/g, '');
  if (compact === '') return '';
  if (!/^\d{1,19}$/.test(compact)) return null;
  return BigInt(compact).toString();
}

export function stateLabel(state: CaseState | string | null): string {
  return state ? (CASE_STATE_LABELS_VI[state as CaseState] ?? state) : '–';
}

export function kindLabel(kind: EventKind | string): string {
  return EVENT_KIND_LABELS_VI[kind as EventKind] ?? kind;
}

export const MODE_LABELS_VI: Readonly<Record<string, string>> = {
  chu_dong: 'Chủ động',
  theo_yeu_cau: 'Theo yêu cầu',
};

export const GROUND_LABELS_VI: Readonly<Record<string, string>> = {
  a: 'a – không có thu nhập, tài sản để thi hành',
  b: 'b – vật, giấy tờ phải trả không còn',
  c: 'c – chưa xác định được địa chỉ',
};

/** The console path of a case's page. */
export function casePath(id: string): string {
  return `/viec/${encodeURIComponent(id)}`;
}

/** The console path of the case list with these filters. */
export function caseListPath(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text === '' ? '/viec' : `/viec?${text}`;
}

export interface BehindTarget {
  unit: string;
  year: number;
  month: number;
  scope: 'own' | 'total';
  officer?: string | null;
  unassigned?: boolean;
  /** Classification filters of the report (issue 7). */
  mode?: string | null;
  judgmentType?: string | null;
  flag?: string | null;
  line: LineCode;
  measure: Measure;
}

/** The console path of the cases behind one line of a report. */
export function casesBehindPath(t: BehindTarget): string {
  const search = new URLSearchParams({
    unit: t.unit,
    year: String(t.year),
    month: String(t.month),
    scope: t.scope,
    line: t.line,
    measure: t.measure,
  });
  if (t.officer) search.set('officer', t.officer);
  if (t.unassigned) search.set('unassigned', '1');
  if (t.mode) search.set('mode', t.mode);
  if (t.judgmentType) search.set('judgmentType', t.judgmentType);
  if (t.flag) search.set('flag', t.flag);
  return `/viec-theo-dong?${search.toString()}`;
}

/** Whether a role enters cases and events (the server checks it anyway). */
export function entersData(role: string): boolean {
  return role === 'cuc_manager' || role === 'unit_head' || role === 'clerk';
}
