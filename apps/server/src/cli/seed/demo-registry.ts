/**
 * The demo registry (issue 12): working years 2016–2018 of the 31 Hà Nội units, calibrated so that
 * working year 2017, month 12, tells the published story (published-figures.json,
 * `hanoi2017Headline`): HN `total` case rate 80 %, money rate 34.5 %, carried-over able cases
 * (KCS) down 8.5 % and money down 3.6 % against 2016; against targets of 70 / 30 / 0 / 0, exactly
 * HN-SSO, HN-NTL, HN-STA, HN-TOA, HN-BVI and HN-HMA meet all four.
 *
 * The calibration is analytic, not a random search. Every case follows a planned trajectory: for
 * each working year it is in, one fate — X (completed or terminated in the year), D (open and able at
 * the year's end, possibly postponed or suspended), N (open under an unable decision) or U
 * (withdrawn or transferred with nothing settled). Money is settled only in the year a case is
 * completed, so at every year end an open case still owes its whole amount, and the month-12 lines
 * follow from the plan alone:
 *
 *   cases: K = #X + #D, X = #X, KCS = #D;   money: X = Σ amount of X, KCS = Σ amount of D.
 *
 * 2016 and 2018 follow generic flows. For 2017 each unit is given a case rate, a money rate and two
 * carry-over changes (the six meet every target, every other unit misses exactly one, by a clear
 * margin), the remaining units' common level is solved so that the city's sums give the headline,
 * and rounding is absorbed by the largest units that meet. Then per unit: KCS17 = KCS16 × (1 + Δ),
 * X17 = KCS17 × r ÷ (1 − r) (counts and money alike). The cases carried over with means choose
 * their 2017 fate by amount (the largest stay open, as in life: big debts are the slow ones), and
 * the amounts of the cases received in 2017 are drawn skewed and scaled so that the D and X sums
 * are exact.
 */
import { readFileSync } from 'node:fs';
import { csvLine } from '../csv-out.js';

export const DEMO_UNITS_FILE = new URL('./hanoi-units-2017.csv', import.meta.url);

/** The last day events are generated for: the end of working year 2018. */
export const DEMO_END = '2018-09-30';

/** The units that meet all four 2017 targets (published-figures.json). */
export const DEMO_MEETING_ALL_FOUR = [
  'HN-SSO',
  'HN-NTL',
  'HN-STA',
  'HN-TOA',
  'HN-BVI',
  'HN-HMA',
] as const;

export interface DemoFiles {
  units: string;
  officers: string;
  cases: string;
  events: string;
}

export interface DemoOptions {
  /** Fixes everything; the default is the one `seed demo` uses. */
  seed?: number;
  /** Fraction of the full Hanoi scale (1 = about 30,000 cases a year); tests use less. */
  scale?: number;
}

