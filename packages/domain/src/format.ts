/**
 * vi-VN formatting shared by the apps, the forms and the messages: 1.234.567 and 34,50 %.
 * Written by hand over bigint because Intl would go through `number` and lose đồng past 2^53.
 */
import type { Centi } from './decimal.js';
import { formatCenti } from './decimal.js';

/** 1234567n → "1.234.567"; -5n → "-5". */
export function formatViInteger(value: bigint | number): string {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  const negative = big < 0n;
  const digits = (negative ? -big : big).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

/** 4328n → "43,28". */
export function formatViCenti(value: Centi): string {
  return formatCenti(value).replace('.', ',');
}

/** 4328n → "43,28 %". */
export function formatViPercent(value: Centi | null): string {
  return value === null ? '–' : `${formatViCenti(value)} %`;
}

/** "43.28" (a report JSON rate) → "43,28 %". */
export function formatViPercentText(value: string | null): string {
  return value === null ? '–' : `${value.replace('.', ',')} %`;
}

/** 1234567n → "1.234.567 đ". */
export function formatViMoney(value: bigint): string {
  return `${formatViInteger(value)} đ`;
}
