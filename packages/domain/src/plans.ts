/**
 * Enforcement plans (kế hoạch thi hành án, issue 7): for each case, a list of measures (biện pháp),
 * each with a due date, the officer responsible, a status and its outcome; built-in templates for
 * the common kinds of case; when a measure is overdue or due this month; what completing the cases
 * of a month would add to an officer's monthly targets; and plan coverage.
 *
 * Pure: "today" is always an argument (the local date in Asia/Ho_Chi_Minh, computed by the caller).
 * Dates are ISO 'YYYY-MM-DD' strings, compared as strings.
 */
import { percentCenti, type Centi } from './decimal.js';
import { OPEN_STATES } from './case-registry.js';
import type { CaseState } from './events.js';
import { daysInMonth, isoDate, parseIsoDate, type IsoDate } from './period.js';

/** The kinds of measure (biện pháp). The codes are stable: they are stored. */
export const MEASURE_KINDS = [
  'notify',
  'voluntary',
  'verify',
  'coercion',
  'seizure',
  'valuation',
  'auction',
  'payout',
  'handover',
  'reverify',
  'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_LABELS_VI: Readonly<Record<MeasureKind, string>> = {
  notify: 'Thông báo quyết định thi hành án',
  voluntary: 'Thời hạn tự nguyện thi hành án',
  verify: 'Xác minh điều kiện thi hành án',
  coercion: 'Ra quyết định cưỡng chế thi hành án',
  seizure: 'Kê biên tài sản',
  valuation: 'Thẩm định giá tài sản',
  auction: 'Bán đấu giá tài sản',
  payout: 'Chi trả, thanh toán tiền thi hành án',
  handover: 'Giao tài sản, thực hiện công việc theo bản án',
  reverify: 'Xác minh lại điều kiện thi hành án',
  other: 'Biện pháp khác',
};

export function isMeasureKind(text: string): text is MeasureKind {
  return (MEASURE_KINDS as readonly string[]).includes(text);
}

/** What became of a measure. `planned` and `in_progress` are open; the others are settled. */
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_STATUS_LABELS_VI: Readonly<Record<MeasureStatus, string>> = {
  planned: 'Đã lên kế hoạch',
  in_progress: 'Đang thực hiện',
  done: 'Đã thực hiện xong',
  cancelled: 'Đã hủy',
};

export const OPEN_MEASURE_STATUSES: readonly MeasureStatus[] = ['planned', 'in_progress'];

export function isMeasureStatus(text: string): text is MeasureStatus {
  return (MEASURE_STATUSES as readonly string[]).includes(text);
}

/** Still to be done: planned or in progress. */
export function isOpenMeasure(status: MeasureStatus | string): boolean {
  return status === 'planned' || status === 'in_progress';
}

/** The part of a measure the rules look at. */
export interface MeasureTiming {
  status: MeasureStatus | string;
  dueOn: IsoDate;
}

/** Overdue (quá hạn): still open and due before today. A measure due today is not overdue yet. */
export function isOverdue(m: MeasureTiming, today: IsoDate): boolean {
  return isOpenMeasure(m.status) && m.dueOn < today;
}

/** The first and last day of the calendar month of `date`. */
export function monthOf(date: IsoDate): { first: IsoDate; last: IsoDate } {
  const { year, month } = parseIsoDate(date);
  return { first: isoDate(year, month, 1), last: isoDate(year, month, daysInMonth(year, month)) };
}

/** Due this month: still open and due in today's calendar month (overdue ones of it included). */
export function isDueThisMonth(m: MeasureTiming, today: IsoDate): boolean {
  const { first, last } = monthOf(today);
  return isOpenMeasure(m.status) && m.dueOn >= first && m.dueOn <= last;
}

/**
 * Where a measure stands today, one word for the lists: settled ones by their status; open ones
 * `overdue` (before today), `due_this_month` (today up to the end of the month) or `upcoming`.
 */
export type MeasureStanding = 'done' | 'cancelled' | 'overdue' | 'due_this_month' | 'upcoming';

export const MEASURE_STANDING_LABELS_VI: Readonly<Record<MeasureStanding, string>> = {
  done: 'Đã xong',
  cancelled: 'Đã hủy',
  overdue: 'Quá hạn',
  due_this_month: 'Đến hạn trong tháng',
  upcoming: 'Chưa đến hạn',
};

export function measureStanding(m: MeasureTiming, today: IsoDate): MeasureStanding {
  if (m.status === 'done') return 'done';
  if (m.status === 'cancelled') return 'cancelled';
  if (m.dueOn < today) return 'overdue';
  return m.dueOn <= monthOf(today).last ? 'due_this_month' : 'upcoming';
}

