/**
 * vi-VN formatting shared by the apps, the forms and the messages: 1.234.567 and 34,50 %.
 * Written by hand over bigint because Intl would go through `number` and lose đồng past 2^53.
 */
import type { Centi } from './decimal.js';
import { divRoundHalfAwayFromZero, formatCenti } from './decimal.js';

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

/** Decimals of an amount in tỷ đồng (billions of đồng) on the leadership summary. */
export const BILLION_DONG_DECIMALS = 1;

/**
 * Đồng as tỷ đồng (10^9 đồng) with `decimals` decimals, rounded half away from zero from the exact
 * bigint: 1234549999999n → "1.234,5 tỷ đồng", 50000000n → "0,1 tỷ đồng", 0n → "0,0 tỷ đồng".
 * Decision: one decimal (100 triệu đồng) by default: leaders read Hà Nội's thousands of tỷ and a
 * Chi cục's tens at a glance; the exact đồng stay in the reports and the exports.
 */
export function formatViBillionDong(value: bigint, decimals: number = BILLION_DONG_DECIMALS): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) {
    throw new RangeError(`decimals must be an integer from 0 to 9, got ${decimals}`);
  }
  const unit = 10n ** BigInt(decimals);
  const scaled = divRoundHalfAwayFromZero(value, 10n ** BigInt(9 - decimals));
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = formatViInteger(abs / unit);
  const frac = decimals === 0 ? '' : `,${(abs % unit).toString().padStart(decimals, '0')}`;
  return `${negative ? '-' : ''}${whole}${frac} tỷ đồng`;
}
