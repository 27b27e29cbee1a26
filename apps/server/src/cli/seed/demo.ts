/**
 * `seed demo`: deterministic Hanoi demo data. The 31 units of 2017 (hanoi-units-2017.csv), a few
 * officers per unit with Vietnamese names, and a few thousand cases with events over working years
 * 2016–2018 (received from October 2014, events up to 30 September 2018). Every case follows the
 * event rules of statistics.md §5 by construction, and the data goes through the same import engine
 * as any extract, so the rules are checked again; the same seed gives the same files, so seeding
 * twice changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { ScryptCost } from '@thads/api';
import {
  CLI_ACTOR,
  importCases,
  importOfficers,
  importUnits,
  type ImportResult,
  type OpenedDatabase,
} from '@thads/db';
import { csvLine } from '../csv-out.js';
import { seedDemoAccounts } from './accounts.js';
import { seedDemoPublications } from './public-list.js';

export const DEMO_UNITS_FILE = new URL('./hanoi-units-2017.csv', import.meta.url);

/** The last day events are generated for: the end of working year 2018. */
export const DEMO_END = '2018-09-30';
const DEMO_START = '2014-10-01';

export interface DemoFiles {
  units: string;
  officers: string;
  cases: string;
  events: string;
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
  /** A bigint in [0, max], uniform enough for amounts (max below 2^53 here). */
  bigintBelow(max: bigint): bigint {
    return BigInt(Math.floor(this.next() * Number(max + 1n)));
  }
}

const FAMILY = [
  'Nguyễn',
  'Nguyễn',
  'Nguyễn',
  'Trần',
  'Trần',
  'Lê',
  'Lê',
  'Phạm',
  'Hoàng',
  'Phan',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trịnh',
];
const MIDDLE_M = ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Tiến', 'Xuân', 'Công', 'Thanh'];
const MIDDLE_F = ['Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Phương', 'Minh', 'Kim', 'Hồng', 'Bích'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hùng',
  'Hải',
  'Hiếu',
  'Khánh',
  'Long',
  'Minh',
  'Nam',
  'Quân',
  'Sơn',
  'Thắng',
  'Tuấn',
  'Việt',
  'Đức',
  'Trung',
  'Phong',
  'Toàn',
];
const GIVEN_F = [
  'Anh',
  'Chi',
  'Hà',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Phương',
  'Thảo',
  'Trang',
  'Yến',
  'Huyền',
  'Ngân',
  'Thủy',
  'Loan',
  'Dung',
  'Oanh',
];
const STREETS = [
  'Kim Mã',
  'Đội Cấn',
  'Hàng Bông',
  'Láng Hạ',
  'Giải Phóng',
  'Trường Chinh',
  'Nguyễn Trãi',
  'Lạc Long Quân',
  'Cầu Giấy',
  'Minh Khai',
  'Tây Sơn',
  'Xuân Thủy',
  'Nguyễn Văn Cừ',
  'Quang Trung',
  'Lê Duẩn',
  'Hoàng Quốc Việt',
];
const MONEY_OBLIGATIONS = [
  'Trả nợ tiền vay',
  'Bồi thường thiệt hại',
  'Án phí dân sự sơ thẩm',
  'Tiền phạt',
  'Trả tiền mua bán hàng hóa',
  'Cấp dưỡng nuôi con',
  'Truy thu tiền thu lợi bất chính',
  'Trả tiền đặt cọc',
];
const STATE_OBLIGATIONS = new Set([
  'Án phí dân sự sơ thẩm',
  'Tiền phạt',
  'Truy thu tiền thu lợi bất chính',
]);
const OTHER_OBLIGATIONS = [
  'Trả lại tài sản',
  'Giao nhà',
  'Buộc tháo dỡ công trình xây dựng',
  'Trả lại giấy chứng nhận quyền sử dụng đất',
];

function personName(r: Random): string {
  const female = r.chance(0.5);
  return `${r.pick(FAMILY)} ${r.pick(female ? MIDDLE_F : MIDDLE_M)} ${r.pick(female ? GIVEN_F : GIVEN_M)}`;
}

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

interface DemoUnit {
  code: string;
  name: string;
  parent: string;
}

function parseUnits(text: string): DemoUnit[] {
  const lines = text.trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code, name, , parent] = line.split(',');
    return { code: code!, name: name!, parent: parent ?? '' };
  });
}