/** mulberry32: small, fast, good enough for demo data, and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// Names --------------------------------------------------------------------------------------

const FAMILY = [
  ...['Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Phạm'],
  ...['Hoàng', 'Phan', 'Vũ', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh'],
  ...['Trịnh', 'Đào', 'Mai', 'Tạ', 'Lưu', 'Kiều', 'Khuất', 'Chu', 'Cao', 'Tô'],
];
const MIDDLE_M = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Tiến', 'Xuân', 'Công'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Phương', 'Kim', 'Hồng', 'Bích'];
const GIVEN_M = [
  ...['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Hải', 'Hiếu', 'Khánh', 'Long', 'Minh', 'Nam'],
  ...['Quân', 'Sơn', 'Thắng', 'Tuấn', 'Việt', 'Đức', 'Trung', 'Phong', 'Toàn', 'Thành'],
  ...['Tùng', 'Huy', 'Kiên', 'Lâm', 'Nghĩa', 'Phúc', 'Quý', 'Thịnh', 'Vinh'],
];
const GIVEN_F = [
  ...['Anh', 'Chi', 'Hà', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Phương'],
  ...['Thảo', 'Trang', 'Yến', 'Huyền', 'Ngân', 'Thủy', 'Loan', 'Dung', 'Oanh', 'Hạnh'],
  ...['Nhung', 'Tâm', 'Vân', 'Quỳnh', 'Giang', 'Thơ'],
];
const COMPANY_KIND = ['Công ty TNHH', 'Công ty TNHH', 'Công ty cổ phần', 'Doanh nghiệp tư nhân'];
const COMPANY_NAME = [
  ...['Thương mại Hoàng Long', 'Xây dựng Thành Đạt', 'Đầu tư Phú Gia', 'Vận tải Minh Phát'],
  ...['Thực phẩm Hà Thành', 'Dịch vụ Tân Việt', 'Bất động sản Sông Hồng', 'May mặc Đông Đô'],
  ...['Cơ khí Long Biên', 'Xuất nhập khẩu Thăng Long', 'Công nghệ An Phát', 'Vật liệu Kinh Bắc'],
];
const STREETS = [
  ...['Kim Mã', 'Đội Cấn', 'Hàng Bông', 'Láng Hạ', 'Giải Phóng', 'Trường Chinh', 'Nguyễn Trãi'],
  ...['Lạc Long Quân', 'Cầu Giấy', 'Minh Khai', 'Tây Sơn', 'Xuân Thủy', 'Nguyễn Văn Cừ'],
  ...['Quang Trung', 'Lê Duẩn', 'Hoàng Quốc Việt', 'Tôn Đức Thắng', 'Bạch Mai', 'Phạm Văn Đồng'],
];
const VILLAGE_PREFIX = ['thôn', 'thôn', 'xóm', 'tổ dân phố'];
const VILLAGES = [
  ...['Đông', 'Đoài', 'Thượng', 'Hạ', 'Trung', 'Bắc', 'Nam', 'An Lạc', 'Phú Mỹ', 'Yên Thái'],
  ...['Cổ Loa', 'Thụy Lôi', 'Văn Trì', 'Phù Lưu', 'Tiên Phong'],
];
const MONEY_OBLIGATIONS = [
  ...['Trả nợ tiền vay', 'Trả nợ tiền vay', 'Trả nợ tiền vay', 'Bồi thường thiệt hại'],
  ...['Án phí dân sự sơ thẩm', 'Án phí dân sự sơ thẩm', 'Tiền phạt', 'Trả tiền mua bán hàng hóa'],
  ...['Cấp dưỡng nuôi con', 'Truy thu tiền thu lợi bất chính', 'Trả tiền đặt cọc'],
  ...['Trả nợ theo hợp đồng tín dụng', 'Án phí hình sự sơ thẩm'],
];
const STATE_OBLIGATIONS = new Set([
  'Án phí dân sự sơ thẩm',
  'Án phí hình sự sơ thẩm',
  'Tiền phạt',
  'Truy thu tiền thu lợi bất chính',
]);
const OTHER_OBLIGATIONS = [
  'Trả lại tài sản',
  'Giao nhà',
  'Buộc tháo dỡ công trình xây dựng',
  'Trả lại giấy chứng nhận quyền sử dụng đất',
  'Giao con cho người trực tiếp nuôi dưỡng',
];

function personName(r: Random): string {
  const female = r.chance(0.45);
  return `${r.pick(FAMILY)} ${r.pick(female ? MIDDLE_F : MIDDLE_M)} ${r.pick(female ? GIVEN_F : GIVEN_M)}`;
}

// Dates --------------------------------------------------------------------------------------

/** The judgment type (issue 7) of each kind of judgment the demo writes in judgment_ref. */
const DEMO_JUDGMENT_TYPE: Readonly<Record<string, string>> = {
  HS: 'hinh_su',
  DS: 'dan_su',
  KDTM: 'kinh_doanh_thuong_mai',
  HNGĐ: 'hon_nhan_gia_dinh',
};

function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    86_400_000
  );
}

function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function viDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const yearStart = (year: number) => dayNumber(`${year - 1}-10-01`);
const yearEnd = (year: number) => dayNumber(`${year}-09-30`);

// Units and the 2017 plan --------------------------------------------------------------------

interface DemoUnit {
  code: string;
  name: string;
  kind: string;
  parent: string;
  /** Relative size (cases a year). */
  weight: number;
  /** Multiplier of the amounts (the Cục office takes the largest cases). */
  amountFactor: number;
  officers: string[];
}

function parseUnits(text: string): Omit<DemoUnit, 'weight' | 'amountFactor' | 'officers'>[] {
  const lines = text.trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code, name, kind, parent] = line.split(',');
    return { code: code!, name: name!, kind: kind!, parent: parent ?? '' };
  });
}

type Miss = 'none' | 'caseRate' | 'moneyRate' | 'caseCarryOver' | 'moneyCarryOver';

/** The metric each unit misses in 2017 ('none' for the six): cycled over the other 25. */
export function demoMisses(codes: readonly string[]): Map<string, Miss> {
  const cycle: Miss[] = ['caseRate', 'moneyRate', 'caseCarryOver', 'moneyCarryOver'];
  const misses = new Map<string, Miss>();
  let k = 0;
  for (const code of codes) {
    if ((DEMO_MEETING_ALL_FOUR as readonly string[]).includes(code)) misses.set(code, 'none');
    else misses.set(code, cycle[k++ % cycle.length]!);
  }
  return misses;
}

