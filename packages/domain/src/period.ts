/**
 * Working years and report periods (statistics.md §1).
 *
 * Working year Y (năm công tác) runs from 1 October of Y−1 to 30 September of Y. Month n of year Y
 * (báo cáo n tháng) is the cumulative period from 1 October of Y−1 to the last day of the n-th month:
 * n = 1 is October, n = 4 January of Y, n = 12 September of Y.
 *
 * Dates are ISO calendar dates 'YYYY-MM-DD' held as strings: they compare correctly as strings and
 * carry no time zone.
 */
export type IsoDate = string;

export interface Period {
  /** Working year Y. */
  readonly year: number;
  /** Working-year month n, 1..12. */
  readonly month: number;
  /** S = (Y−1)-10-01. */
  readonly start: IsoDate;
  /** E = last day of month n. */
  readonly end: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a calendar month (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isValidIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m || !isValidIsoDate(date)) throw new RangeError(`"${date}" không phải ngày hợp lệ dạng YYYY-MM-DD`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Calendar (year, month) of working-year month n of year Y. */
export function calendarMonthOf(year: number, month: number): { year: number; month: number } {
  assertPeriodArgs(year, month);
  const calMonth = ((month + 8) % 12) + 1; // n=1 → 10, n=3 → 12, n=4 → 1
  return { year: month <= 3 ? year - 1 : year, month: calMonth };
}

function assertPeriodArgs(year: number, month: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new RangeError(`năm công tác không hợp lệ: ${year}`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`tháng của năm công tác phải từ 1 đến 12, nhận được ${month}`);
  }
}

/** The report period of working year Y, month n. */
export function reportPeriod(year: number, month: number): Period {
  assertPeriodArgs(year, month);
  const cal = calendarMonthOf(year, month);
  return {
    year,
    month,
    start: isoDate(year - 1, 10, 1),
    end: isoDate(cal.year, cal.month, daysInMonth(cal.year, cal.month)),
  };
}

/** The working year a date belongs to: 2017-10-01 → 2018, 2017-09-30 → 2017. */
export function workingYearOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date);
  return month >= 10 ? year + 1 : year;
}

/** The working-year month (1..12) a date falls in: October → 1, September → 12. */
export function workingMonthOf(date: IsoDate): number {
  const { month } = parseIsoDate(date);
  return month >= 10 ? month - 9 : month + 3;
}

/** `date` plus `months` calendar months, clamped to the end of the month (08-31 + 6 → 02-28). */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** "05 tháng năm 2018, từ ngày 01/10/2017 đến ngày 28/02/2018" (statistics.md §13). */
export function describePeriod(period: Period): string {
  return `${pad(period.month, 2)} tháng năm ${period.year}, từ ngày ${formatViDate(period.start)} đến ngày ${formatViDate(period.end)}`;
}

/** dd/mm/yyyy. */
export function formatViDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}
