// Properties of registry reports over random VALID registries (statistics.md §2, §3, §4, §6, §8;
// interfaces.md §5). The generator builds event sequences from its own copy of the §5 state table,
// choosing only kinds allowed in the current state and settlements no larger than what remains. The
// expected figures come from an independent reading of the §3/§4 rules written below (`oracle`) and
// from sums computed here, never from the code under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  casesBehindLine,
  caseContribution,
  checkIdentities,
  contributionsFor,
  registryLines,
  replayCase,
  reportPeriod,
  subtreeCodes,
  type CaseEvent,
  type CaseMode,
  type EventKind,
  type KnownLines,
  type LineCode,
  type Measure,
  type Period,
  type RegistryCase,
  type ReplayedCase,
  type Unit,
} from '../src/index.js';
import { CASE_KEYS, MONEY_KEYS, keysOf, measureLines } from './helpers.js';

// ---- the generator -------------------------------------------------------------------------------

type State = 'able' | 'postponed' | 'suspended' | 'unable';
const OPEN: State[] = ['able', 'postponed', 'suspended', 'unable'];
/** statistics.md §5, "allowed when the case is". */
const ALLOWED: Record<EventKind, State[]> = {
  able: ['able'],
  verify: OPEN,
  unable: OPEN,
  resume: ['unable', 'postponed', 'suspended'],
  postpone: ['able'],
  suspend: ['able', 'postponed'],
  pay: OPEN,
  reduce: OPEN,
  assign: OPEN,
  complete: OPEN,
  terminate: OPEN,
  transfer: OPEN,
  withdraw: OPEN,
};
/** How often each kind is chosen among the allowed ones (closings rarer, so cases live a while). */
const WEIGHT: Record<EventKind, number> = {
  pay: 6,
  reduce: 2,
  verify: 1,
  able: 1,
  unable: 3,
  resume: 3,
  postpone: 2,
  suspend: 2,
  assign: 2,
  complete: 2,
  terminate: 1,
  transfer: 1,
  withdraw: 1,
};
const CLOSING: EventKind[] = ['complete', 'terminate', 'transfer', 'withdraw'];

const DAY0 = Date.UTC(2015, 9, 1); // 2015-10-01, start of working year 2016
const LAST_DAY = 1460; // 2019-09-30, end of working year 2019
const isoDay = (days: number) => new Date(DAY0 + days * 86_400_000).toISOString().slice(0, 10);

const stepArb = fc.record({
  gap: fc.integer({ min: 0, max: 150 }),
  pick: fc.nat({ max: 9999 }),
  frac: fc.integer({ min: 0, max: 99 }),
  who: fc.nat({ max: 99 }),
});
const caseArb = fc.record({
  unit: fc.nat({ max: 99 }),
  intake: fc.option(fc.nat({ max: 99 }), { nil: null }),
  mode: fc.constantFrom<CaseMode | null>('chu_dong', 'theo_yeu_cau', null),
  received: fc.integer({ min: 0, max: LAST_DAY }),
  amount: fc.oneof(
    { arbitrary: fc.bigInt({ min: 5n * 10n ** 14n, max: 10n ** 15n }), weight: 4 },
    { arbitrary: fc.bigInt({ min: 1n, max: 10_000n }), weight: 1 },
    { arbitrary: fc.constant(0n), weight: 1 },
  ),
  steps: fc.array(stepArb, { maxLength: 10 }),
  // Ids whose UTF-16 order differs from their byte order ('ｃ' U+FF43 < '𝒸' U+1D4B8 in bytes only).
  prefix: fc.constantFrom('c', 'C', 'c-', 'é', 'ｃ', '𝒸'),
});
const worldArb = fc.record({
  children: fc.integer({ min: 2, max: 3 }),
  grandchild: fc.boolean(),
  officerCounts: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
  cases: fc.array(caseArb, { maxLength: 50, size: 'max' }),
  year: fc.integer({ min: 2016, max: 2019 }),
  month: fc.integer({ min: 1, max: 12 }),
  nextMonth: fc.integer({ min: 1, max: 12 }),
});