/** Headline of 2017 (published-figures.json), as exact fractions. */
const HEADLINE = {
  caseRate: [80n, 100n], // X / K
  moneyRate: [345n, 1000n],
  caseChange: [-85n, 1000n], // KCS17 / KCS16 − 1
  moneyChange: [-36n, 1000n],
} as const;

// Cases --------------------------------------------------------------------------------------

type Fate = 'X' | 'D' | 'N' | 'U';
type State = 'able' | 'postponed' | 'suspended' | 'unable' | 'closed';

interface DemoEvent {
  day: number;
  kind: string;
  amount?: bigint;
  officer?: string;
  ground?: string;
  decisionNo?: string;
}

interface DemoCase {
  unit: DemoUnit;
  received: number;
  amount: bigint;
  officer: string;
  events: DemoEvent[];
  state: State;
  /** Index for ties, in creation order. */
  serial: number;
}

/** A skewed amount in đồng (rounded to thousands): many small, few large, up to tens of billions. */
function rawAmount(r: Random, factor: number): bigint {
  if (r.chance(0.12)) return 0n;
  const u = r.float();
  // Mostly 2 million to 300 million; a tail to about 50 billion.
  const exponent = u < 0.97 ? 6.3 + r.float() * 2.2 + r.float() * 0.8 : 9 + r.float() * 1.7;
  const value = Math.round((10 ** exponent * factor) / 1000) * 1000;
  return BigInt(Math.max(value, 1000));
}

/** Scales `amounts` (in place) so that they sum to exactly `target`; zero amounts stay zero. */
function scaleTo(cases: DemoCase[], target: bigint): void {
  const money = cases.filter((c) => c.amount > 0n);
  if (money.length === 0) {
    if (target === 0n) return;
    if (cases.length === 0) throw new Error('demo: no case to carry the money');
    cases[0]!.amount = target;
    return;
  }
  const raw = money.reduce((s, c) => s + c.amount, 0n);
  let sum = 0n;
  for (const c of money) {
    const scaled = ((c.amount * target) / raw / 1000n) * 1000n;
    c.amount = scaled > 1000n ? scaled : 1000n;
    sum += c.amount;
  }
  const largest = money.reduce((a, b) => (b.amount > a.amount ? b : a));
  largest.amount += target - sum;
  if (largest.amount <= 0n) throw new Error('demo: money scaling failed');
}

class Generator {
  readonly cases: DemoCase[] = [];
  private serial = 0;
  private decisions = new Map<string, number>();
  constructor(
    readonly r: Random,
    readonly scale: number,
  ) {}

  private decisionNo(unit: DemoUnit, day: number): string {
    const key = `${unit.code}|${dateOf(day).slice(0, 4)}`;
    const n = (this.decisions.get(key) ?? 0) + 1;
    this.decisions.set(key, n);
    return `${n}/QĐ-${unit.parent === '' ? 'CTHADS' : 'CCTHADS'}`;
  }

  newCase(unit: DemoUnit, from: number, to: number): DemoCase {
    const r = this.r;
    const c: DemoCase = {
      unit,
      received: r.int(from, to),
      amount: rawAmount(r, unit.amountFactor),
      officer: r.chance(0.96) ? r.pick(unit.officers) : '',
      events: [],
      state: 'able',
      serial: this.serial++,
    };
    this.cases.push(c);
    return c;
  }

  private last(c: DemoCase): number {
    return c.events.length > 0 ? c.events[c.events.length - 1]!.day : c.received;
  }

  /** A day in [max(last event, from), to − room] (the last event's day when that is later). */
  private dayIn(c: DemoCase, from: number, to: number, room = 0): number {
    const lo = Math.max(this.last(c), from);
    const hi = Math.max(lo, to - room);
    return this.r.int(lo, hi);
  }

  private unable(c: DemoCase, day: number): void {
    c.events.push({
      day,
      kind: 'unable',
      ground: this.r.pick(['a', 'a', 'b', 'c']),
      decisionNo: this.decisionNo(c.unit, day),
    });
    c.state = 'unable';
  }

  private resume(c: DemoCase, day: number): void {
    c.events.push({
      day,
      kind: 'resume',
      ...(c.state === 'unable' ? { decisionNo: this.decisionNo(c.unit, day) } : {}),
    });
    c.state = 'able';
  }

