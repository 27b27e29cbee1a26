/**
 * Two-decimal figures (rates, percentage changes, points) as exact integers of hundredths.
 *
 * Every figure that the reports print with two decimals is the exact fraction rounded half away
 * from zero (statistics.md §7). Holding them as `bigint` hundredths keeps comparisons and
 * differences exact: "43.28" is 4328n, and a gap of two rounded rates is a plain subtraction.
 */
export type Centi = bigint;

/** Rounds num / den to the nearest integer, halves away from zero. `den` must not be 0. */
export function divRoundHalfAwayFromZero(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return negative ? -q : q;
}

/** num / den × 100 rounded to two decimals, as hundredths; null when den is 0. */
export function percentCenti(num: bigint, den: bigint): Centi | null {
  if (den === 0n) return null;
  return divRoundHalfAwayFromZero(num * 10_000n, den);
}

/** "43.28", "-0.81", "0.00": two decimals, no plus sign, never "-0.00". */
export function formatCenti(value: Centi): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

export function formatCentiOrNull(value: Centi | null): string | null {
  return value === null ? null : formatCenti(value);
}

/**
 * Parses a percentage written with up to two decimals ("70", "72.5", "-12.40") into hundredths.
 * Throws a RangeError naming the text when it is not such a number.
 */
export function parseCenti(text: string): Centi {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" không phải là số có tối đa hai chữ số thập phân`);
  const [, sign, whole, frac = ''] = m;
  const value = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
  return sign && value !== 0n ? -value : value;
}
