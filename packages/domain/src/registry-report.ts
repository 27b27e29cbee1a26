/**
 * From the case registry to the report lines (statistics.md §3, §4 and §6).
 *
 * The primitive is what one case contributes to each line of a report; a unit's, a subtree's or an
 * officer's report is the sum of the contributions of the cases it covers, and "the cases behind a
 * line" are the cases whose contribution to that line is not 0. So the list and the number always
 * agree.
 */
import {
  matchesFlag,
  matchesJudgmentType,
  type CaseFlag,
  type FlagFilter,
  type JudgmentType,
  type JudgmentTypeFilter,
} from './classification.js';
import type { CaseMode, OpenState, ReplayedCase } from './events.js';
import { MONEY_LINE_CODES, zeroLines, type KnownLines, type LineCode, type Measure } from './lines.js';
import type { Period } from './period.js';

/** How a case ends up in a report (§3): the line of its outcome. */
export type CaseOutcome =
  | 'exited' // U
  | 'completedFull' // X1 (complete, or transfer after partial settlement)
  | 'terminated' // X2
  | 'inProgress' // D
  | 'postponed' // H
  | 'suspended' // S
  | 'unable'; // N

export interface CaseContribution {
  caseId: string;
  unit: string;
  mode: CaseMode | null;
  judgmentType: JudgmentType | null;
  flags: readonly CaseFlag[];
  /** C or M. */
  origin: 'broughtForward' | 'newlyReceived';
  outcome: CaseOutcome;
  /** Officer at E; for a case closed or exited before E, its officer at that moment (§6). */
  officer: string | null;
  /** 0 or 1 per line. */
  cases: KnownLines;
  /** Đồng per line. */
  money: KnownLines;
}

const OPEN_OUTCOME: Readonly<Record<OpenState, CaseOutcome>> = {
  able: 'inProgress',
  postponed: 'postponed',
  suspended: 'suspended',
  unable: 'unable',
};

/**
 * What one validated case contributes to the report of `period`, or null when it is not in the
 * report (received after E, or closed or exited before S). Events after E are ignored.
 */
export function caseContribution(r: ReplayedCase, period: Period): CaseContribution | null {
  const c = r.case;
  if (c.receivedOn > period.end) return null;

  let settledBeforeStart = 0n;
  let paidIn = 0n;
  let reducedIn = 0n;
  let state: OpenState = 'able';
  let officer: string | null = c.officer ?? null;
  let ending: { kind: 'complete' | 'terminate' | 'transfer' | 'withdraw'; settledBefore: bigint } | null = null;

  for (const applied of r.timeline) {
    const e = applied.event;
    if (e.date > period.end) break;
    const before = e.date < period.start;
    switch (e.kind) {
      case 'pay':
      case 'reduce':
        if (before) settledBeforeStart += e.amount!;
        else if (e.kind === 'pay') paidIn += e.amount!;
        else reducedIn += e.amount!;
        break;
      case 'unable':
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
      case 'assign':
        officer = e.officer!;
        break;
      case 'complete':
      case 'terminate':
      case 'transfer':
      case 'withdraw':
        if (before) return null; // closed or exited before S: not in the report
        ending = { kind: e.kind, settledBefore: settledBeforeStart + paidIn + reducedIn };
        break;
      case 'able':
      case 'verify':
        break;
    }
    if (ending) break;
  }

  const origin = c.receivedOn < period.start ? 'broughtForward' : 'newlyReceived';
  const A = c.amount - settledBeforeStart; // the period amount
  const s = paidIn + reducedIn;

  const cases = zeroLines('cases');
  const money = zeroLines('money');
  cases.totalReceived = 1n;
  cases[origin] = 1n;
  money.totalReceived = A;
  money[origin] = A;

  let outcome: CaseOutcome;
  if (ending && (ending.kind === 'withdraw' || (ending.kind === 'transfer' && ending.settledBefore === 0n))) {
    outcome = 'exited';
    cases.exited = 1n;
    money.exited = A;
  } else if (ending && ending.kind === 'transfer') {
    // Partly executed, the rest entrusted elsewhere: completed for what was settled (§3.2).
    outcome = 'completedFull';
    cases.toEnforce = cases.able = cases.completed = cases.completedFull = 1n;
    money.exited = A - s;
    money.toEnforce = money.able = money.completed = s;
    money.completedFull = paidIn;
    money.reduced = reducedIn;
  } else if (ending && ending.kind === 'complete') {
    outcome = 'completedFull';
    cases.toEnforce = cases.able = cases.completed = cases.completedFull = 1n;
    money.toEnforce = money.able = money.completed = A;
    money.completedFull = paidIn;
    money.reduced = reducedIn;
  } else if (ending && ending.kind === 'terminate') {
    outcome = 'terminated';
    cases.toEnforce = cases.able = cases.completed = cases.terminated = 1n;
    money.toEnforce = money.able = money.completed = A;
    money.completedFull = paidIn;
    money.reduced = reducedIn;
    money.terminated = A - s;
  } else if (state === 'unable') {
    outcome = 'unable';
    cases.toEnforce = cases.unable = 1n;
    money.toEnforce = A;
    // Money settled inside the period counts as able and completed; only the rest is unable (§4).
    money.able = money.completed = s;
    money.completedFull = paidIn;
    money.reduced = reducedIn;
    money.unable = A - s;
  } else {
    outcome = OPEN_OUTCOME[state];
    const line = outcome as 'inProgress' | 'postponed' | 'suspended';
    cases.toEnforce = cases.able = 1n;
    cases[line] = 1n;
    money.toEnforce = money.able = A;
    money.completed = s;
    money.completedFull = paidIn;
    money.reduced = reducedIn;
    money[line] = A - s;
  }
  for (const lines of [cases, money]) {
    lines.carriedOver = lines.toEnforce - lines.completed;
    lines.ableCarriedOver = lines.able - lines.completed;
  }
  return {
    caseId: c.id,
    unit: c.unit,
    mode: c.mode ?? null,
    judgmentType: c.judgmentType ?? null,
    flags: c.flags ?? [],
    origin,
    outcome,
    officer,
    cases,
    money,
  };
}