  /** Gives the case its fate in working year `year`. */
  fate(c: DemoCase, year: number, fate: Fate): void {
    const r = this.r;
    const from = yearStart(year);
    const to = yearEnd(year);
    switch (fate) {
      case 'X': {
        if (c.state === 'unable' && r.chance(0.45)) {
          c.events.push({ day: this.dayIn(c, from, to), kind: 'terminate' });
          c.state = 'closed';
          return;
        }
        if (c.state !== 'able') this.resume(c, this.dayIn(c, from, to, 30));
        if (r.chance(0.12)) {
          let day = this.dayIn(c, from, to, 20);
          if (c.amount > 0n && r.chance(0.4)) {
            const part = ((c.amount * BigInt(r.int(5, 60))) / 100n / 1000n) * 1000n;
            if (part > 0n) c.events.push({ day, kind: 'pay', amount: part });
            day = this.dayIn(c, day, to);
          }
          c.events.push({ day, kind: 'terminate' });
        } else {
          const parts = c.amount === 0n ? 0 : c.amount < 20_000_000n ? 1 : r.int(1, 4);
          let left = c.amount;
          for (let i = 1; i <= parts; i++) {
            const pay =
              i === parts ? left : ((left * BigInt(r.int(20, 70))) / 100n / 1000n) * 1000n;
            if (pay <= 0n) continue;
            const kind = i > 1 && i === parts && r.chance(0.1) ? 'reduce' : 'pay';
            c.events.push({ day: this.dayIn(c, from, to, 10 * (parts - i)), kind, amount: pay });
            left -= pay;
          }
          c.events.push({ day: this.dayIn(c, from, to), kind: 'complete' });
        }
        c.state = 'closed';
        return;
      }
      case 'U':
        c.events.push({
          day: this.dayIn(c, from, to),
          kind: r.chance(0.6) ? 'withdraw' : 'transfer',
        });
        c.state = 'closed';
        return;
      case 'N':
        if (c.state !== 'unable') {
          if (c.state === 'able' && r.chance(0.4))
            c.events.push({ day: this.dayIn(c, from, to, 40), kind: 'able' });
          this.unable(c, this.dayIn(c, from, to));
        }
        return;
      case 'D': {
        if (c.state === 'unable' || (c.state !== 'able' && r.chance(0.5)))
          this.resume(c, this.dayIn(c, from, to, 60));
        if (c.state === 'able' && r.chance(0.35))
          c.events.push({ day: this.dayIn(c, from, to, 30), kind: 'able' });
        if (r.chance(0.06) && c.unit.officers.length > 1) {
          const next = r.pick(c.unit.officers.filter((o) => o !== this.officerOf(c)));
          c.events.push({ day: this.dayIn(c, from, to, 20), kind: 'assign', officer: next });
        }
        if (c.state === 'able' && r.chance(0.07)) {
          c.events.push({ day: this.dayIn(c, from, to), kind: 'postpone' });
          c.state = 'postponed';
        } else if (c.state === 'able' && r.chance(0.025)) {
          c.events.push({ day: this.dayIn(c, from, to), kind: 'suspend' });
          c.state = 'suspended';
        }
        return;
      }
    }
  }

  private officerOf(c: DemoCase): string {
    for (let i = c.events.length - 1; i >= 0; i--) {
      if (c.events[i]!.kind === 'assign') return c.events[i]!.officer!;
    }
    return c.officer;
  }

  /** Re-verification of unable cases about every six months (a few overdue), up to DEMO_END. */
  addVerifications(end: number): void {
    for (const c of this.cases) {
      if (!c.events.some((e) => e.kind === 'unable')) continue;
      const out: DemoEvent[] = [];
      const events = c.events;
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        out.push(e);
        if (e.kind !== 'unable') continue;
        const next = events[i + 1];
        const stop = next ? next.day : end + 1;
        let day = e.day;
        for (;;) {
          day += this.r.int(150, 178);
          if (day >= stop) break;
          if (this.r.chance(0.03)) break; // overdue: never re-verified
          out.push({ day, kind: 'verify' });
        }
      }
      c.events = out;
    }
  }
}

interface YearEnd {
  D: DemoCase[];
  N: DemoCase[];
}

/** Sum of amounts. */
const total = (cases: readonly DemoCase[]) => cases.reduce((s, c) => s + c.amount, 0n);

/** round(a × num ÷ den) for non-negative bigints. */
const mulDiv = (a: bigint, num: bigint, den: bigint) => (a * num * 2n + den) / (2n * den);

export interface DemoPlanRow {
  unit: string;
  miss: Miss;
  kcs16: number;
  kcs17: number;
  x17: number;
  kcs16Money: bigint;
  kcs17Money: bigint;
  x17Money: bigint;
}

export interface DemoRegistry extends DemoFiles {
  plan: DemoPlanRow[];
}

