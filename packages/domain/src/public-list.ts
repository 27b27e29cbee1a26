/**
 * The public list of "chưa có điều kiện" debtors (statistics.md §11): name search folding, the list
 * entries derived from the registry, their publication, the reconciliation with the statistics
 * (V12) and the re-verification due dates.
 */
import {
  stateLabelVi,
  type CaseState,
  type EventKind,
  type ReplayedCase,
  type UnableGround,
} from './events.js';
import { addMonthsClamped, formatViDate, type IsoDate } from './period.js';
import { compareBytes } from './registry-report.js';
import type { Report } from './report.js';
import type { RuleSet } from './rule-set.js';
import { sortFindings, type Finding } from './validation.js';

/**
 * Folds text for search: lower case, diacritics removed, đ/Đ mapped to d, spaces collapsed.
 * "Đặng Văn Đức" → "dang van duc".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Substring match on folded text: "dang van duc" finds "Đặng Văn Đức". */
export function matchesNameSearch(name: string, query: string): boolean {
  return foldForSearch(name).includes(foldForSearch(query));
}

/**
 * Re-verification (xác minh lại) of an unable case is due 6 calendar months after its last
 * verification, clamped to the end of the month; 12 months for a case marked `reverify_yearly`.
 */
export function reverificationDue(
  lastVerification: IsoDate,
  yearly: boolean,
  ruleSet: RuleSet,
): IsoDate {
  const months = yearly ? ruleSet.reverifyMonths.yearly : ruleSet.reverifyMonths.default;
  return addMonthsClamped(lastVerification, months);
}

// ---------------------------------------------------------------------------------------------
// The list entries, derived from the registry.
//
// An entry is an `unable` decision of a case (QĐ về việc chưa có điều kiện thi hành án). It ends
// at the first later event that takes the case out of that decision: `resume`, a closing
// (`complete`, `terminate`), an exit (`transfer`, `withdraw`), or a newer `unable` decision, which
// replaces it (Decision: the debtor is then listed under the newer decision, with its ground and
// number; it needs its own publication). Nothing else about an entry lives in the registry: the
// publication date and the address withholding are kept beside it, keyed by
// (case, decision number, decision date).
// ---------------------------------------------------------------------------------------------

/** The kinds of decision that end an entry. */
export const ENTRY_ENDING_KINDS = [
  'resume',
  'complete',
  'terminate',
  'transfer',
  'withdraw',
  'unable',
] as const;
export type EntryEndingKind = (typeof ENTRY_ENDING_KINDS)[number];

export const ENTRY_ENDING_LABELS_VI: Readonly<Record<EntryEndingKind, string>> = {
  resume: 'QĐ tiếp tục thi hành án',
  complete: 'Thi hành xong',
  terminate: 'QĐ đình chỉ thi hành án',
  transfer: 'QĐ ủy thác thi hành án',
  withdraw: 'Thu hồi, hủy QĐ THA, trả đơn',
  unable: 'QĐ chưa có điều kiện thi hành mới (thay thế)',
};

/** The grounds of khoản 1 Điều 44a Luật Thi hành án dân sự, as the public reads them. */
export const UNABLE_GROUND_LABELS_VI: Readonly<Record<UnableGround, string>> = {
  a: 'Người phải thi hành án không có thu nhập hoặc thu nhập chỉ bảo đảm cuộc sống tối thiểu, không có tài sản để thi hành án',
  b: 'Vật đặc định, giấy tờ phải trả không còn hoặc không thể thu hồi, cấp lại',
  c: 'Chưa xác định được địa chỉ, nơi cư trú của người phải thi hành án',
};

/** "Điểm a khoản 1 Điều 44a Luật Thi hành án dân sự". */
export function groundReferenceVi(ground: UnableGround): string {
  return `Điểm ${ground} khoản 1 Điều 44a Luật Thi hành án dân sự`;
}

export interface EntryEnding {
  kind: EntryEndingKind;
  date: IsoDate;
  decisionNo: string | null;
}

/** Identifies an entry: the case and its unable decision's number and date. */
export interface EntryKey {
  caseId: string;
  decisionNo: string;
  decisionDate: IsoDate;
}

