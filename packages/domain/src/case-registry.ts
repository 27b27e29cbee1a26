/**
 * The case registry as people work on it (issue 5): what the list stores beside each case to stay
 * fast (its state, what is settled, its officer, its last event date and its folded search text),
 * and why an event is refused, explained in plain Vietnamese for the console's forms.
 *
 * Everything here is derived from a validated case (`replayCase`), so it can always be recomputed
 * from the registry itself.
 */
import {
  EVENT_KIND_LABELS_VI,
  OPEN_STATE_LABELS_VI,
  isAllowedIn,
  stateLabelVi,
  type CaseEvent,
  type CaseState,
  type EventKind,
  type EventViolation,
  type OpenState,
  type RegistryCase,
  type ReplayedCase,
} from './events.js';
import { formatViMoney } from './format.js';
import { formatViDate, isValidIsoDate, type IsoDate } from './period.js';
import { foldForSearch } from './public-list.js';

/** Every state a case can be in: the four open states, then the closed and exited ones. */
export const CASE_STATES: readonly CaseState[] = [
  'able',
  'postponed',
  'suspended',
  'unable',
  'completed',
  'terminated',
  'transferred',
  'withdrawn',
];

export const OPEN_STATES: readonly OpenState[] = ['able', 'postponed', 'suspended', 'unable'];

export function isCaseState(text: string): text is CaseState {
  return (CASE_STATES as readonly string[]).includes(text);
}

/** Short Vietnamese names of the states, for lists and filters. */
export const CASE_STATE_LABELS_VI: Readonly<Record<CaseState, string>> = {
  able: 'Có điều kiện (đang thi hành)',
  postponed: 'Hoãn thi hành án',
  suspended: 'Tạm đình chỉ',
  unable: 'Chưa có điều kiện',
  completed: 'Thi hành xong',
  terminated: 'Đình chỉ thi hành',
  transferred: 'Ủy thác đi',
  withdrawn: 'Thu hồi, hủy QĐ, trả đơn',
};

/**
 * The state a case is in right after an event of this kind, for the kinds that set it (statistics.md
 * §5); the other kinds leave the state as it was. A case with none of these events is `able`. So the
 * state at a date is given by the last of these events dated on or before it, which SQL can find.
 */
export const STATE_AFTER_KIND: Readonly<Partial<Record<EventKind, CaseState>>> = {
  unable: 'unable',
  resume: 'able',
  postpone: 'postponed',
  suspend: 'suspended',
  complete: 'completed',
  terminate: 'terminated',
  transfer: 'transferred',
  withdraw: 'withdrawn',
};

/** The kinds that set the state, and for each state the kinds that lead to it. */
export const STATE_SETTING_KINDS: readonly EventKind[] = Object.keys(
  STATE_AFTER_KIND,
) as EventKind[];

export function kindsLeadingTo(state: CaseState): EventKind[] {
  return STATE_SETTING_KINDS.filter((k) => STATE_AFTER_KIND[k] === state);
}

/**
 * The text the case list searches: the case id, the debtor's name and every decision number (the
 * QĐ THA's and those of its events), each folded as statistics.md §11 folds names (case and
 * diacritics removed, đ → d), joined by line breaks. A folded query has no line break, so a match
 * never spans two fields.
 */
export function caseSearchText(
  facts: { id: string; debtorName: string | null; decisionNo: string | null },
  events: readonly CaseEvent[],
): string {
  const parts = [facts.id, facts.debtorName ?? '', facts.decisionNo ?? ''];
  for (const e of events) if (e.decisionNo) parts.push(e.decisionNo);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const folded = foldForSearch(part);
    if (folded === '' || seen.has(folded)) continue;
    seen.add(folded);
    out.push(folded);
  }
  return out.join('\n');
}

/** What the case list keeps beside a case, so that it can filter and sort without replaying it. */
export interface CaseSummary {
  state: CaseState;
  settled: bigint;
  /** The officer holding the case now (the intake officer or the last `assign`), or null. */
  officer: string | null;
  /** The date of its last event, or null without events. */
  lastEventOn: IsoDate | null;
  /**
   * Since when it is in `state`: the date of its last state-setting event (STATE_AFTER_KIND), or
   * its intake date. At any date from then on its state is `state`; only before it must the state
   * at a date be looked up in its events.
   */
  stateSince: IsoDate;
}

export function caseSummaryOf(r: ReplayedCase): CaseSummary {
  const last = r.timeline[r.timeline.length - 1];
  let stateSince = r.case.receivedOn;
  for (const applied of r.timeline)
    if (STATE_AFTER_KIND[applied.event.kind] !== undefined) stateSince = applied.event.date;
  return {
    state: r.finalState,
    settled: r.settled,
    officer: r.officer,
    lastEventOn: last ? last.event.date : null,
    stateSince,
  };
}