// ---------------------------------------------------------------------------------------------
// Dates: whole days, computed without the clock (days since 1970-01-01 in the proleptic Gregorian
// calendar, Howard Hinnant's days_from_civil).
// ---------------------------------------------------------------------------------------------

function daysFromCivil(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return isoDate(year, month, day);
}

/** `date` plus `days` calendar days (negative to go back): 2017-02-25 + 5 = 2017-03-02. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`số ngày phải là số nguyên, nhận được ${days}`);
  return civilFromDays(daysFromCivil(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return daysFromCivil(to) - daysFromCivil(from);
}

// ---------------------------------------------------------------------------------------------
// Templates (mẫu kế hoạch).
//
// A step's due date is its anchor plus its offset in calendar days:
// - `decision`: the date of the case's QĐ THA (the intake date when the registry has none);
// - `reverification`: when the case's re-verification is due (statistics.md §11; today if none);
// - `previous`: the due date of the step before it, as finally set (after the rule below);
// - `today`.
// Decision: a plan is about work still to do, so a step whose date falls before today is set to
// today (`clamped`, with the date the law would give kept in `computedOn`): for a case received
// long ago the officer sees at once the legal steps to confirm (mark done) or cancel. Every step
// after it then follows from today. The law counts some periods in working days; the templates
// use calendar days (7 calendar days for 5 working days) and the officer edits the dates after.
// ---------------------------------------------------------------------------------------------

export type TemplateAnchor = 'decision' | 'reverification' | 'previous' | 'today';

export interface PlanTemplateStep {
  kind: MeasureKind;
  anchor: TemplateAnchor;
  /** Calendar days after the anchor. */
  offsetDays: number;
  /** Why this date, for the officer (the article of Luật Thi hành án dân sự, or our choice). */
  basisVi: string;
}

export interface PlanTemplate {
  code: PlanTemplateCode;
  labelVi: string;
  descriptionVi: string;
  steps: readonly PlanTemplateStep[];
}

export const PLAN_TEMPLATE_CODES = [
  'money_full',
  'money_voluntary',
  'non_money',
  'unable_reverify',
] as const;
export type PlanTemplateCode = (typeof PLAN_TEMPLATE_CODES)[number];

const NOTIFY: PlanTemplateStep = {
  kind: 'notify',
  anchor: 'decision',
  offsetDays: 3,
  basisVi: 'Điều 39: thông báo quyết định thi hành án trong 03 ngày làm việc',
};
const VOLUNTARY: PlanTemplateStep = {
  kind: 'voluntary',
  anchor: 'decision',
  offsetDays: 10,
  basisVi: 'Điều 45: thời hạn tự nguyện thi hành án là 10 ngày',
};
const VERIFY: PlanTemplateStep = {
  kind: 'verify',
  anchor: 'previous',
  offsetDays: 10,
  basisVi: 'Điều 44: xác minh trong 10 ngày kể từ khi hết thời hạn tự nguyện',
};

