/**
 * Case events and their rules (statistics.md §5).
 *
 * Events are applied in date order, and in the order given for the same date. `replayCase` checks
 * every rule and returns the applied timeline; the report functions only read validated timelines.
 */
import type { CaseFlag, JudgmentType } from './classification.js';
import { DomainError } from './errors.js';
import { isValidIsoDate, type IsoDate } from './period.js';

export const EVENT_KINDS = [
  'able', // xác minh: có điều kiện
  'verify', // xác minh lại, kết quả không đổi
  'unable', // QĐ về việc chưa có điều kiện thi hành án (Điều 44a)
  'resume', // QĐ tiếp tục thi hành án
  'postpone', // QĐ hoãn thi hành án
  'suspend', // QĐ tạm đình chỉ thi hành án
  'pay', // thu tiền, chi trả
  'reduce', // QĐ miễn, giảm
  'assign', // phân công chấp hành viên
  'complete', // thi hành xong
  'terminate', // QĐ đình chỉ thi hành án
  'transfer', // QĐ ủy thác thi hành án
  'withdraw', // thu hồi/hủy QĐ THA, trả đơn
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_LABELS_VI: Readonly<Record<EventKind, string>> = {
  able: 'Xác minh: có điều kiện thi hành',
  verify: 'Xác minh lại, kết quả không đổi',
  unable: 'QĐ về việc chưa có điều kiện thi hành án',
  resume: 'QĐ tiếp tục thi hành án',
  postpone: 'QĐ hoãn thi hành án',
  suspend: 'QĐ tạm đình chỉ thi hành án',
  pay: 'Thu tiền, chi trả',
  reduce: 'QĐ miễn, giảm',
  assign: 'Phân công chấp hành viên',
  complete: 'Thi hành xong',
  terminate: 'QĐ đình chỉ thi hành án',
  transfer: 'QĐ ủy thác thi hành án',
  withdraw: 'Thu hồi, hủy QĐ THA, trả đơn',
};

export function isEventKind(text: string): text is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(text);
}

/** Grounds of Điều 44a for an `unable` decision. */
export type UnableGround = 'a' | 'b' | 'c';
export const UNABLE_GROUNDS: readonly UnableGround[] = ['a', 'b', 'c'];

/** State of an open case. */
export type OpenState = 'able' | 'postponed' | 'suspended' | 'unable';
export const OPEN_STATE_LABELS_VI: Readonly<Record<OpenState, string>> = {
  able: 'có điều kiện (đang thi hành)',
  postponed: 'đang hoãn',
  suspended: 'đang tạm đình chỉ',
  unable: 'chưa có điều kiện',
};

export type ClosedState = 'completed' | 'terminated' | 'transferred' | 'withdrawn';
export type CaseState = OpenState | ClosedState;

export type CaseMode = 'chu_dong' | 'theo_yeu_cau';

export interface CaseEvent {
  date: IsoDate;
  kind: EventKind;
  /** pay, reduce: integer đồng > 0. */
  amount?: bigint | null;
  /** assign: the officer's code. */
  officer?: string | null;
  /** unable: ground a, b or c. */
  ground?: UnableGround | null;
  decisionNo?: string | null;
}

/** A case of the registry with its events in applied order (date, then the order given). */
export interface RegistryCase {
  id: string;
  unit: string;
  receivedOn: IsoDate;
  amount: bigint;
  /** Officer assigned at intake: an `assign` dated `receivedOn`, before that date's events. */
  officer?: string | null;
  mode?: CaseMode | null;
  /** Classification (issue 7): the judgment type and steering flags; absent = not classified. */
  judgmentType?: JudgmentType | null;
  flags?: readonly CaseFlag[];
  events: readonly CaseEvent[];
}

/** Which states each kind is allowed in (open states only; nothing is allowed after closing). */
const ALLOWED_IN: Readonly<Record<EventKind, readonly OpenState[]>> = {
  able: ['able'],
  verify: ['able', 'postponed', 'suspended', 'unable'],
  unable: ['able', 'postponed', 'suspended', 'unable'],
  resume: ['unable', 'postponed', 'suspended'],
  postpone: ['able'],
  suspend: ['able', 'postponed'],
  pay: ['able', 'postponed', 'suspended', 'unable'],
  reduce: ['able', 'postponed', 'suspended', 'unable'],
  assign: ['able', 'postponed', 'suspended', 'unable'],
  complete: ['able', 'postponed', 'suspended', 'unable'],
  terminate: ['able', 'postponed', 'suspended', 'unable'],
  transfer: ['able', 'postponed', 'suspended', 'unable'],
  withdraw: ['able', 'postponed', 'suspended', 'unable'],
};

export function isAllowedIn(kind: EventKind, state: OpenState): boolean {
  return ALLOWED_IN[kind].includes(state);
}

