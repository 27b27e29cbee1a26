/**
 * The rule set: the named, versioned decisions of statistics.md §7 and §10, passed to the
 * functions that need them instead of being scattered as constants.
 */
import type { Centi } from './decimal.js';

export interface RuleSet {
  id: string;
  /** Base of the year-over-year carry-over change: KCS (as the 2017 national reports) or CKS. */
  carryOverBase: 'ableCarriedOver' | 'carriedOver';
  /** A target is met when value ≥ target ('gte') or value > target ('gt'). */
  targetComparison: 'gte' | 'gt';
  /** V13: a rounded rate moving more than this against month n−1 is a warning. */
  rateJumpCenti: Centi;
  /** Submission deadlines (§10): day of the month after the period, local date. */
  deadlines: { chiCucDay: number; cucDay: number; timeZone: string };
  /** Re-verification of unable cases (§11), in calendar months. */
  reverifyMonths: { default: number; yearly: number };
}

export const TT01_2013: RuleSet = Object.freeze({
  id: 'TT01-2013',
  carryOverBase: 'ableCarriedOver',
  targetComparison: 'gte',
  rateJumpCenti: 1000n,
  deadlines: Object.freeze({ chiCucDay: 3, cucDay: 6, timeZone: 'Asia/Ho_Chi_Minh' }),
  reverifyMonths: Object.freeze({ default: 6, yearly: 12 }),
}) as RuleSet;

export const RULE_SETS: Readonly<Record<string, RuleSet>> = { [TT01_2013.id]: TT01_2013 };

/** The rule set of a working year. `TT01-2013` applies to every year for now (§7). */
export function ruleSetForYear(_year: number): RuleSet {
  return TT01_2013;
}