/** The demo extract. */
export function generateDemo(options: DemoOptions = {}): DemoRegistry {
  const r = new Random(options.seed ?? 2017);
  const scale = options.scale ?? 1;
  const unitsText = readFileSync(DEMO_UNITS_FILE, 'utf8');
  const units: DemoUnit[] = parseUnits(unitsText).map((u) => {
    const weight =
      u.parent === ''
        ? 1.1
        : u.kind === 'quan'
          ? 0.95 + r.float() * 0.5
          : u.kind === 'thi_xa'
            ? 0.75
            : 0.65 + r.float() * 0.4;
    return { ...u, weight, amountFactor: u.parent === '' ? 4 : 1, officers: [] };
  });

  // Officers: 5 to 15 a unit, by size.
  const officerRows = ['code,name,unit'];
  for (const unit of units) {
    const count = Math.min(15, Math.max(5, Math.round(unit.weight * 9 + r.int(-1, 2))));
    for (let i = 1; i <= count; i++) {
      const code = `${unit.code}-CHV${i}`;
      unit.officers.push(code);
      officerRows.push(csvLine([code, personName(r), unit.code]));
    }
  }

  const g = new Generator(r, scale);
  // 0.88: about 30,000 cases in the books (T) each year across the 31 units.
  const size = (unit: DemoUnit, n: number) =>
    Math.max(2, Math.round(n * 0.88 * unit.weight * scale));

  // The stock at the end of working year 2015: open able and unable cases received since 10/2011.
  const state = new Map<string, YearEnd>();
  for (const unit of units) {
    const D: DemoCase[] = [];
    const N: DemoCase[] = [];
    for (let i = 0; i < size(unit, 170); i++) {
      const c = g.newCase(unit, yearStart(2013), yearEnd(2015) - 5);
      g.fate(c, 2015, 'D');
      D.push(c);
    }
    for (let i = 0; i < size(unit, 330); i++) {
      const c = g.newCase(unit, yearStart(2012), yearEnd(2015) - 30);
      g.fate(c, 2015, 'N');
      N.push(c);
    }
    state.set(unit.code, { D, N });
  }

  /** A year of generic flows (2016, 2018). */
  const genericYear = (year: number) => {
    for (const unit of units) {
      const { D, N } = state.get(unit.code)!;
      const nextD: DemoCase[] = [];
      const nextN: DemoCase[] = [];
      for (const c of r.shuffle([...N])) {
        const roll = r.float();
        if (roll < 0.09) g.fate(c, year, 'X');
        else if (roll < 0.11) {
          g.fate(c, year, 'D');
          nextD.push(c);
        } else nextN.push(c);
      }
      const fresh = Array.from({ length: size(unit, 560) }, () =>
        g.newCase(unit, yearStart(year), yearEnd(year) - 3),
      );
      const pool = r.shuffle([...D, ...fresh]);
      const dShare = year === 2016 ? 0.205 : 0.225;
      for (const c of pool) {
        const roll = r.float();
        const fate: Fate =
          roll < 0.015 ? 'U' : roll < 0.11 ? 'N' : roll < 0.11 + dShare ? 'D' : 'X';
        g.fate(c, year, fate);
        if (fate === 'D') nextD.push(c);
        else if (fate === 'N') nextN.push(c);
      }
      state.set(unit.code, { D: nextD, N: nextN });
    }
  };

  genericYear(2016);

  // 2017: the plan --------------------------------------------------------------------------
  const misses = demoMisses(units.map((u) => u.code));
  const kcs16 = new Map(units.map((u) => [u.code, state.get(u.code)!.D.length]));
  const kcs16m = new Map(units.map((u) => [u.code, total(state.get(u.code)!.D)]));
  const jitter = () => r.float() * 2 - 1;

  // Carried-over able cases: a fixed growth for the units missing that target; the rest share a
  // level solved for the city's −8.5 %. Parts per thousand.
  const changeC = new Map<string, number>();
  const changeM = new Map<string, number>();
  {
    const solve = (
      miss: Miss,
      base: Map<string, number>,
      target: number,
      out: Map<string, number>,
    ) => {
      let fixed = 0;
      let others = 0;
      let jittered = 0;
      const jit = new Map<string, number>();
      for (const u of units) {
        const b = base.get(u.code)!;
        if (misses.get(u.code) === miss) {
          const growth = 25 + Math.floor(r.float() * 50); // +2.5 % to +7.5 %
          out.set(u.code, growth);
          fixed += b * growth;
        } else {
          const j = jitter() * 25;
          jit.set(u.code, j);
          others += b;
          jittered += b * j;
        }
      }
      const total0 = [...base.values()].reduce((s, b) => s + b, 0);
      const level = (target * total0 - fixed - jittered) / others;
      for (const [code, j] of jit) out.set(code, Math.min(-12, level + j));
    };
    solve('caseCarryOver', kcs16, -85, changeC);
    solve(
      'moneyCarryOver',
      new Map([...kcs16m].map(([k, v]) => [k, Number(v / 1000n)])),
      -36,
      changeM,
    );
  }
  const kcs17 = new Map<string, number>();
  const kcs17m = new Map<string, bigint>();
  for (const u of units) {
    const b = kcs16.get(u.code)!;
    const grows = misses.get(u.code) === 'caseCarryOver';
    let v = Math.round((b * (1000 + changeC.get(u.code)!)) / 1000);
    v = grows ? Math.max(v, b + 1) : Math.min(v, b - 1);
    kcs17.set(u.code, v);
    const bm = kcs16m.get(u.code)!;
    const perMille = BigInt(Math.round(changeM.get(u.code)!));
    let m = (mulDiv(bm, 1000n + perMille, 1000n) / 1000n) * 1000n;
    if (misses.get(u.code) === 'moneyCarryOver') m = m > bm ? m : bm + 1000n;
    else if (m >= bm) m = bm - 1000n;
    kcs17m.set(u.code, m);
  }
  /** Absorbs `diff` on the largest units that meet this metric, keeping them meeting. */
  const meeting = (miss: Miss) =>
    units.filter((u) => misses.get(u.code) !== miss).sort((a, b) => b.weight - a.weight);
  {
    const want = Math.round(
      ([...kcs16.values()].reduce((s, v) => s + v, 0) * (1000 + Number(HEADLINE.caseChange[0]))) /
        1000,
    );
    let diff = want - [...kcs17.values()].reduce((s, v) => s + v, 0);
    for (const u of meeting('caseCarryOver')) {
      if (diff === 0) break;
      const step = Math.sign(diff) * Math.min(Math.abs(diff), 5);
      const v = kcs17.get(u.code)! + step;
      if (v >= kcs16.get(u.code)!) continue;
      kcs17.set(u.code, v);
      diff -= step;
    }
    const allM = [...kcs16m.values()].reduce((s, v) => s + v, 0n);
    const wantM = mulDiv(allM, 1000n + HEADLINE.moneyChange[0], 1000n);
    const diffM = wantM - [...kcs17m.values()].reduce((s, v) => s + v, 0n);
    const big = meeting('moneyCarryOver')[0]!;
    kcs17m.set(big.code, kcs17m.get(big.code)! + diffM);
  }

  // Rates: odds r ÷ (1 − r) per unit; misses at 64–69 % (cases) or 22–28 % (money), the rest a
  // common level (± 15 %) solved for the headline.
  const xCases = new Map<string, number>();
  const xMoney = new Map<string, bigint>();
  {
    const [cn, cd] = HEADLINE.caseRate;
    const wantX = Math.round(
      ([...kcs17.values()].reduce((s, v) => s + v, 0) * Number(cn)) / Number(cd - cn),
    );
    let fixed = 0;
    let weighted = 0;
    const factor = new Map<string, number>();
    for (const u of units) {
      if (misses.get(u.code) === 'caseRate') {
        const rate = 0.64 + r.float() * 0.05;
        const x = Math.floor((kcs17.get(u.code)! * rate) / (1 - rate));
        xCases.set(u.code, x);
        fixed += x;
      } else {
        const f = 1 + jitter() * 0.15;
        factor.set(u.code, f);
        weighted += kcs17.get(u.code)! * f;
      }
    }
    const level = (wantX - fixed) / weighted;
    for (const [code, f] of factor) xCases.set(code, Math.round(kcs17.get(code)! * level * f));
    let diff = wantX - [...xCases.values()].reduce((s, v) => s + v, 0);
    for (const u of meeting('caseRate')) {
      if (diff === 0) break;
      const step = Math.sign(diff) * Math.min(Math.abs(diff), 5);
      xCases.set(u.code, xCases.get(u.code)! + step);
      diff -= step;
    }

    const [mn, md] = HEADLINE.moneyRate;
    const allKcs = [...kcs17m.values()].reduce((s, v) => s + v, 0n);
    const wantXm = mulDiv(allKcs, mn, md - mn);
    let fixedM = 0n;
    let weightedM = 0n;
    const factorM = new Map<string, bigint>();
    for (const u of units) {
      const k = kcs17m.get(u.code)!;
      if (misses.get(u.code) === 'moneyRate') {
        const perMille = BigInt(220 + Math.floor(r.float() * 60));
        const x = (k * perMille) / (1000n - perMille);
        xMoney.set(u.code, x);
        fixedM += x;
      } else {
        const f = BigInt(Math.round(1000 + jitter() * 150));
        factorM.set(u.code, f);
        weightedM += k * f;
      }
    }
    for (const [code, f] of factorM) {
      xMoney.set(code, (kcs17m.get(code)! * f * (wantXm - fixedM)) / weightedM);
    }
    const diffM = wantXm - [...xMoney.values()].reduce((s, v) => s + v, 0n);
    const big = meeting('moneyRate')[0]!;
    xMoney.set(big.code, xMoney.get(big.code)! + diffM);
  }

  // 2017: the cases ------------------------------------------------------------------------
  const plan: DemoPlanRow[] = [];
  for (const unit of units) {
    const { D, N } = state.get(unit.code)!;
    const wantD = kcs17.get(unit.code)!;
    const wantX = xCases.get(unit.code)!;
    const wantDm = kcs17m.get(unit.code)!;
    const wantXm = xMoney.get(unit.code)!;
    plan.push({
      unit: unit.code,
      miss: misses.get(unit.code)!,
      kcs16: kcs16.get(unit.code)!,
      kcs17: wantD,
      x17: wantX,
      kcs16Money: kcs16m.get(unit.code)!,
      kcs17Money: wantDm,
      x17Money: wantXm,
    });

    // The carried-over able cases, by amount: the very large become unable, the large stay open.
    const byAmount = [...D].sort((a, b) =>
      a.amount === b.amount ? a.serial - b.serial : a.amount > b.amount ? -1 : 1,
    );
    const stay: DemoCase[] = [];
    const rest: DemoCase[] = [];
    const toN: DemoCase[] = [];
    let staySum = 0n;
    const stayCount = Math.round(wantD * 0.45);
    for (const c of byAmount) {
      if (c.amount * 100n > wantDm * 35n) toN.push(c);
      else if (stay.length < stayCount && (staySum + c.amount) * 100n <= wantDm * 70n) {
        stay.push(c);
        staySum += c.amount;
      } else rest.push(c);
    }
    r.shuffle(rest);
    const nU = Math.round(rest.length * 0.02);
    const nN = Math.round(rest.length * 0.07);
    const U = rest.slice(0, nU);
    toN.push(...rest.slice(nU, nU + nN));
    const done = rest
      .slice(nU + nN)
      .sort((a, b) => (a.amount === b.amount ? a.serial - b.serial : a.amount > b.amount ? -1 : 1));
    // The unable cases that end in 2017, chosen among the smaller debts.
    const nSorted = [...N].sort((a, b) =>
      a.amount === b.amount ? a.serial - b.serial : a.amount < b.amount ? -1 : 1,
    );
    const small = r.shuffle(nSorted.slice(0, Math.ceil(nSorted.length * 0.6)));
    const fromN = small.slice(0, Math.round(N.length * 0.1));
    const fromNSet = new Set(fromN);
    let doneSum = total(done) + total(fromN);
    while (done.length > 0 && (wantXm - doneSum) * 5n < wantXm) {
      const c = done.shift()!;
      toN.push(c);
      doneSum -= c.amount;
    }
    const newX = wantX - done.length - fromN.length;
    const newD = wantD - stay.length;
    if (newX < 1 || newD < 1) throw new Error(`demo: plan of ${unit.code} cannot be met`);

    for (const c of stay) g.fate(c, 2017, 'D');
    for (const c of done) g.fate(c, 2017, 'X');
    for (const c of U) g.fate(c, 2017, 'U');
    for (const c of toN) g.fate(c, 2017, 'N');
    for (const c of fromN) g.fate(c, 2017, 'X');

    const mk = (n: number) =>
      Array.from({ length: n }, () => g.newCase(unit, yearStart(2017), yearEnd(2017) - 3));
    const freshX = mk(newX);
    const freshD = mk(newD);
    const freshU = mk(Math.round((newX + newD) * 0.015));
    const freshN = mk(Math.round((newX + newD) * 0.11));
    scaleTo(freshX, wantXm - doneSum);
    scaleTo(freshD, wantDm - staySum);
    for (const c of freshX) g.fate(c, 2017, 'X');
    for (const c of freshD) g.fate(c, 2017, 'D');
    for (const c of freshU) g.fate(c, 2017, 'U');
    for (const c of freshN) g.fate(c, 2017, 'N');

    state.set(unit.code, {
      D: [...stay, ...freshD],
      N: [...N.filter((c) => !fromNSet.has(c)), ...toN, ...freshN],
    });
  }

  genericYear(2018);
  g.addVerifications(dayNumber(DEMO_END));

  // Files ------------------------------------------------------------------------------------
  const caseRows = [
    'case_id,unit,received_on,amount,mode,officer,judgment_ref,decision_no,decision_date,obligation,debtor_name,debtor_address,reverify_yearly,judgment_type,flags',
  ];
  const eventRows = ['case_id,date,kind,amount,officer,ground,decision_no'];
  for (const unit of units) {
    const place = unit.name.replace(/^Chi cục THADS |^Cục Thi hành án dân sự /, '');
    const area = place.replace(/^(quận|huyện|thị xã|thành phố) /, '');
    const mine = g.cases
      .filter((c) => c.unit === unit)
      .sort((a, b) => a.received - b.received || a.serial - b.serial);
    const qdPerYear = new Map<string, number>();
    mine.forEach((c, k) => {
      const id = `${unit.code}-${String(k + 1).padStart(5, '0')}`;
      const receivedOn = dateOf(c.received);
      const decisionDate = receivedOn;
      const qdYear = decisionDate.slice(0, 4);
      const qd = (qdPerYear.get(qdYear) ?? 0) + 1;
      qdPerYear.set(qdYear, qd);
      const obligation = c.amount === 0n ? r.pick(OTHER_OBLIGATIONS) : r.pick(MONEY_OBLIGATIONS);
      const state = STATE_OBLIGATIONS.has(obligation);
      const mode = r.chance(0.03) ? '' : state ? 'chu_dong' : 'theo_yeu_cau';
      const judgmentDate = dateOf(c.received - r.int(20, 240));
      const kind =
        obligation.startsWith('Án phí hình sự') || obligation === 'Tiền phạt'
          ? 'HS'
          : r.pick(['DS', 'DS', 'DS', 'KDTM', 'HNGĐ']);
      const court = r.chance(0.8) ? `TAND ${place}` : 'TAND thành phố Hà Nội';
      const company = c.amount > 2_000_000_000n && r.chance(0.6);
      const debtor = company ? `${r.pick(COMPANY_KIND)} ${r.pick(COMPANY_NAME)}` : personName(r);
      // Classification (issue 7), derived from what is already drawn (no draw of its own, so the
      // calibrated figures do not move): the judgment type from the judgment's kind, one case in
      // nine left to classify; the flags from the amount (≥ 5 tỷ), the obligation (owed to the
      // state), a company's commercial debt, a third of the criminal judgments (their civil part)
      // and the intake date (before 10/2014: long-standing).
      const judgmentType = k % 9 === 4 ? '' : DEMO_JUDGMENT_TYPE[kind]!;
      const flags = [
        c.amount >= 5_000_000_000n ? 'gia_tri_lon' : '',
        state ? 'ngan_sach' : '',
        company && kind === 'KDTM' ? 'tin_dung_ngan_hang' : '',
        kind === 'HS' && k % 3 === 0 ? 'dan_su_trong_hinh_su' : '',
        c.received < dayNumber('2014-10-01') ? 'ton_dong_lau_nam' : '',
      ]
        .filter((f) => f !== '')
        .join(';');
      const address =
        unit.kind === 'quan' || unit.parent === ''
          ? `Số ${r.int(1, 250)} phố ${r.pick(STREETS)}, ${place}, Hà Nội`
          : `${r.pick(VILLAGE_PREFIX)} ${r.pick(VILLAGES)}, ${r.chance(0.5) ? 'xã' : 'thị trấn'} ${area}, ${place}, Hà Nội`;
      caseRows.push(
        csvLine([
          id,
          unit.code,
          receivedOn,
          c.amount.toString(),
          mode,
          c.officer,
          `Bản án số ${r.int(1, 480)}/${judgmentDate.slice(0, 4)}/${kind}-ST ngày ${viDate(judgmentDate)} của ${court}`,
          `${qd}/QĐ-${unit.parent === '' ? 'CTHADS' : 'CCTHADS'}`,
          decisionDate,
          obligation,
          debtor,
          address,
          r.chance(0.04) ? 'true' : '',
          judgmentType,
          flags,
        ]),
      );
      for (const e of c.events) {
        eventRows.push(
          csvLine([
            id,
            dateOf(e.day),
            e.kind,
            e.amount?.toString() ?? '',
            e.officer ?? '',
            e.ground ?? '',
            e.decisionNo ?? '',
          ]),
        );
      }
    });
  }

  return {
    units: unitsText,
    officers: officerRows.join('\n') + '\n',
    cases: caseRows.join('\n') + '\n',
    events: eventRows.join('\n') + '\n',
    plan,
  };
}