/** Why an event is invalid; stable codes for programs. */
export type EventViolationCode =
  | 'INVALID_DATE'
  | 'FUTURE_DATE'
  | 'BEFORE_INTAKE'
  | 'AFTER_CLOSE'
  | 'NOT_ALLOWED_IN_STATE'
  | 'AMOUNT_REQUIRED'
  | 'AMOUNT_NOT_ALLOWED'
  | 'OVER_SETTLEMENT'
  | 'REMAINING_NOT_ZERO'
  | 'OFFICER_REQUIRED'
  | 'OFFICER_NOT_ALLOWED'
  | 'OFFICER_NOT_IN_UNIT'
  | 'GROUND_REQUIRED'
  | 'GROUND_NOT_ALLOWED'
  | 'DECISION_REQUIRED';

export interface EventViolation {
  caseId: string;
  /** Index of the event in the case's applied order (0-based). */
  eventIndex: number;
  event: CaseEvent;
  code: EventViolationCode;
  /** Vietnamese, naming the case and the event. */
  message: string;
  /** The case's state just before the event (after the events before it). */
  stateBefore: CaseState;
  /** What remained to settle just before the event, in đồng. */
  remainingBefore: bigint;
}

const CLOSED_LABELS_VI: Readonly<Record<ClosedState, string>> = {
  completed: 'đã thi hành xong',
  terminated: 'đã đình chỉ thi hành',
  transferred: 'đã ủy thác đi',
  withdrawn: 'đã bị thu hồi, hủy quyết định hoặc trả đơn',
};

export function stateLabelVi(state: CaseState): string {
  return state in OPEN_STATE_LABELS_VI
    ? OPEN_STATE_LABELS_VI[state as OpenState]
    : CLOSED_LABELS_VI[state as ClosedState];
}

/** One applied event with the case's situation right after it. */
export interface AppliedEvent {
  event: CaseEvent;
  /** State after the event. */
  state: CaseState;
  /** Total settled (paid + reduced) after the event. */
  settled: bigint;
  officer: string | null;
}

export interface ReplayedCase {
  case: RegistryCase;
  /** Applied events in order; the intake officer is not an event here. */
  timeline: readonly AppliedEvent[];
  finalState: CaseState;
  settled: bigint;
  remaining: bigint;
  officer: string | null;
  /** The last `able`, `verify` or `unable` event's date (statistics.md §11), or null. */
  lastVerification: IsoDate | null;
}

export interface ReplayOptions {
  /** Today (local date): an event dated after it is invalid. Omit to skip that check. */
  today?: IsoDate;
  /** The unit of an officer code, or undefined when unknown; omit to skip the officer check. */
  officerUnit?: (officer: string) => string | undefined;
}

function describeEvent(c: RegistryCase, index: number, e: CaseEvent): string {
  const amount = e.amount !== null && e.amount !== undefined ? ` ${e.amount.toString()} đồng` : '';
  return `việc ${c.id}, sự kiện thứ ${index + 1} (${e.kind} ngày ${e.date}${amount})`;
}

/**
 * Checks every event of a case against the rules of §5 and returns the first violation, or the
 * applied timeline. Never throws for rule violations; see `replayCaseOrThrow`.
 */
