/**
 * The national dataset of issue 13: 700 units (units.ts), their officers, and about 1,000,000
 * cases per working year over working years 2016–2018 (received 01/10/2015–30/09/2018) with about
 * four events each, in a realistic mix of fates (statistics.md §5): paid in instalments and
 * completed, reduced, terminated, postponed, suspended, unable on ground a/b/c and re-verified,
 * resumed, reassigned, withdrawn and transferred. Every history is valid by construction (a walk of
 * the state machine of §5, cut at 30/09/2018). Amounts are skewed (a few million đồng to a few
 * billion) with a handful of giant cases (6–10 × 10^14 đồng, at least 20 of them whatever the
 * scale, each paying at most 5 % and then decided unable, as the largest debts are), so that the
 * national money sums of working year 2018 pass 2^53 (20 × 6 × 10^14 × 95 % > 9.007 × 10^15).
 *
 * Deterministic: each case is drawn from its own stream (seed, index), so a batch is the same
 * whatever the batch size, and `scale` only changes how many cases there are.
 */
import { mix, mulberry32 } from './random.js';
import {
  nationalOfficers,
  nationalUnits,
  personName,
  type BenchOfficer,
  type BenchUnit,
} from './units.js';

export const FIRST_DAY = '2015-10-01';
export const LAST_DAY = '2018-09-30';
export const YEARS = [2016, 2017, 2018] as const;
/** Cases of the full national dataset (scale 1): 1,000,000 per working year. */
export const FULL_CASES = 3_000_000;
export const DEFAULT_SEED = 20_171_231;

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2015, 9, 1);
const DAYS = Math.round((Date.UTC(2018, 8, 30) - START_MS) / DAY_MS) + 1; // 1096
const ISO: string[] = Array.from({ length: DAYS }, (_, d) =>
  new Date(START_MS + d * DAY_MS).toISOString().slice(0, 10),
);

export interface NationalConfig {
  seed: number;
  /** 1 = the national dataset; 0.01 = one hundredth of its cases (the units stay 700). */
  scale: number;
}

export interface NationalPlan {
  config: NationalConfig;
  units: BenchUnit[];
  officers: BenchOfficer[];
  totalCases: number;
  /** Every `giantStride`-th case (from index 7) is a giant one. */
  giantStride: number;
  /** Cumulative weights of the units that receive cases, for a weighted pick. */
  pick: { units: string[]; cumulative: number[]; officers: Map<string, string[]> };
}

export function totalCasesOf(scale: number): number {
  return Math.max(100, Math.round(FULL_CASES * scale));
}

export function nationalPlan(config: NationalConfig): NationalPlan {
  const units = nationalUnits();
  const officers = nationalOfficers(units, config.seed);
  const byUnit = new Map<string, string[]>();
  for (const o of officers) {
    const list = byUnit.get(o.unit) ?? [];
    list.push(o.code);
    byUnit.set(o.unit, list);
  }
  const receiving = units.filter((u) => u.kind !== 'tong_cuc');
  const cumulative: number[] = [];
  let sum = 0;
  for (const u of receiving) {
    // A Chi cục receives in proportion to its officers; a Cục office receives fewer, larger cases.
    sum += byUnit.get(u.code)!.length * (u.kind === 'cuc' ? 0.5 : 1);
    cumulative.push(sum);
  }
  const totalCases = totalCasesOf(config.scale);
  return {
    config,
    units,
    officers,
    totalCases,
    giantStride: Math.max(1, Math.min(100_000, Math.floor(totalCases / 20))),
    pick: { units: receiving.map((u) => u.code), cumulative, officers: byUnit },
  };
}

export interface GeneratedCase {
  /** The cases.csv row. */
  row: string;
  /** The events.csv rows, in applied order. */
  events: string[];
}

export const CASES_HEADER = 'case_id,unit,received_on,amount,mode,officer,decision_no,debtor_name';
export const EVENTS_HEADER = 'case_id,date,kind,amount,officer,ground,decision_no';