interface World {
  units: Unit[];
  /** Expected subtree of each unit, written out by the generator. */
  subtree: Map<string, string[]>;
  children: Map<string, string[]>;
  officers: Map<string, string[]>;
  cases: RegistryCase[];
  replayed: ReplayedCase[];
  year: number;
  month: number;
  nextMonth: number;
}

type WorldInput = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function build(input: WorldInput): World {
  const codes = ['HN', 'HN-BDI', 'HN-HK', 'HN-TX'].slice(0, 1 + input.children);
  const units: Unit[] = codes.map((code, i) => ({
    code,
    name: code,
    kind: i === 0 ? 'cuc' : 'quan',
    parent: i === 0 ? null : 'HN',
  }));
  if (input.grandchild)
    units.push({ code: 'HN-BDI-KV', name: 'KV', kind: 'khu_vuc', parent: 'HN-BDI' });
  const children = new Map<string, string[]>(
    units.map((u) => [u.code, units.filter((x) => x.parent === u.code).map((x) => x.code)]),
  );
  const subtree = new Map<string, string[]>();
  const collect = (code: string): string[] => [code, ...children.get(code)!.flatMap(collect)];
  for (const u of units) subtree.set(u.code, collect(u.code));
  const officers = new Map<string, string[]>(
    units.map((u, i) => [
      u.code,
      Array.from({ length: input.officerCounts[i]! }, (_, k) => `${u.code}/${k + 1}`),
    ]),
  );

  const cases = input.cases.map((g, i): RegistryCase => {
    const unit = units[g.unit % units.length]!.code;
    const staff = officers.get(unit)!;
    const receivedOn = isoDay(g.received);
    const events: CaseEvent[] = [];
    let state: State = 'able';
    let remaining = g.amount;
    let day = g.received;
    for (const step of g.steps) {
      const candidates = (Object.keys(ALLOWED) as EventKind[]).filter(
        (k) =>
          ALLOWED[k].includes(state) &&
          (k !== 'pay' && k !== 'reduce' ? true : remaining > 0n) &&
          (k !== 'complete' || remaining === 0n) &&
          (k !== 'assign' || staff.length > 0),
      );
      let r = step.pick % candidates.reduce((n, k) => n + WEIGHT[k], 0);
      const kind = candidates.find((k) => (r -= WEIGHT[k]) < 0)!;
      day += step.gap;
      const date = isoDay(day);
      if (kind === 'pay' || kind === 'reduce') {
        let amount = step.frac >= 70 ? remaining : (remaining * BigInt(step.frac + 1)) / 100n;
        if (amount === 0n) amount = 1n;
        remaining -= amount;
        events.push({ date, kind, amount });
      } else if (kind === 'unable') {
        events.push({
          date,
          kind,
          ground: (['a', 'b', 'c'] as const)[step.who % 3],
          decisionNo: `${i}/QĐ`,
        });
        state = 'unable';
      } else if (kind === 'assign') {
        events.push({ date, kind, officer: staff[step.who % staff.length]! });
      } else {
        events.push({ date, kind });
        if (kind === 'resume') state = 'able';
        if (kind === 'postpone') state = 'postponed';
        if (kind === 'suspend') state = 'suspended';
      }
      if (CLOSING.includes(kind)) break;
    }
    return {
      id: `${g.prefix}${i}`,
      unit,
      receivedOn,
      amount: g.amount,
      officer: g.intake === null || staff.length === 0 ? null : staff[g.intake % staff.length]!,
      mode: g.mode,
      events,
    };
  });
  const officerUnit = new Map([...officers].flatMap(([u, os]) => os.map((o) => [o, u] as const)));
  const replayed = cases.map((c) => {
    const r = replayCase(c, { officerUnit: (o) => officerUnit.get(o) });
    if (!r.ok) throw new Error(`generator produced an invalid case: ${r.violation.message}`);
    return r.replayed;
  });
  return {
    units,
    subtree,
    children,
    officers,
    cases,
    replayed,
    year: input.year,
    month: input.month,
    nextMonth: input.nextMonth,
  };
}

// ---- the oracle: §3 and §4 read again, one case at a time -----------------------------------------