/** Money in đồng, rounded to thousands: 15 % none, most between 1 million and 5 billion. */
function caseAmount(r: Random): bigint {
  if (r.chance(0.15)) return 0n;
  const exponent = 6 + r.float() * (r.chance(0.02) ? 5 : 3.7); // up to 10^11 for a few
  return (BigInt(Math.round(10 ** exponent)) / 1000n) * 1000n + 1000n;
}

/**
 * The demo extract. `seed` fixes everything; the default is the one `seed demo` uses.
 */
export function generateDemo(seed = 2017): DemoFiles {
  const r = new Random(seed);
  const unitsText = readFileSync(DEMO_UNITS_FILE, 'utf8');
  const units = parseUnits(unitsText);

  const officerRows = ['code,name,unit'];
  const officersOf = new Map<string, string[]>();
  for (const unit of units) {
    const count = unit.parent === '' ? 4 : r.int(3, 5);
    const codes: string[] = [];
    for (let i = 1; i <= count; i++) {
      const code = `${unit.code}-CHV${i}`;
      codes.push(code);
      officerRows.push(csvLine([code, personName(r), unit.code]));
    }
    officersOf.set(unit.code, codes);
  }

  const caseRows = [
    'case_id,unit,received_on,amount,mode,officer,judgment_ref,decision_no,decision_date,obligation,debtor_name,debtor_address,reverify_yearly',
  ];
  const eventRows = ['case_id,date,kind,amount,officer,ground,decision_no'];
  const start = dayNumber(DEMO_START);
  const end = dayNumber(DEMO_END);
  let decision = 1;
  for (const unit of units) {
    const officers = officersOf.get(unit.code)!;
    const place = unit.name.replace(/^Chi cục THADS |^Cục Thi hành án dân sự /, '');
    const count = unit.parent === '' ? 120 : r.int(80, 115);
    const received = Array.from({ length: count }, () => dateOf(r.int(start, end))).sort();
    for (let k = 0; k < count; k++) {
      const id = `${unit.code}-${String(k + 1).padStart(4, '0')}`;
      const receivedOn = received[k]!;
      const amount = caseAmount(r);
      const obligation = amount === 0n ? r.pick(OTHER_OBLIGATIONS) : r.pick(MONEY_OBLIGATIONS);
      const mode = r.chance(0.05)
        ? ''
        : STATE_OBLIGATIONS.has(obligation)
          ? 'chu_dong'
          : 'theo_yeu_cau';
      let officer = r.chance(0.8) ? r.pick(officers) : '';
      const judgmentDate = dateOf(dayNumber(receivedOn) - r.int(30, 200));
      caseRows.push(
        csvLine([
          id,
          unit.code,
          receivedOn,
          amount.toString(),
          mode,
          officer,
          `Bản án số ${r.int(1, 400)}/${judgmentDate.slice(0, 4)}/DS-ST ngày ${viDate(judgmentDate)} của TAND ${place}`,
          `${r.int(1, 2000)}/QĐ-${unit.parent === '' ? 'CTHADS' : 'CCTHADS'}`,
          receivedOn,
          obligation,
          personName(r),
          `Số ${r.int(1, 200)} phố ${r.pick(STREETS)}, ${place}, Hà Nội`,
          r.chance(0.05) ? 'true' : '',
        ]),
      );

      // The case's life: a simple walk through the states of statistics.md §5.
      type State = 'able' | 'postponed' | 'suspended' | 'unable';
      let state: State = 'able';
      let remaining = amount;
      let day = dayNumber(receivedOn);
      const event = (
        kind: string,
        extra: { amount?: bigint; officer?: string; ground?: string; decisionNo?: string } = {},
      ) =>
        eventRows.push(
          csvLine([
            id,
            dateOf(day),
            kind,
            extra.amount?.toString() ?? '',
            extra.officer ?? '',
            extra.ground ?? '',
            extra.decisionNo ?? '',
          ]),
        );
      for (;;) {
        day += r.int(5, 160);
        if (day > end) break;
        const roll = r.float();
        if (state === 'able') {
          if (remaining === 0n && roll < 0.55) {
            event('complete');
            break;
          }
          if (remaining > 0n && roll < 0.4) {
            const part = r.chance(0.35)
              ? remaining
              : (r.bigintBelow(remaining / 1000n) + 1n) * 1000n;
            const paid = part > remaining ? remaining : part;
            event(r.chance(0.08) ? 'reduce' : 'pay', { amount: paid });
            remaining -= paid;
          } else if (roll < 0.55) {
            event('unable', {
              ground: r.pick(['a', 'b', 'c']),
              decisionNo: `${decision++}/QĐ-CCTHADS`,
            });
            state = 'unable';
          } else if (roll < 0.6) {
            event('postpone');
            state = 'postponed';
          } else if (roll < 0.63) {
            event('suspend');
            state = 'suspended';
          } else if (roll < 0.7) {
            event(r.chance(0.5) ? 'able' : 'verify');
          } else if (roll < 0.76 && officers.length > 1) {
            const next = r.pick(officers.filter((o) => o !== officer));
            event('assign', { officer: next });
            officer = next;
          } else if (roll < 0.8) {
            event('terminate');
            break;
          } else if (roll < 0.84) {
            event('transfer');
            break;
          } else if (roll < 0.87) {
            event('withdraw');
            break;
          }
        } else if (state === 'unable') {
          if (roll < 0.45) event('verify');
          else if (roll < 0.7) {
            event('resume', { decisionNo: `${decision++}/QĐ-CCTHADS` });
            state = 'able';
          } else if (roll < 0.78) {
            event('terminate');
            break;
          } else if (roll < 0.85 && remaining > 0n) {
            const paid = (r.bigintBelow(remaining / 1000n) + 1n) * 1000n;
            const amount = paid > remaining ? remaining : paid;
            event('pay', { amount });
            remaining -= amount;
          }
        } else {
          // postponed or suspended
          if (roll < 0.6) {
            event('resume');
            state = 'able';
          } else if (roll < 0.7) {
            event('unable', {
              ground: r.pick(['a', 'b', 'c']),
              decisionNo: `${decision++}/QĐ-CCTHADS`,
            });
            state = 'unable';
          } else if (roll < 0.75 && state === 'postponed') {
            event('suspend');
            state = 'suspended';
          } else if (roll < 0.8) {
            event('terminate');
            break;
          }
        }
      }
    }
  }

  return {
    units: unitsText,
    officers: officerRows.join('\n') + '\n',
    cases: caseRows.join('\n') + '\n',
    events: eventRows.join('\n') + '\n',
  };
}