/** What a console write does to a case, for the wording of a refusal. */
export type RegistryAction = 'record' | 'correct' | 'remove' | 'update' | 'assign' | 'intake';

const ACTION_LABELS_VI: Readonly<Record<RegistryAction, string>> = {
  record: 'ghi',
  correct: 'sửa thành',
  remove: 'xóa',
  update: 'sửa thông tin của việc',
  assign: 'phân công',
  intake: 'thụ lý việc',
};

function eventText(e: CaseEvent): string {
  const date = isValidIsoDate(e.date) ? ` ngày ${formatViDate(e.date)}` : '';
  return `“${EVENT_KIND_LABELS_VI[e.kind] ?? e.kind}”${date}`;
}

function reasonVi(c: RegistryCase, v: EventViolation): string {
  const e = v.event;
  switch (v.code) {
    case 'INVALID_DATE':
      return 'ngày không hợp lệ';
    case 'FUTURE_DATE':
      return 'ngày đó sau ngày hôm nay';
    case 'BEFORE_INTAKE':
      return `ngày đó trước ngày thụ lý ${formatViDate(c.receivedOn)}`;
    case 'AFTER_CLOSE':
      return `việc ${stateLabelVi(v.stateBefore)} trước đó nên không ghi thêm được sự kiện nào`;
    case 'NOT_ALLOWED_IN_STATE': {
      const allowed = OPEN_STATES.filter((s) => isAllowedIn(e.kind, s)).map(
        (s) => OPEN_STATE_LABELS_VI[s],
      );
      const now = OPEN_STATE_LABELS_VI[v.stateBefore as OpenState] ?? stateLabelVi(v.stateBefore);
      return `khi đó việc ${now}, mà sự kiện này chỉ được ghi khi việc ${allowed.join(' hoặc ')}`;
    }
    case 'AMOUNT_REQUIRED':
      return 'cần số tiền là số nguyên đồng lớn hơn 0';
    case 'AMOUNT_NOT_ALLOWED':
      return 'loại sự kiện này không có số tiền';
    case 'OVER_SETTLEMENT':
      return `số tiền ${formatViMoney(e.amount ?? 0n)} vượt quá số còn phải thi hành khi đó (${formatViMoney(v.remainingBefore)})`;
    case 'REMAINING_NOT_ZERO':
      return `còn ${formatViMoney(v.remainingBefore)} chưa thi hành; chỉ ghi thi hành xong khi đã thu đủ hoặc miễn, giảm hết phần còn lại`;
    case 'OFFICER_REQUIRED':
      return 'cần chọn chấp hành viên được phân công';
    case 'OFFICER_NOT_ALLOWED':
      return 'chỉ sự kiện phân công chấp hành viên mới có chấp hành viên';
    case 'OFFICER_NOT_IN_UNIT':
      return `chấp hành viên ${e.officer ?? c.officer ?? ''} không thuộc đơn vị ${c.unit} của việc`;
    case 'GROUND_REQUIRED':
      return 'cần chọn căn cứ a, b hoặc c của khoản 1 Điều 44a Luật Thi hành án dân sự';
    case 'GROUND_NOT_ALLOWED':
      return 'chỉ quyết định về việc chưa có điều kiện thi hành mới có căn cứ';
    case 'DECISION_REQUIRED':
      return 'cần số quyết định về việc chưa có điều kiện thi hành';
  }
}

/**
 * Why a console write is refused, in plain Vietnamese: the event as people name it, its date as
 * dd/mm/yyyy, money as 1.234.567 đ, and the rule. `subject` is the index (in applied order) of the
 * event being written, or null when the write adds none (a removal, a change of the case's facts):
 * a violation elsewhere means the write would make an event already recorded invalid.
 */
export function explainViolationVi(
  c: RegistryCase,
  v: EventViolation,
  action: RegistryAction,
  subject: number | null,
): string {
  const reason = reasonVi(c, v);
  const verb = ACTION_LABELS_VI[action];
  if (v.eventIndex < 0) return `Không thể ${verb}: ${reason}.`;
  if (subject !== null && v.eventIndex === subject)
    return `Không thể ${verb} ${eventText(v.event)}: ${reason}.`;
  return `Không thể ${verb}${action === 'remove' && subject === null ? ' sự kiện này' : ''}: khi đó ${eventText(v.event)} đã ghi sẽ không còn hợp lệ vì ${reason}.`;
}