/** Which cases a registry report covers, beyond its units. */
export interface ContributionFilter {
  /** undefined: every case; null: the unassigned cases; a code: that officer's cases at E. */
  officer?: string | null;
  /** undefined: every case; 'none': cases without a mode; otherwise that mode. */
  mode?: CaseMode | 'none';
  /** undefined: every case; 'none': cases without a judgment type; otherwise that type. */
  judgmentType?: JudgmentTypeFilter;
  /** undefined: every case; `X` with flag X, `not:X` without it, 'none' with no flag at all. */
  flag?: FlagFilter;
}

export function matchesFilter(contribution: CaseContribution, filter: ContributionFilter): boolean {
  if (filter.officer !== undefined && contribution.officer !== filter.officer) return false;
  if (filter.mode !== undefined) {
    const mode = contribution.mode ?? 'none';
    if (mode !== filter.mode) return false;
  }
  if (filter.judgmentType !== undefined && !matchesJudgmentType(contribution.judgmentType, filter.judgmentType))
    return false;
  if (filter.flag !== undefined && !matchesFlag(contribution.flags, filter.flag)) return false;
  return true;
}

/** The contributions of `cases` to the report of `period` that pass `filter`. */
export function contributionsFor(
  cases: Iterable<ReplayedCase>,
  period: Period,
  filter: ContributionFilter = {},
): CaseContribution[] {
  const out: CaseContribution[] = [];
  for (const r of cases) {
    const contribution = caseContribution(r, period);
    if (contribution && matchesFilter(contribution, filter)) out.push(contribution);
  }
  return out;
}

/** Sums contributions into the lines of both measures. */
export function sumContributions(contributions: Iterable<CaseContribution>): { cases: KnownLines; money: KnownLines } {
  const cases = zeroLines('cases');
  const money = zeroLines('money');
  for (const c of contributions) {
    for (const code of MONEY_LINE_CODES) {
      cases[code] += c.cases[code];
      money[code] += c.money[code];
    }
  }
  return { cases, money };
}

/** The registry report lines of the given (already validated) cases for a period. */
export function registryLines(
  cases: Iterable<ReplayedCase>,
  period: Period,
  filter: ContributionFilter = {},
): { cases: KnownLines; money: KnownLines } {
  return sumContributions(contributionsFor(cases, period, filter));
}

export interface CaseBehindLine {
  caseId: string;
  /** 1 for the cases measure; what the case contributes in đồng for money. */
  amount: bigint;
}

/**
 * The cases behind one line (interfaces.md §5 `cases`): every case counted in the line, or for
 * money every case whose money in the line is not 0, ascending by the bytes of the case id.
 */
export function casesBehindLine(
  contributions: Iterable<CaseContribution>,
  line: LineCode,
  measure: Measure,
): CaseBehindLine[] {
  const out: CaseBehindLine[] = [];
  for (const c of contributions) {
    const value = c[measure][line];
    if (value !== 0n) out.push({ caseId: c.caseId, amount: value });
  }
  return out.sort((a, b) => compareBytes(a.caseId, b.caseId));
}

/**
 * Compares two strings by their UTF-8 bytes, like SQL `COLLATE "C"`. UTF-8 byte order is code
 * point order, which differs from JavaScript's UTF-16 `<` only around surrogate pairs.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}
