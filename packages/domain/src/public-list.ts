/**
 * The public list of "chưa có điều kiện" debtors (statistics.md §11): name search folding and the
 * re-verification due dates.
 */
import { addMonthsClamped, type IsoDate } from './period.js';
import type { RuleSet } from './rule-set.js';

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
export function reverificationDue(lastVerification: IsoDate, yearly: boolean, ruleSet: RuleSet): IsoDate {
  const months = yearly ? ruleSet.reverifyMonths.yearly : ruleSet.reverifyMonths.default;
  return addMonthsClamped(lastVerification, months);
}