export function replayCase(
  c: RegistryCase,
  options: ReplayOptions = {},
): { ok: true; replayed: ReplayedCase } | { ok: false; violation: EventViolation } {
  let state: CaseState = 'able';
  let settled = 0n;
  let officer: string | null = c.officer ?? null;
  let lastVerification: IsoDate | null = null;
  const timeline: AppliedEvent[] = [];
  const officerUnit = options.officerUnit;
  if (officer !== null && officerUnit && officerUnit(officer) !== c.unit) {
    return {
      ok: false,
      violation: {
        caseId: c.id,
        eventIndex: -1,
        event: { date: c.receivedOn, kind: 'assign', officer },
        code: 'OFFICER_NOT_IN_UNIT',
        message: `Việc ${c.id}: chấp hành viên ${officer} được phân công khi thụ lý không thuộc đơn vị ${c.unit}`,
        stateBefore: state,
        remainingBefore: c.amount,
      },
    };
  }

  for (let i = 0; i < c.events.length; i++) {
    const e = c.events[i]!;
    const fail = (code: EventViolationCode, reason: string) =>
      ({
        ok: false,
        violation: {
          caseId: c.id,
          eventIndex: i,
          event: e,
          code,
          message: `${capitalize(describeEvent(c, i, e))}: ${reason}`,
          stateBefore: state,
          remainingBefore: c.amount - settled,
        },
      }) as const;

    if (!isValidIsoDate(e.date)) return fail('INVALID_DATE', 'ngày không hợp lệ (cần dạng YYYY-MM-DD)');
    if (options.today !== undefined && e.date > options.today) {
      return fail('FUTURE_DATE', `ngày ${e.date} sau ngày hôm nay (${options.today})`);
    }
    if (e.date < c.receivedOn) {
      return fail('BEFORE_INTAKE', `ngày ${e.date} trước ngày thụ lý ${c.receivedOn}`);
    }
    const prev = i > 0 ? c.events[i - 1]! : null;
    if (prev && e.date < prev.date) {
      // Callers sort by date; an out-of-order list would silently change outcomes.
      return fail('INVALID_DATE', `các sự kiện phải theo thứ tự ngày (trước đó là ngày ${prev.date})`);
    }
    if (!(state in OPEN_STATE_LABELS_VI)) {
      return fail('AFTER_CLOSE', `việc ${stateLabelVi(state)}, không thể ghi thêm sự kiện`);
    }
    const open = state as OpenState;

    const isMoney = e.kind === 'pay' || e.kind === 'reduce';
    const hasAmount = e.amount !== null && e.amount !== undefined;
    if (isMoney && (!hasAmount || e.amount! <= 0n)) {
      return fail('AMOUNT_REQUIRED', 'cần số tiền là số nguyên đồng lớn hơn 0');
    }
    if (!isMoney && hasAmount) return fail('AMOUNT_NOT_ALLOWED', 'loại sự kiện này không có số tiền');
    const hasOfficer = e.officer !== null && e.officer !== undefined && e.officer !== '';
    if (e.kind === 'assign' && !hasOfficer) return fail('OFFICER_REQUIRED', 'cần mã chấp hành viên được phân công');
    if (e.kind !== 'assign' && hasOfficer) return fail('OFFICER_NOT_ALLOWED', 'chỉ sự kiện phân công mới có chấp hành viên');
    const hasGround = e.ground !== null && e.ground !== undefined;
    if (e.kind === 'unable' && !hasGround) return fail('GROUND_REQUIRED', 'cần căn cứ a, b hoặc c của Điều 44a');
    if (e.kind !== 'unable' && hasGround) return fail('GROUND_NOT_ALLOWED', 'chỉ quyết định chưa có điều kiện mới có căn cứ');
    if (hasGround && !UNABLE_GROUNDS.includes(e.ground!)) return fail('GROUND_REQUIRED', 'căn cứ phải là a, b hoặc c');
    if (e.kind === 'unable' && !e.decisionNo) return fail('DECISION_REQUIRED', 'cần số quyết định về việc chưa có điều kiện thi hành');

    if (!isAllowedIn(e.kind, open)) {
      return fail('NOT_ALLOWED_IN_STATE', `không được phép khi việc ${OPEN_STATE_LABELS_VI[open]}`);
    }

    switch (e.kind) {
      case 'able':
      case 'verify':
        lastVerification = e.date;
        break;
      case 'unable':
        lastVerification = e.date;
        state = 'unable';
        break;
      case 'resume':
        state = 'able';
        break;
      case 'postpone':
        state = 'postponed';
        break;
      case 'suspend':
        state = 'suspended';
        break;
      case 'pay':
      case 'reduce': {
        const remaining = c.amount - settled;
        if (e.amount! > remaining) {
          return fail('OVER_SETTLEMENT', `số tiền vượt quá số còn phải thi hành (${remaining.toString()} đồng)`);
        }
        settled += e.amount!;
        break;
      }
      case 'assign':
        if (officerUnit && officerUnit(e.officer!) !== c.unit) {
          return fail('OFFICER_NOT_IN_UNIT', `chấp hành viên ${e.officer} không thuộc đơn vị ${c.unit}`);
        }
        officer = e.officer!;
        break;
      case 'complete':
        if (c.amount - settled !== 0n) {
          return fail('REMAINING_NOT_ZERO', `còn ${(c.amount - settled).toString()} đồng chưa thi hành, chưa thể thi hành xong`);
        }
        state = 'completed';
        break;
      case 'terminate':
        state = 'terminated';
        break;
      case 'transfer':
        state = 'transferred';
        break;
      case 'withdraw':
        state = 'withdrawn';
        break;
    }
    timeline.push({ event: e, state, settled, officer });
  }

  return {
    ok: true,
    replayed: {
      case: c,
      timeline,
      finalState: state,
      settled,
      remaining: c.amount - settled,
      officer,
      lastVerification,
    },
  };
}

/** `replayCase`, throwing a DomainError('INVALID_EVENT') with the Vietnamese reason. */
export function replayCaseOrThrow(c: RegistryCase, options: ReplayOptions = {}): ReplayedCase {
  const result = replayCase(c, options);
  if (!result.ok) {
    throw new DomainError('INVALID_EVENT', result.violation.message, {
      caseId: result.violation.caseId,
      eventIndex: result.violation.eventIndex,
      violation: result.violation.code,
    });
  }
  return result.replayed;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function isOpenState(state: CaseState): state is OpenState {
  return state in OPEN_STATE_LABELS_VI;
}