export interface SeedStep {
  /** Vietnamese: what the step imported ("Đơn vị", "Chấp hành viên", "Việc"). */
  label: string;
  result: ImportResult;
}

/**
 * Loads the demo data through the import engine: units, officers, then cases with events; then the
 * publication of most unable decisions (seed/public-list.ts); then the demo accounts
 * (seed/accounts.ts), one per role. Stops
 * after the first step with issues (there should be none: the generator follows the rules).
 */
export async function seedDemo(
  db: OpenedDatabase['db'],
  options: {
    today: string;
    onProgress?: (message: string) => void;
    /** When the seed runs, for the audit trail; defaults to the moment it is called. */
    now?: Date;
    /** scrypt cost of the demo accounts' passwords (tests lower it). */
    passwordCost?: ScryptCost;
  },
): Promise<SeedStep[]> {
  const files = generateDemo();
  const now = options.now ?? new Date();
  const progress = {
    now,
    actor: CLI_ACTOR,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const steps: [string, () => Promise<ImportResult>][] = [
    [
      'Đơn vị',
      () => importUnits(db, { name: 'hanoi-units-2017.csv', text: files.units }, progress),
    ],
    [
      'Chấp hành viên',
      () => importOfficers(db, { name: 'demo-officers.csv', text: files.officers }, progress),
    ],
    [
      'Việc',
      () =>
        importCases(
          db,
          {
            cases: { name: 'demo-cases.csv', text: files.cases },
            events: { name: 'demo-events.csv', text: files.events },
          },
          { today: options.today, ...progress },
        ),
    ],
    ['Danh sách công khai', () => seedDemoPublications(db, { today: options.today, now })],
    [
      'Tài khoản',
      () =>
        seedDemoAccounts(db, {
          now,
          ...(options.passwordCost ? { cost: options.passwordCost } : {}),
        }),
    ],
  ];
  const done: SeedStep[] = [];
  for (const [label, step] of steps) {
    const result = await step();
    done.push({ label, result });
    if (result.issues.length > 0) break;
  }
  return done;
}
