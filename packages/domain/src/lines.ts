/**
 * Report lines (statistics.md §2). Every report has the same lines twice: counting cases
 * (`cases`, về việc) and summing money (`money`, về tiền, integer VND).
 *
 * Inside the domain both measures are `bigint` so that one set of identities, derivations and
 * checks serves both; counts become JSON numbers only at the edge (report-json.ts).
 */
export type Measure = 'cases' | 'money';
export const MEASURES: readonly Measure[] = ['cases', 'money'];

/** Line codes in the order of the report JSON for the money measure (interfaces.md §5). */
export const MONEY_LINE_CODES = [
  'broughtForward', // C  năm trước chuyển sang
  'newlyReceived', // M  thụ lý mới
  'totalReceived', // T  tổng số thụ lý
  'exited', // U  ủy thác đi, thu hồi/hủy QĐ THA, trả đơn
  'toEnforce', // P  tổng số phải thi hành
  'able', // K  có điều kiện thi hành
  'unable', // N  chưa có điều kiện
  'completed', // X  thi hành xong (tính tỷ lệ)
  'completedFull', // X1 thi hành xong
  'terminated', // X2 đình chỉ thi hành
  'reduced', // giảm, miễn (money only)
  'inProgress', // D  đang thi hành
  'postponed', // H  hoãn thi hành án
  'suspended', // S  tạm đình chỉ
  'carriedOver', // CKS chuyển kỳ sau
  'ableCarriedOver', // KCS có điều kiện chuyển kỳ sau
] as const;

export type LineCode = (typeof MONEY_LINE_CODES)[number];

/** The cases measure has every line but `reduced`. */
export const CASE_LINE_CODES: readonly LineCode[] = MONEY_LINE_CODES.filter((c) => c !== 'reduced');

export function lineCodesOf(measure: Measure): readonly LineCode[] {
  return measure === 'cases' ? CASE_LINE_CODES : MONEY_LINE_CODES;
}

export function isLineCode(text: string): text is LineCode {
  return (MONEY_LINE_CODES as readonly string[]).includes(text);
}

/** Short symbols of the official forms. */
export const LINE_SYMBOLS: Readonly<Record<LineCode, string>> = {
  broughtForward: 'C',
  newlyReceived: 'M',
  totalReceived: 'T',
  exited: 'U',
  toEnforce: 'P',
  able: 'K',
  unable: 'N',
  completed: 'X',
  completedFull: 'X1',
  terminated: 'X2',
  reduced: 'GM',
  inProgress: 'D',
  postponed: 'H',
  suspended: 'S',
  carriedOver: 'CKS',
  ableCarriedOver: 'KCS',
};

/** Vietnamese names of the lines, as users read them. */
export const LINE_LABELS_VI: Readonly<Record<LineCode, string>> = {
  broughtForward: 'Năm trước chuyển sang',
  newlyReceived: 'Thụ lý mới',
  totalReceived: 'Tổng số thụ lý',
  exited: 'Ủy thác, thu hồi, hủy quyết định, trả đơn',
  toEnforce: 'Tổng số phải thi hành',
  able: 'Có điều kiện thi hành',
  unable: 'Chưa có điều kiện thi hành',
  completed: 'Thi hành xong (tính tỷ lệ)',
  completedFull: 'Thi hành xong',
  terminated: 'Đình chỉ thi hành',
  reduced: 'Giảm, miễn',
  inProgress: 'Đang thi hành',
  postponed: 'Hoãn thi hành án',
  suspended: 'Tạm đình chỉ',
  carriedOver: 'Chuyển kỳ sau',
  ableCarriedOver: 'Có điều kiện chuyển kỳ sau',
};

/** The lines of one measure; `null` is an unknown line (aggregate reports only). */
export type Lines = Record<LineCode, bigint | null>;

/** Lines that are all known (registry reports). */
export type KnownLines = Record<LineCode, bigint>;

export interface ReportLines<L = Lines> {
  cases: L;
  money: L;
}

/** All lines 0 for a measure; `reduced` of the cases measure is null (it does not exist there). */
export function zeroLines(_measure: Measure): KnownLines {
  // A literal (not built from MONEY_LINE_CODES): the registry allocates two per case and period,
  // and this is several times faster; the keys are in MONEY_LINE_CODES order.
  return {
    broughtForward: 0n,
    newlyReceived: 0n,
    totalReceived: 0n,
    exited: 0n,
    toEnforce: 0n,
    able: 0n,
    unable: 0n,
    completed: 0n,
    completedFull: 0n,
    terminated: 0n,
    reduced: 0n,
    inProgress: 0n,
    postponed: 0n,
    suspended: 0n,
    carriedOver: 0n,
    ableCarriedOver: 0n,
  };
}

/** All lines unknown. */
export function unknownLines(): Lines {
  return Object.fromEntries(MONEY_LINE_CODES.map((c) => [c, null])) as Lines;
}

/** Sums line by line; a line unknown in any operand is unknown in the sum. */
export function addLines(a: Lines, b: Lines): Lines {
  const out = {} as Lines;
  for (const code of MONEY_LINE_CODES) {
    const x = a[code];
    const y = b[code];
    out[code] = x === null || y === null ? null : x + y;
  }
  return out;
}

export function addKnownLines(a: KnownLines, b: KnownLines): KnownLines {
  const out = {} as KnownLines;
  for (const code of MONEY_LINE_CODES) out[code] = a[code] + b[code];
  return out;
}