/** A map key for an EntryKey. */
export function entryKeyString(key: EntryKey): string {
  return JSON.stringify([key.caseId, key.decisionNo, key.decisionDate]);
}

/** One unable decision of a case: an entry of the public list (statistics.md §11). */
export interface UnableDecision extends EntryKey {
  unit: string;
  ground: UnableGround;
  /** The obligation not yet executed at the decision: amount − settled before it (applied order). */
  remainingAtDecision: bigint;
  /** The decision that ended the entry, or null while it stands. */
  ending: EntryEnding | null;
}

const ENDS_ENTRY: ReadonlySet<EventKind> = new Set<EventKind>(ENTRY_ENDING_KINDS);

/** Every unable decision of a validated case, in applied order, each with its ending if any. */
export function unableDecisions(r: ReplayedCase): UnableDecision[] {
  const out: UnableDecision[] = [];
  let settledBefore = 0n;
  let open: UnableDecision | null = null;
  for (const applied of r.timeline) {
    const e = applied.event;
    if (open && ENDS_ENTRY.has(e.kind)) {
      open.ending = {
        kind: e.kind as EntryEndingKind,
        date: e.date,
        decisionNo: e.decisionNo ?? null,
      };
      open = null;
    }
    if (e.kind === 'unable') {
      open = {
        caseId: r.case.id,
        unit: r.case.unit,
        decisionNo: e.decisionNo ?? '',
        decisionDate: e.date,
        ground: e.ground!,
        remainingAtDecision: r.case.amount - settledBefore,
        ending: null,
      };
      out.push(open);
    }
    settledBefore = applied.settled;
  }
  return out;
}