type Lines2 = { cases: Record<LineCode, bigint>; money: Record<LineCode, bigint> };
interface OracleRow extends Lines2 {
  origin: 'broughtForward' | 'newlyReceived';
  outcome: string;
  officer: string | null;
}

function zero(): Record<LineCode, bigint> {
  return Object.fromEntries(MONEY_KEYS.map((k) => [k, 0n])) as Record<LineCode, bigint>;
}

function oracle(c: RegistryCase, p: Period): OracleRow | null {
  if (c.receivedOn > p.end) return null; // received after E
  const seen = c.events.filter((e) => e.date <= p.end); // events after E are ignored
  const closeAt = seen.findIndex((e) => CLOSING.includes(e.kind));
  const closing = closeAt >= 0 ? seen[closeAt]! : null;
  if (closing && closing.date < p.start) return null; // closed or exited before S
  const before = closing ? seen.slice(0, closeAt) : seen;

  let settledBeforeS = 0n;
  let paid = 0n;
  let reduced = 0n;
  let state: State = 'able';
  let officer = c.officer ?? null;
  for (const e of before) {
    if (e.kind === 'pay' || e.kind === 'reduce') {
      if (e.date < p.start) settledBeforeS += e.amount!;
      else if (e.kind === 'pay') paid += e.amount!;
      else reduced += e.amount!;
    }
    if (e.kind === 'unable') state = 'unable';
    if (e.kind === 'resume') state = 'able';
    if (e.kind === 'postpone') state = 'postponed';
    if (e.kind === 'suspend') state = 'suspended';
    if (e.kind === 'assign') officer = e.officer!;
  }
  const A = c.amount - settledBeforeS;
  const s = paid + reduced;
  const origin = c.receivedOn < p.start ? 'broughtForward' : 'newlyReceived';
  const n = zero();
  const m = zero();
  n[origin] = n.totalReceived = 1n;
  m[origin] = m.totalReceived = A;
  let outcome: string;
  const settledBeforeClosing = settledBeforeS + s;
  if (
    closing?.kind === 'withdraw' ||
    (closing?.kind === 'transfer' && settledBeforeClosing === 0n)
  ) {
    outcome = 'exited';
    n.exited = 1n;
    m.exited = A;
  } else if (closing?.kind === 'transfer') {
    outcome = 'completedFull';
    n.toEnforce = n.able = n.completed = n.completedFull = 1n;
    m.exited = A - s;
    m.toEnforce = m.able = m.completed = s;
    m.completedFull = paid;
    m.reduced = reduced;
  } else if (closing?.kind === 'complete') {
    outcome = 'completedFull';
    n.toEnforce = n.able = n.completed = n.completedFull = 1n;
    m.toEnforce = m.able = m.completed = A;
    m.completedFull = paid;
    m.reduced = reduced;
  } else if (closing?.kind === 'terminate') {
    outcome = 'terminated';
    n.toEnforce = n.able = n.completed = n.terminated = 1n;
    m.toEnforce = m.able = m.completed = A;
    m.completedFull = paid;
    m.reduced = reduced;
    m.terminated = A - s;
  } else if (state === 'unable') {
    outcome = 'unable';
    n.toEnforce = n.unable = 1n;
    m.toEnforce = A;
    m.able = m.completed = s;
    m.completedFull = paid;
    m.reduced = reduced;
    m.unable = A - s;
  } else {
    const line = ({ able: 'inProgress', postponed: 'postponed', suspended: 'suspended' } as const)[
      state
    ];
    outcome = line;
    n.toEnforce = n.able = n[line] = 1n;
    m.toEnforce = m.able = A;
    m.completed = s;
    m.completedFull = paid;
    m.reduced = reduced;
    m[line] = A - s;
  }
  for (const x of [n, m]) {
    x.carriedOver = x.toEnforce - x.completed; // CKS = P − X
    x.ableCarriedOver = x.able - x.completed; // KCS = K − X
  }
  return { origin, outcome, officer, cases: n, money: m };
}

// ---- sums written here -------------------------------------------------------------------------------

