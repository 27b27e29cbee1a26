/**
 * A proposal of officers' monthly targets (chỉ tiêu hằng tháng của chấp hành viên) from the unit's
 * annual rate targets and each officer's enforceable caseload, for the unit head to adjust before
 * saving (statistics.md §9 leaves the method to us; the README documents it).
 *
 * Method, per officer and per measure (cases with the caseRate target, money with moneyRate):
 *
 * 1. Annual goal G = ⌈K × target ÷ 100⌉, where K is the officer's enforceable caseload (có điều
 *    kiện thi hành, line K of the officer's report at the month the head works from). Completing G
 *    of K is exactly the unit's rate; rounding up because a target is a floor ("≥"), and a goal
 *    rounded down could leave the officer just under the rate.
 * 2. What remains: R = max(0, G − what the officer already completed before the first month
 *    proposed) (0 when proposing from month 1).
 * 3. R is spread evenly over the months left (the straight-line pace of §9): month i of the m months
 *    left gets ⌈R × i ÷ m⌉ − ⌈R × (i−1) ÷ m⌉. The months add up to R exactly, the larger shares come
 *    first, and an officer who meets every monthly target is never behind the straight line.
 *
 * K grows during the year as cases are received, so the head can propose again from a later month:
 * the months already past keep what was saved. Everything is bigint: money is whole đồng.
 */
import type { Centi } from './decimal.js';

export interface OfficerCaseload {
  officer: string;
  /** K of the officer's report: enforceable cases and đồng. */
  able: { cases: bigint; money: bigint };
  /** X of the officer's report at the month before `fromMonth` (0 when proposing from month 1). */
  completedBefore?: { cases: bigint; money: bigint };
}

export interface OfficerTargetProposalInput {
  /** The unit's annual targets in hundredths of a percent; null where none is recorded. */
  caseRate: Centi | null;
  moneyRate: Centi | null;
  officers: readonly OfficerCaseload[];
  /** First working-year month to propose (1 = October); default 1. */
  fromMonth?: number;
}

export interface ProposedMonth {
  month: number;
  /** Null when the unit has no caseRate (moneyRate) target to derive it from. */
  casesCompleted: bigint | null;
  moneyCompleted: bigint | null;
}

export interface OfficerTargetProposal {
  officer: string;
  /** G of the method: the year's goal, cases and đồng. */
  goal: { cases: bigint | null; money: bigint | null };
  /** Months fromMonth..12, in order. */
  months: ProposedMonth[];
}

/** ⌈a ÷ b⌉ for a ≥ 0, b > 0. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** ⌈K × rate ÷ 100⌉ with the rate in hundredths; null without a rate. */
export function annualGoal(able: bigint, rate: Centi | null): bigint | null {
  if (rate === null) return null;
  if (able < 0n || rate < 0n) throw new RangeError('K và chỉ tiêu tỷ lệ không được âm');
  return ceilDiv(able * rate, 10_000n);
}

/** R spread over `months` months: ⌈R × i ÷ m⌉ − ⌈R × (i−1) ÷ m⌉ for i = 1..m. */
export function spreadEvenly(total: bigint, months: number): bigint[] {
  const m = BigInt(months);
  const out: bigint[] = [];
  for (let i = 1n; i <= m; i++) out.push(ceilDiv(total * i, m) - ceilDiv(total * (i - 1n), m));
  return out;
}

export function proposeOfficerTargets(input: OfficerTargetProposalInput): OfficerTargetProposal[] {
  const fromMonth = input.fromMonth ?? 1;
  if (!Number.isInteger(fromMonth) || fromMonth < 1 || fromMonth > 12) {
    throw new RangeError(`tháng bắt đầu phải từ 1 đến 12, nhận được ${fromMonth}`);
  }
  const left = 12 - fromMonth + 1;
  return input.officers.map((o) => {
    const goal = {
      cases: annualGoal(o.able.cases, input.caseRate),
      money: annualGoal(o.able.money, input.moneyRate),
    };
    const remaining = (g: bigint | null, done: bigint | undefined) =>
      g === null ? null : spreadEvenly(g > (done ?? 0n) ? g - (done ?? 0n) : 0n, left);
    const cases = remaining(goal.cases, o.completedBefore?.cases);
    const money = remaining(goal.money, o.completedBefore?.money);
    const months: ProposedMonth[] = [];
    for (let i = 0; i < left; i++) {
      months.push({
        month: fromMonth + i,
        casesCompleted: cases?.[i] ?? null,
        moneyCompleted: money?.[i] ?? null,
      });
    }
    return { officer: o.officer, goal, months };
  });
}