/** The state of a validated case at the end of `date` (events after it ignored); null before intake. */
export function caseStateOn(r: ReplayedCase, date: IsoDate): CaseState | null {
  if (r.case.receivedOn > date) return null;
  let state: CaseState = 'able';
  for (const applied of r.timeline) {
    if (applied.event.date > date) break;
    state = applied.state;
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// Publication.
// ---------------------------------------------------------------------------------------------

/**
 * What is recorded about the publication of an entry (not in the registry): the date the Cục
 * confirmed it is published from, and, only for a record the registry no longer supports (its
 * decision was corrected away), the date it was withdrawn by hand.
 */
export interface PublicationRecord extends EntryKey {
  publishedOn: IsoDate;
  withdrawnOn: IsoDate | null;
}

/**
 * The publication setting: with `autoPublishFrom` set, every unable decision dated on or after it
 * that has no record is published automatically on its decision date. Null: the Cục confirms each.
 */
export interface PublicationSettings {
  autoPublishFrom: IsoDate | null;
}

/** The date an entry is published from (a record wins over the automatic setting), or null. */
export function publicationDateOf(
  decision: EntryKey,
  record: PublicationRecord | undefined,
  settings: PublicationSettings,
): IsoDate | null {
  if (record) return record.publishedOn;
  if (settings.autoPublishFrom !== null && decision.decisionDate >= settings.autoPublishFrom)
    return decision.decisionDate;
  return null;
}

/**
 * Where an entry stands on a date: `ended` (its ending decision is dated on or before it),
 * `withdrawn` (its record was withdrawn by hand), `awaiting` (no publication yet), `scheduled`
 * (published from a later date), `published` (on the public page).
 */
export type EntryStatus = 'ended' | 'withdrawn' | 'awaiting' | 'scheduled' | 'published';

export const ENTRY_STATUS_LABELS_VI: Readonly<Record<EntryStatus, string>> = {
  ended: 'Đã kết thúc công khai',
  withdrawn: 'Đã gỡ (không còn căn cứ)',
  awaiting: 'Chờ xác nhận công khai',
  scheduled: 'Sẽ công khai',
  published: 'Đang công khai',
};

export function entryStatusOn(
  decision: Pick<UnableDecision, 'ending'>,
  publishedOn: IsoDate | null,
  withdrawnOn: IsoDate | null,
  date: IsoDate,
): EntryStatus {
  if (decision.ending && decision.ending.date <= date) return 'ended';
  if (withdrawnOn !== null && withdrawnOn <= date) return 'withdrawn';
  if (publishedOn === null) return 'awaiting';
  if (publishedOn > date) return 'scheduled';
  return 'published';
}

// ---------------------------------------------------------------------------------------------
// Reconciliation with the statistics (V12, statistics.md §8 and §11).
// ---------------------------------------------------------------------------------------------

/** A case that is N (unable) at the date without a published entry. */
export interface UnpublishedCase {
  caseId: string;
  unit: string;
  /** The decision the case is unable under at the date. */
  decision: UnableDecision;
  /** Null: never published; a date after the reconciliation date: published only later. */
  publishedOn: IsoDate | null;
}

/** A published, not ended entry whose case is not N at the date. */
export interface NotUnableEntry {
  caseId: string;
  /** Null when the case is not in the registry any more. */
  unit: string | null;
  record: PublicationRecord;
  /** The case's state at the date; null when it was not received yet or is not in the registry. */
  state: CaseState | null;
  /** False when the record matches no unable decision of the case in the registry any more. */
  matchesRegistry: boolean;
}

export interface PublicListReconciliation {
  /** The date compared (a report's period end E). */
  date: IsoDate;
  unpublished: UnpublishedCase[];
  notUnable: NotUnableEntry[];
  /** Every record (of these cases) that matches no unable decision of the registry, whatever its dates. */
  orphans: PublicationRecord[];
}

export interface ReconciliationInput {
  /** The validated cases to check (a report's cases). */
  cases: readonly ReplayedCase[];
  /** The publication records of these cases (records of other cases are ignored). */
  records: readonly PublicationRecord[];
  settings: PublicationSettings;
  date: IsoDate;
}

/**
 * Compares the public list with the registry at `date`, per case: the cases that are N at the date
 * without an entry published on or before it (and not ended or withdrawn by it), and the entries
 * published and standing at the date whose case is not N then. Results ascend by the bytes of the
 * case id.
 *
 * With entries derived from the registry, a standing entry always has its case N; the second list
 * can only hold records whose decision the registry no longer has (a corrected or removed unable
 * decision), which is exactly what needs a person's attention.
 */
export function reconcilePublicList(input: ReconciliationInput): PublicListReconciliation {
  const { date, settings } = input;
  const byId = new Map(input.cases.map((r) => [r.case.id, r]));
  const recordsByCase = new Map<string, PublicationRecord[]>();
  for (const record of input.records) {
    if (!byId.has(record.caseId)) continue;
    let list = recordsByCase.get(record.caseId);
    if (!list) recordsByCase.set(record.caseId, (list = []));
    list.push(record);
  }

  const unpublished: UnpublishedCase[] = [];
  const notUnable: NotUnableEntry[] = [];
  const orphans: PublicationRecord[] = [];
  for (const r of input.cases) {
    const decisions = unableDecisions(r);
    const records = recordsByCase.get(r.case.id) ?? [];
    const recordByKey = new Map(records.map((p) => [entryKeyString(p), p]));
    const decisionKeys = new Set(decisions.map(entryKeyString));
    const state = caseStateOn(r, date);

    if (state === 'unable') {
      // The decision the case stands under at the date: the last one dated on or before it.
      const current = [...decisions].reverse().find((d) => d.decisionDate <= date);
      if (current) {
        const record = recordByKey.get(entryKeyString(current));
        const publishedOn = publicationDateOf(current, record, settings);
        const status = entryStatusOn(current, publishedOn, record?.withdrawnOn ?? null, date);
        if (status !== 'published')
          unpublished.push({
            caseId: r.case.id,
            unit: r.case.unit,
            decision: current,
            publishedOn,
          });
      }
    }

    for (const record of records) {
      const matches = decisionKeys.has(entryKeyString(record));
      if (!matches) orphans.push(record);
      const decision = decisions.find((d) => entryKeyString(d) === entryKeyString(record));
      const status = entryStatusOn(
        decision ?? { ending: null },
        record.publishedOn,
        record.withdrawnOn,
        date,
      );
      if (status === 'published' && state !== 'unable') {
        notUnable.push({
          caseId: r.case.id,
          unit: r.case.unit,
          record,
          state,
          matchesRegistry: matches,
        });
      }
    }
  }
  // Records whose case is not among the cases given are not this reconciliation's business.
  const byCase = (a: { caseId: string }, b: { caseId: string }) => compareBytes(a.caseId, b.caseId);
  return {
    date,
    unpublished: unpublished.sort(byCase),
    notUnable: notUnable.sort(byCase),
    orphans: orphans.sort(byCase),
  };
}

/** One V12 warning per mismatching case (statistics.md §8), measure `cases`, line N. */
export function publicListFindings(reconciliation: PublicListReconciliation): Finding[] {
  const at = formatViDate(reconciliation.date);
  const messages = new Map<string, string>();
  for (const u of reconciliation.unpublished) {
    const decision = `quyết định số ${u.decision.decisionNo} ngày ${formatViDate(u.decision.decisionDate)}`;
    const why =
      u.publishedOn === null
        ? 'chưa được công khai'
        : `chỉ được công khai từ ngày ${formatViDate(u.publishedOn)}`;
    messages.set(
      u.caseId,
      `Danh sách công khai: việc ${u.caseId} chưa có điều kiện thi hành tại ngày ${at} (${decision}) nhưng ${why}`,
    );
  }
  for (const n of reconciliation.notUnable) {
    if (messages.has(n.caseId)) continue;
    const state = n.state === null ? 'không có trong sổ thụ lý' : `đang ${stateLabelVi(n.state)}`;
    const decision = `quyết định số ${n.record.decisionNo} ngày ${formatViDate(n.record.decisionDate)}`;
    const registry = n.matchesRegistry ? '' : '; sổ thụ lý không còn quyết định này';
    messages.set(
      n.caseId,
      `Danh sách công khai: việc ${n.caseId} đang được công khai theo ${decision} nhưng tại ngày ${at} việc ${state}, không phải chưa có điều kiện thi hành${registry}`,
    );
  }
  return [...messages.entries()]
    .sort(([a], [b]) => compareBytes(a, b))
    .map(([, message]) => ({
      rule: 'V12',
      severity: 'warning',
      measure: 'cases',
      line: 'unable',
      message,
    }));
}

/** The report with extra findings (such as V12), all findings in their order (statistics.md §8). */
export function withFindings(report: Report, extra: readonly Finding[]): Report {
  if (extra.length === 0) return report;
  return { ...report, validation: sortFindings([...report.validation, ...extra]) };
}

// ---------------------------------------------------------------------------------------------
// Re-verification (xác minh lại) of unable cases.
// ---------------------------------------------------------------------------------------------

export interface ReverificationItem {
  caseId: string;
  unit: string;
  /** The officer holding the case now; null when unassigned. */
  officer: string | null;
  /** The decision the case is unable under. */
  decisionNo: string;
  decisionDate: IsoDate;
  /** The last `able`, `verify` or `unable` event (§5). */
  lastVerification: IsoDate;
  yearly: boolean;
  due: IsoDate;
  /** Due before `today`. */
  overdue: boolean;
}

/**
 * The re-verification due dates of the cases unable now (their final state), ascending by due date,
 * then case id. Cases in any other state are left out.
 */
export function reverificationList(
  cases: readonly { replayed: ReplayedCase; reverifyYearly: boolean }[],
  today: IsoDate,
  ruleSet: RuleSet,
): ReverificationItem[] {
  const out: ReverificationItem[] = [];
  for (const { replayed: r, reverifyYearly } of cases) {
    if (r.finalState !== 'unable') continue;
    const decisions = unableDecisions(r);
    const current = decisions[decisions.length - 1];
    if (!current || r.lastVerification === null) continue;
    const due = reverificationDue(r.lastVerification, reverifyYearly, ruleSet);
    out.push({
      caseId: r.case.id,
      unit: r.case.unit,
      officer: r.officer,
      decisionNo: current.decisionNo,
      decisionDate: current.decisionDate,
      lastVerification: r.lastVerification,
      yearly: reverifyYearly,
      due,
      overdue: due < today,
    });
  }
  return out.sort((a, b) =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : compareBytes(a.caseId, b.caseId),
  );
}