function plus(a: Lines2, b: Lines2): Lines2 {
  const out: Lines2 = { cases: zero(), money: zero() };
  for (const k of MONEY_KEYS) {
    out.cases[k] = a.cases[k] + b.cases[k];
    out.money[k] = a.money[k] + b.money[k];
  }
  return out;
}
const EMPTY: Lines2 = { cases: zero(), money: zero() };
function same(actual: { cases: KnownLines; money: KnownLines }, expected: Lines2, label: string) {
  for (const m of ['cases', 'money'] as Measure[]) {
    expect(measureLines(actual[m], m), `${label} ${m}`).toEqual(measureLines(expected[m], m));
  }
}
function casesOfUnits(w: World, codes: readonly string[]) {
  return w.replayed.filter((r) => codes.includes(r.case.unit));
}
const own = (w: World, unit: string, p: Period, filter = {}) =>
  registryLines(casesOfUnits(w, [unit]), p, filter);
const total = (w: World, unit: string, p: Period) =>
  registryLines(casesOfUnits(w, subtreeCodes(w.units, unit)), p);

/**
 * A registry always tried first: twelve cases of 10^15 đồng received in working year 2017 (about
 * 1.2 × 10^16 in total, past 2^53 ≈ 9.007 × 10^15).
 */
const BIG_WORLD: WorldInput = {
  children: 2,
  grandchild: true,
  officerCounts: [1, 2, 1, 0, 3],
  cases: Array.from({ length: 12 }, (_, i) => ({
    unit: i,
    intake: i % 3 === 0 ? null : i,
    mode: null,
    received: 400 + i,
    amount: 10n ** 15n - BigInt(i),
    steps: [{ gap: 30, pick: i * 7, frac: 10 * i, who: i }],
    prefix: 'c',
  })),
  year: 2017,
  month: 12,
  nextMonth: 3,
};
/** Fast enough for the whole file to stay well under 20 s. */
const RUNS: fc.Parameters<[WorldInput]> = { numRuns: 150, examples: [[BIG_WORLD]] };