export const PLAN_TEMPLATES: readonly PlanTemplate[] = [
  {
    code: 'money_full',
    labelVi: 'Nghĩa vụ trả tiền: tự nguyện, xác minh, cưỡng chế, kê biên, bán đấu giá, chi trả',
    descriptionVi:
      'Việc trả tiền mà người phải thi hành án không tự nguyện: đủ các bước đến chi trả tiền.',
    steps: [
      NOTIFY,
      VOLUNTARY,
      VERIFY,
      {
        kind: 'coercion',
        anchor: 'previous',
        offsetDays: 15,
        basisVi:
          'Điều 46: hết thời hạn tự nguyện mà không thi hành thì cưỡng chế (15 ngày sau xác minh)',
      },
      {
        kind: 'seizure',
        anchor: 'previous',
        offsetDays: 15,
        basisVi: 'Điều 71: kê biên tài sản (15 ngày sau quyết định cưỡng chế)',
      },
      {
        kind: 'valuation',
        anchor: 'previous',
        offsetDays: 7,
        basisVi: 'Điều 98: ký hợp đồng thẩm định giá trong 05 ngày làm việc kể từ ngày kê biên',
      },
      {
        kind: 'auction',
        anchor: 'previous',
        offsetDays: 40,
        basisVi:
          'Điều 101: ký hợp đồng bán đấu giá trong 10 ngày, bán trong 30 ngày (động sản) kể từ ngày ký',
      },
      {
        kind: 'payout',
        anchor: 'previous',
        offsetDays: 10,
        basisVi: 'Điều 47: chi trả tiền trong 10 ngày kể từ ngày thu được tiền',
      },
    ],
  },
  {
    code: 'money_voluntary',
    labelVi: 'Nghĩa vụ trả tiền: tự nguyện thi hành, chi trả',
    descriptionVi: 'Việc trả tiền mà người phải thi hành án có điều kiện và tự nguyện nộp tiền.',
    steps: [
      NOTIFY,
      VOLUNTARY,
      {
        kind: 'payout',
        anchor: 'previous',
        offsetDays: 10,
        basisVi: 'Điều 47: chi trả tiền trong 10 ngày kể từ ngày thu được tiền',
      },
    ],
  },
  {
    code: 'non_money',
    labelVi: 'Nghĩa vụ không phải trả tiền (giao tài sản, thực hiện công việc)',
    descriptionVi:
      'Trả vật, giao nhà, thực hiện hoặc không thực hiện công việc: tự nguyện, xác minh, cưỡng chế, giao.',
    steps: [
      NOTIFY,
      VOLUNTARY,
      VERIFY,
      {
        kind: 'coercion',
        anchor: 'previous',
        offsetDays: 15,
        basisVi: 'Điều 46: cưỡng chế khi hết thời hạn tự nguyện (15 ngày sau xác minh)',
      },
      {
        kind: 'handover',
        anchor: 'previous',
        offsetDays: 30,
        basisVi: 'Điều 114–121: tổ chức cưỡng chế giao tài sản, thực hiện công việc (30 ngày sau)',
      },
    ],
  },
  {
    code: 'unable_reverify',
    labelVi: 'Việc chưa có điều kiện: xác minh lại',
    descriptionVi:
      'Xác minh lại điều kiện thi hành án của việc đã có quyết định chưa có điều kiện thi hành.',
    steps: [
      {
        kind: 'reverify',
        anchor: 'reverification',
        offsetDays: 0,
        basisVi:
          'Điều 44: xác minh lại ít nhất 06 tháng một lần (01 năm một lần với người đang chấp hành hình phạt tù, chưa rõ địa chỉ)',
      },
      {
        kind: 'notify',
        anchor: 'previous',
        offsetDays: 5,
        basisVi: 'Điều 44: thông báo kết quả xác minh cho người được thi hành án',
      },
    ],
  },
];

export function planTemplate(code: string): PlanTemplate | undefined {
  return PLAN_TEMPLATES.find((t) => t.code === code);
}

/** The dates of a case that templates count from. */
export interface TemplateCaseDates {
  receivedOn: IsoDate;
  /** Date of the QĐ THA; null when the registry has none (the intake date is used). */
  decisionDate: IsoDate | null;
  /** When the case's re-verification is due, for a case unable now; null otherwise. */
  reverificationDue: IsoDate | null;
}

export interface ProposedMeasure {
  kind: MeasureKind;
  dueOn: IsoDate;
  /** The date the anchor and offset give, before the rule "not before today". */
  computedOn: IsoDate;
  /** `computedOn` was before today, so `dueOn` is today. */
  clamped: boolean;
  basisVi: string;
}