export function caseIdOf(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(8, '0')}`;
}

function pickUnit(plan: NationalPlan, r: number): string {
  const { cumulative, units } = plan.pick;
  const target = r * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return units[lo]!;
}

/** A partial settlement: 10–60 % of what remains, in thousands of đồng, at least 1,000 đ. */
function part(remaining: bigint, r: number): bigint {
  const share = (remaining * BigInt(100 + Math.floor(r * 500))) / 1000n;
  const rounded = (share / 1000n) * 1000n;
  return rounded < 1000n ? 1000n : rounded;
}

/**
 * Case `index` of the plan (id `prefix` + index). An index past the plan's cases draws a new case
 * (its own stream) received on the same calendar as index mod the case count: the import benchmark's
 * fresh batches.
 */
export function generateCase(plan: NationalPlan, prefix: string, index: number): GeneratedCase {
  const rng = mulberry32(mix(plan.config.seed, index));
  const id = caseIdOf(prefix, index);
  const unit = pickUnit(plan, rng());
  const officers = plan.pick.officers.get(unit)!;
  const received = Math.min(
    DAYS - 1,
    Math.floor(((index % plan.totalCases) + rng()) * (DAYS / plan.totalCases)),
  );
  const giant = index % plan.giantStride === 7 % plan.giantStride;
  let amount: bigint;
  const money = rng();
  if (giant) amount = 600_000_000_000_000n + BigInt(Math.floor(rng() * 400_000_000)) * 1_000_000n;
  else if (money < 0.06)
    amount = 0n; // a non-money obligation (return a house, an apology…)
  else {
    // Log-uniform 2 million to 5 billion đồng (a Cục office's cases ten times larger).
    const scaleUp = unit.includes('-') ? 1 : 10;
    amount = BigInt(Math.round((2e6 * Math.exp(rng() * Math.log(2500)) * scaleUp) / 1000)) * 1000n;
  }
  const mode = rng() < 0.3 ? 'chu_dong' : 'theo_yeu_cau';
  let officer: string | null = rng() < 0.9 ? officers[Math.floor(rng() * officers.length)]! : null;
  const row = `${id},${unit},${ISO[received]},${amount},${mode},${officer ?? ''},${index}/QĐ-THADS,${personName(index)}`;

  const events: string[] = [];
  let day = received;
  let state: 'able' | 'unable' | 'postponed' | 'suspended' = 'able';
  let remaining = amount;
  let decisions = 0;
  /** Advances the date by a gap; false when that passes the last day (the history stops). */
  const wait = (min: number, spread: number): boolean => {
    day += min + Math.floor(rng() * rng() * spread);
    return day < DAYS;
  };
  const emit = (kind: string, extra = ',,,') => events.push(`${id},${ISO[day]},${kind},${extra}`);
  const pay = (kind: 'pay' | 'reduce', value: bigint) => {
    if (value <= 0n || value > remaining) return;
    remaining -= value;
    emit(kind, `${value},,,`);
  };
  const verify = () => emit(state === 'able' && rng() < 0.5 ? 'able' : 'verify');
  const reassign = () => {
    const other = officers[Math.floor(rng() * officers.length)]!;
    if (other === officer) return;
    officer = other;
    emit('assign', `,${other},,`);
  };
  const unable = () => {
    const ground = rng() < 0.7 ? 'a' : rng() < 0.6 ? 'b' : 'c';
    decisions++;
    state = 'unable';
    emit('unable', `,,${ground},${index}-${decisions}/QĐ-CCTHADS`);
  };
  const close = (kind: 'complete' | 'terminate' | 'withdraw' | 'transfer') => emit(kind);

  // Intake: a case without an officer is usually assigned within a few weeks.
  if (officer === null && rng() < 0.85 && wait(1, 30)) reassign();
  // Verification of the debtor's means at intake (xác minh điều kiện thi hành án).
  if (rng() < 0.45 && wait(3, 30)) emit('able');
  if (giant) {
    // A giant debt: verified, a small part paid, decided unable, re-verified every six months.
    if (wait(5, 60))
      pay('pay', ((amount * BigInt(1 + Math.floor(rng() * 5))) / 100n / 1000n) * 1000n);
    if (!wait(15, 120)) return { row, events };
    unable();
    while (wait(150, 60)) verify();
    return { row, events };
  }
  const fate = rng();
  if (day >= DAYS) return { row, events };
  if (fate < 0.4) {
    // Paid (in one to three instalments, sometimes with a reduction) and completed.
    if (rng() < 0.6 && wait(5, 60)) verify();
    const instalments = 1 + Math.floor(rng() * 4);
    for (let k = 1; k < instalments && remaining > 0n; k++) {
      if (!wait(10, 120)) return { row, events };
      pay('pay', part(remaining, rng()));
      if (rng() < 0.1 && wait(1, 60)) reassign();
    }
    if (remaining > 0n && rng() < 0.15) {
      if (!wait(5, 60)) return { row, events };
      pay('reduce', part(remaining, rng() * 0.5));
    }
    if (!wait(5, 120)) return { row, events };
    if (remaining > 0n) pay('pay', remaining);
    if (rng() < 0.3 && !wait(0, 20)) return { row, events };
    close('complete');
  } else if (fate < 0.46) {
    // Terminated (QĐ đình chỉ), sometimes after a part was paid.
    if (wait(5, 60)) verify();
    if (rng() < 0.5 && remaining > 0n && wait(10, 120)) pay('pay', part(remaining, rng()));
    if (wait(20, 200)) close('terminate');
  } else if (fate < 0.68) {
    // Unable: verified, decided unable, re-verified about every six months, sometimes resumed.
    if (rng() < 0.7 && wait(5, 60)) verify();
    if (rng() < 0.3 && remaining > 0n && wait(10, 90)) pay('pay', part(remaining, rng()));
    if (!wait(15, 120)) return { row, events };
    unable();
    const checks = 1 + Math.floor(rng() * 4);
    for (let k = 0; k < checks; k++) {
      if (!wait(150, 60)) return { row, events };
      if (rng() < 0.2) {
        state = 'able';
        emit('resume');
        if (remaining > 0n && wait(10, 90)) pay('pay', part(remaining, rng()));
        if (rng() < 0.5 && remaining > 0n && wait(10, 120)) {
          pay('pay', remaining);
          close('complete');
        }
        break;
      }
      if (rng() < 0.3)
        unable(); // a new decision after re-verification
      else verify();
    }
  } else if (fate < 0.82) {
    // Still open and able: verified, paid in part, sometimes reassigned.
    if (wait(5, 90)) verify();
    if (rng() < 0.2 && wait(5, 60)) reassign();
    for (let k = 0; k < 3 && remaining > 0n; k++)
      if (rng() < 0.7 && wait(10, 150)) pay('pay', part(remaining, rng()));
    if (wait(30, 150)) verify();
  } else if (fate < 0.86) {
    // Withdrawn or returned (thu hồi, hủy QĐ THA, trả đơn).
    if (rng() < 0.7 && wait(5, 60)) verify();
    if (rng() < 0.3 && wait(5, 60)) reassign();
    if (wait(10, 200)) close('withdraw');
  } else if (fate < 0.9) {
    // Transferred to another unit (ủy thác), half of them after a part was paid.
    if (rng() < 0.6 && wait(5, 60)) verify();
    if (rng() < 0.5 && remaining > 0n && wait(10, 90)) pay('pay', part(remaining, rng()));
    if (wait(10, 150)) close('transfer');
  } else if (fate < 0.95) {
    // Postponed, mostly resumed, then paid.
    if (!wait(5, 60)) return { row, events };
    state = 'postponed';
    emit('postpone');
    if (rng() < 0.3 && wait(30, 60)) verify();
    if (rng() < 0.7 && wait(30, 150)) {
      state = 'able';
      emit('resume');
      if (remaining > 0n && wait(10, 90)) pay('pay', part(remaining, rng()));
      if (rng() < 0.5 && wait(10, 90)) {
        if (remaining > 0n) pay('pay', remaining);
        close('complete');
      }
    }
  } else {
    // Suspended (tạm đình chỉ): resumed, terminated, or still suspended.
    if (rng() < 0.3 && wait(5, 60)) verify();
    if (!wait(5, 90)) return { row, events };
    state = 'suspended';
    emit('suspend');
    const next = rng();
    if (next < 0.5 && wait(30, 200)) {
      state = 'able';
      emit('resume');
      if (remaining > 0n && wait(10, 90)) pay('pay', part(remaining, rng()));
    } else if (next < 0.8 && wait(30, 200)) close('terminate');
  }
  return { row, events };
}

export interface CsvBatch {
  cases: string;
  events: string;
  caseCount: number;
  eventCount: number;
}

/** Cases [from, to) as cases.csv and events.csv texts. */
export function generateBatch(
  plan: NationalPlan,
  prefix: string,
  from: number,
  to: number,
): CsvBatch {
  const cases: string[] = [CASES_HEADER];
  const events: string[] = [EVENTS_HEADER];
  for (let i = from; i < to; i++) {
    const c = generateCase(plan, prefix, i);
    cases.push(c.row);
    for (const e of c.events) events.push(e);
  }
  return {
    cases: cases.join('\n') + '\n',
    events: events.join('\n') + '\n',
    caseCount: to - from,
    eventCount: events.length - 1,
  };
}

export function unitsCsv(units: readonly BenchUnit[]): string {
  return (
    [
      'code,name,kind,parent',
      ...units.map((u) => `${u.code},${u.name},${u.kind},${u.parent ?? ''}`),
    ].join('\n') + '\n'
  );
}

export function officersCsv(officers: readonly BenchOfficer[]): string {
  return (
    ['code,name,unit', ...officers.map((o) => `${o.code},${o.name},${o.unit}`)].join('\n') + '\n'
  );
}