describe('random valid registries', () => {
  it('the generator only builds valid registries, and subtreeCodes matches the tree', () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const w = build(input);
        expect(w.replayed).toHaveLength(input.cases.length);
        for (const u of w.units)
          expect(subtreeCodes(w.units, u.code)).toEqual([
            u.code,
            ...w.subtree.get(u.code)!.slice(1).sort(),
          ]);
      }),
      RUNS,
    );
  });

  it('each case contributes what §3/§4 say (independent oracle), with exact money', () => {
    let pastSafe = 0;
    fc.assert(
      fc.property(worldArb, (input) => {
        const w = build(input);
        const p = reportPeriod(w.year, w.month);
        let sum = EMPTY;
        for (const r of w.replayed) {
          const expected = oracle(r.case, p);
          const actual = caseContribution(r, p);
          if (expected === null) {
            expect(actual, r.case.id).toBeNull();
            continue;
          }
          expect(actual, r.case.id).not.toBeNull();
          expect(
            { origin: actual!.origin, outcome: actual!.outcome, officer: actual!.officer },
            r.case.id,
          ).toEqual({
            origin: expected.origin,
            outcome: expected.outcome,
            officer: expected.officer,
          });
          same(actual!, expected, r.case.id);
          sum = plus(sum, expected);
        }
        const all = registryLines(w.replayed, p);
        same(all, sum, 'sum over all units');
        if (sum.money.totalReceived > BigInt(Number.MAX_SAFE_INTEGER)) pastSafe++;
      }),
      RUNS,
    );
    // Some generated registries must have had money totals beyond 2^53 for this to mean anything.
    expect(pastSafe).toBeGreaterThan(0);
  });

  it('V1–V6 (and V7) hold for units, subtrees, officers, the unassigned and every mode', () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const w = build(input);
        const p = reportPeriod(w.year, w.month);
        const reports: [string, { cases: KnownLines; money: KnownLines }][] = [];
        for (const u of w.units) {
          reports.push(
            [`${u.code} own`, own(w, u.code, p)],
            [`${u.code} total`, total(w, u.code, p)],
          );
          reports.push([`${u.code} unassigned`, own(w, u.code, p, { officer: null })]);
          for (const o of w.officers.get(u.code)!)
            reports.push([o, own(w, u.code, p, { officer: o })]);
          for (const mode of ['chu_dong', 'theo_yeu_cau', 'none'] as const)
            reports.push([`${u.code} ${mode}`, own(w, u.code, p, { mode })]);
        }
        for (const [label, lines] of reports) {
          for (const m of ['cases', 'money'] as Measure[]) {
            expect(checkIdentities(m, lines[m], true), `${label} ${m}`).toEqual([]);
            for (const k of keysOf(m)) expect(lines[m][k] >= 0n, `${label} ${m} ${k}`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('carriedOver of (Y, 12) equals broughtForward of (Y+1, n), cases and money', () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const w = build(input);
        const end = reportPeriod(w.year, 12);
        const next = reportPeriod(w.year + 1, w.nextMonth);
        for (const u of w.units) {
          for (const [label, a, b] of [
            ['own', own(w, u.code, end), own(w, u.code, next)],
            ['total', total(w, u.code, end), total(w, u.code, next)],
          ] as const) {
            expect(b.cases.broughtForward, `${u.code} ${label} cases`).toBe(a.cases.carriedOver);
            expect(b.money.broughtForward, `${u.code} ${label} money`).toBe(a.money.carriedOver);
          }
        }
      }),
      RUNS,
    );
  });

  it('V11: the officers of a unit plus its unassigned cases sum to the unit; modes partition it too', () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const w = build(input);
        const p = reportPeriod(w.year, w.month);
        for (const u of w.units) {
          let byOfficer = { cases: zero(), money: zero() } as Lines2;
          for (const o of [...w.officers.get(u.code)!, null])
            byOfficer = plus(byOfficer, own(w, u.code, p, { officer: o }));
          same(own(w, u.code, p), byOfficer, `${u.code} officers`);
          let byMode = EMPTY;
          for (const mode of ['chu_dong', 'theo_yeu_cau', 'none'] as const)
            byMode = plus(byMode, own(w, u.code, p, { mode }));
          same(own(w, u.code, p), byMode, `${u.code} modes`);
        }
      }),
      RUNS,
    );
  });

  it("V10: the children's totals plus the parent's own sum to the parent's total", () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const w = build(input);
        const p = reportPeriod(w.year, w.month);
        for (const u of w.units) {
          let expected: Lines2 = own(w, u.code, p);
          for (const child of w.children.get(u.code)!)
            expected = plus(expected, total(w, child, p));
          same(total(w, u.code, p), expected, `${u.code} total`);
        }
      }),
      RUNS,
    );
  });

  it('casesBehindLine: count and sum equal the line, no zero amounts, ascending by UTF-8 bytes', () => {
    const byBytes = (a: string, b: string) =>
      Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    fc.assert(
      fc.property(worldArb, (input) => {
        const w = build(input);
        const p = reportPeriod(w.year, w.month);
        const contributions = contributionsFor(casesOfUnits(w, subtreeCodes(w.units, 'HN')), p);
        const report = registryLines(casesOfUnits(w, subtreeCodes(w.units, 'HN')), p);
        for (const m of ['cases', 'money'] as Measure[]) {
          for (const line of m === 'cases' ? CASE_KEYS : MONEY_KEYS) {
            const list = casesBehindLine(contributions, line, m);
            const ids = list.map((x) => x.caseId);
            expect(ids, `${m} ${line}`).toEqual([...ids].sort(byBytes));
            expect(new Set(ids).size).toBe(ids.length);
            expect(list.every((x) => x.amount !== 0n)).toBe(true);
            if (m === 'cases') {
              expect(BigInt(list.length), `${m} ${line}`).toBe(report.cases[line]);
              expect(list.every((x) => x.amount === 1n)).toBe(true);
            } else {
              expect(
                list.reduce((acc, x) => acc + x.amount, 0n),
                `${m} ${line}`,
              ).toBe(report.money[line]);
            }
          }
        }
      }),
      RUNS,
    );
  });
});