/** The measures a template proposes for a case, in order (see the rules above). */
export function applyTemplate(
  template: PlanTemplate,
  dates: TemplateCaseDates,
  today: IsoDate,
): ProposedMeasure[] {
  const out: ProposedMeasure[] = [];
  let previous = today;
  for (const step of template.steps) {
    const anchor =
      step.anchor === 'decision'
        ? (dates.decisionDate ?? dates.receivedOn)
        : step.anchor === 'reverification'
          ? (dates.reverificationDue ?? today)
          : step.anchor === 'previous'
            ? previous
            : today;
    const computedOn = addDays(anchor, step.offsetDays);
    const clamped = computedOn < today;
    const dueOn = clamped ? today : computedOn;
    out.push({ kind: step.kind, dueOn, computedOn, clamped, basisVi: step.basisVi });
    previous = dueOn;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// "Việc của tôi": what completing this month's cases would add to the monthly targets.
// ---------------------------------------------------------------------------------------------

/** A case of the month's work: its state now and what remains to execute (amount − settled). */
export interface WorkCase {
  caseId: string;
  state: CaseState;
  remaining: bigint;
}

export interface CompletionGain {
  cases: bigint;
  money: bigint;
}

/**
 * What completing these cases this month would add to the officer's `casesCompleted` and
 * `moneyCompleted` (statistics.md §4, §9): each open case completed adds 1 to X (cases) and its
 * remaining money to X (money): a case completed must be fully settled first (§5), and what is
 * paid or reduced inside the period counts in X. Closed cases add nothing; a case listed twice
 * counts once.
 */
export function completionGain(cases: readonly WorkCase[]): CompletionGain {
  const seen = new Set<string>();
  let count = 0n;
  let money = 0n;
  for (const c of cases) {
    if (seen.has(c.caseId)) continue;
    seen.add(c.caseId);
    if (!(OPEN_STATES as readonly string[]).includes(c.state)) continue;
    count += 1n;
    money += c.remaining > 0n ? c.remaining : 0n;
  }
  return { cases: count, money };
}

export interface MonthlyOutlookLine {
  /** What the officer completed in the month so far (X(n) − X(n−1)); null when unknown. */
  completed: bigint | null;
  /** The monthly target; null when none is set. */
  target: bigint | null;
  /** What completing the month's cases would add. */
  gain: bigint;
  /** completed + gain; null when `completed` is unknown. */
  ifAllDone: bigint | null;
  /** target − completed, at least 0; null without both. */
  missingNow: bigint | null;
  /** target − (completed + gain), at least 0; null without both. */
  missingIfAllDone: bigint | null;
  /** Whether completing them all reaches the target; null without both. */
  reachesTarget: boolean | null;
}

function outlookLine(
  completed: bigint | null,
  target: bigint | null,
  gain: bigint,
): MonthlyOutlookLine {
  const ifAllDone = completed === null ? null : completed + gain;
  const missing = (have: bigint | null) =>
    have === null || target === null ? null : target > have ? target - have : 0n;
  return {
    completed,
    target,
    gain,
    ifAllDone,
    missingNow: missing(completed),
    missingIfAllDone: missing(ifAllDone),
    reachesTarget: ifAllDone === null || target === null ? null : ifAllDone >= target,
  };
}

/** The month's two officer targets with what completing the month's cases would add. */
export function monthlyOutlook(input: {
  completed: { cases: bigint | null; money: bigint | null };
  target: { cases: bigint | null; money: bigint | null };
  gain: CompletionGain;
}): { cases: MonthlyOutlookLine; money: MonthlyOutlookLine } {
  return {
    cases: outlookLine(input.completed.cases, input.target.cases, input.gain.cases),
    money: outlookLine(input.completed.money, input.target.money, input.gain.money),
  };
}

// ---------------------------------------------------------------------------------------------
// Coverage (độ bao phủ kế hoạch).
// ---------------------------------------------------------------------------------------------

/** A case as coverage sees it: its state now and its measures. */
export interface CoverageCase {
  state: CaseState | string;
  measures: readonly MeasureTiming[];
}

export interface PlanCoverage {
  /** Cases not closed or exited (able, postponed, suspended, unable). */
  openCases: number;
  /** Open cases with at least one open measure: they have a plan ahead of them. */
  casesWithPlan: number;
  /** Open cases without any open measure (none at all, or all done or cancelled). */
  casesWithoutPlan: number;
  /** Open measures (of open and closed cases alike). */
  openMeasures: number;
  overdueMeasures: number;
  /** Cases with at least one overdue measure. */
  casesWithOverdue: number;
  /** casesWithPlan ÷ openCases × 100, two decimals; null without open cases. */
  rate: Centi | null;
}

/** Coverage rate: cases with a plan ÷ open cases, in hundredths of a percent. */
export function coverageRate(casesWithPlan: number, openCases: number): Centi | null {
  return percentCenti(BigInt(casesWithPlan), BigInt(openCases));
}

/**
 * Plan coverage of a set of cases: a case "has a plan" when it is open and has an open measure
 * (Decision: a plan whose measures are all done or cancelled while the case is still open has
 * nothing ahead of it, so the case counts as without a plan).
 */
export function planCoverage(cases: readonly CoverageCase[], today: IsoDate): PlanCoverage {
  let openCases = 0;
  let casesWithPlan = 0;
  let openMeasures = 0;
  let overdueMeasures = 0;
  let casesWithOverdue = 0;
  for (const c of cases) {
    const open = (OPEN_STATES as readonly string[]).includes(c.state);
    const openHere = c.measures.filter((m) => isOpenMeasure(m.status)).length;
    const overdueHere = c.measures.filter((m) => isOverdue(m, today)).length;
    openMeasures += openHere;
    overdueMeasures += overdueHere;
    if (overdueHere > 0) casesWithOverdue += 1;
    if (!open) continue;
    openCases += 1;
    if (openHere > 0) casesWithPlan += 1;
  }
  return {
    openCases,
    casesWithPlan,
    casesWithoutPlan: openCases - casesWithPlan,
    openMeasures,
    overdueMeasures,
    casesWithOverdue,
    rate: coverageRate(casesWithPlan, openCases),
  };
}
