/**
 * What the apps print, in vi-VN: counts "1.234", money "1.234.567 đ", rates "34,50 %", months of
 * the working year. Money arrives as a string of digits and goes through `bigint`, never `number`.
 */
import {
  calendarMonthOf,
  formatViInteger,
  formatViPercentText,
  isoDate,
  workingMonthOf,
  workingYearOf,
  type Scope,
} from '@thads/domain';

/** Shown where a line is unknown (an aggregate report with an empty line). */
export const UNKNOWN = '–';

/** 1234 → "1.234"; null → "–". */
export function formatCount(value: number | null): string {
  return value === null ? UNKNOWN : formatViInteger(value);
}

/** "1234567" → "1.234.567 đ"; null → "–". Throws a RangeError on anything but an integer string. */
export function formatMoney(value: string | null): string {
  if (value === null) return UNKNOWN;
  if (!/^-?\d+$/.test(value)) throw new RangeError(`"${value}" không phải số tiền hợp lệ`);
  return `${formatViInteger(BigInt(value))} đ`;
}

/** "34.50" → "34,50 %"; null → "–". */
export function formatRate(value: string | null): string {
  return formatViPercentText(value);
}

/**
 * Month n of working year Y as users pick it: "5 tháng (đến 02/2018)", the report being cumulative
 * from 1 October of Y−1.
 */
export function monthLabelVi(year: number, month: number): string {
  const cal = calendarMonthOf(year, month);
  return `${month} tháng (đến ${String(cal.month).padStart(2, '0')}/${cal.year})`;
}

export const SCOPE_LABELS_VI: Readonly<Record<Scope, string>> = {
  own: 'Riêng đơn vị',
  total: 'Toàn đơn vị (gồm các đơn vị trực thuộc)',
};

/**
 * The working year and month that contain `today` (a date the caller read from its clock): the
 * report a user most likely wants first.
 */
export function workingPeriodOf(today: Date): { year: number; month: number } {
  const date = isoDate(today.getFullYear(), today.getMonth() + 1, today.getDate());
  return { year: workingYearOf(date), month: workingMonthOf(date) };
}

export interface UnitTreeNode {
  code: string;
  name: string;
  kind: string;
  active: boolean;
  children: UnitTreeNode[];
}

export interface UnitOption {
  code: string;
  name: string;
  depth: number;
  active: boolean;
}

/** Depth-first, parents before children: the options of a unit picker. */
export function flattenUnitTree(roots: readonly UnitTreeNode[]): UnitOption[] {
  const out: UnitOption[] = [];
  const walk = (nodes: readonly UnitTreeNode[], depth: number): void => {
    for (const node of nodes) {
      out.push({ code: node.code, name: node.name, depth, active: node.active });
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}
