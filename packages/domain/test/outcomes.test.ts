// From the case registry to the report lines: each rule of statistics.md §3 and each row of the §4
// table, on small hand-made cases. Every expected line is worked out by hand in the comment above it.
import { describe, expect, it } from 'vitest';
import {
  caseContribution,
  casesBehindLine,
  contributionsFor,
  registryLines,
  replayCaseOrThrow,
  reportPeriod,
  type CaseContribution,
  type CaseEvent,
  type CaseMode,
  type RegistryCase,
} from '../src/index.js';
import { expectLines } from './helpers.js';

// Working year 2017, month 12 unless a test says otherwise: S = 2016-10-01, E = 2017-09-30.
const Y2017 = reportPeriod(2017, 12);

let seq = 0;
function kase(
  receivedOn: string,
  amount: number | bigint,
  events: CaseEvent[],
  extra: Partial<RegistryCase> = {},
): RegistryCase {
  return {
    id: `k${++seq}`,
    unit: 'U',
    receivedOn,
    amount: BigInt(amount),
    officer: null,
    mode: null,
    events,
    ...extra,
  };
}
const pay = (date: string, amount: number): CaseEvent => ({
  date,
  kind: 'pay',
  amount: BigInt(amount),
});
const reduce = (date: string, amount: number): CaseEvent => ({
  date,
  kind: 'reduce',
  amount: BigInt(amount),
});
const ev = (date: string, kind: CaseEvent['kind']): CaseEvent => ({ date, kind });
const unable = (date: string): CaseEvent => ({
  date,
  kind: 'unable',
  ground: 'b',
  decisionNo: '7/QĐ-CCTHADS',
});
const assign = (date: string, officer: string): CaseEvent => ({ date, kind: 'assign', officer });

function contribution(c: RegistryCase, period = Y2017): CaseContribution | null {
  return caseContribution(replayCaseOrThrow(c), period);
}
function present(c: RegistryCase, period = Y2017): CaseContribution {
  const r = contribution(c, period);
  expect(r).not.toBeNull();
  return r!;
}

describe('§3 rule 1: C or M', () => {
  it('received the day before S is brought forward; received on S is new', () => {
    expect(present(kase('2016-09-30', 10, [])).origin).toBe('broughtForward');
    expect(present(kase('2016-10-01', 10, [])).origin).toBe('newlyReceived');
  });
  it('received on E is in the report (M); received the day after E is not', () => {
    const onE = present(kase('2017-09-30', 10, []));
    expectLines(onE.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, D: 1, CKS: 1, KCS: 1 });
    expect(contribution(kase('2017-10-01', 10, []))).toBeNull();
    const after = registryLines([replayCaseOrThrow(kase('2017-10-05', 100, []))], Y2017);
    expectLines(after.cases, 'cases', {});
    expectLines(after.money, 'money', {});
  });
});

describe('§3 rule 2 and §4 row U: withdraw, or transfer with nothing settled', () => {
  it('withdraw after a payment inside the period still puts all of A in U', () => {
    // amount 1000, 200 paid before S → A = 800; 300 paid inside the period, then withdrawn:
    // U = A = 800 and nothing is completed.
    const c = present(
      kase('2016-01-01', 1000, [
        pay('2016-05-01', 200),
        pay('2017-01-01', 300),
        ev('2017-02-01', 'withdraw'),
      ]),
    );
    expect(c.outcome).toBe('exited');
    expectLines(c.cases, 'cases', { C: 1, T: 1, U: 1 });
    expectLines(c.money, 'money', { C: 800, T: 800, U: 800 });
  });
  it('transfer with nothing ever settled → U', () => {
    const c = present(kase('2016-11-01', 500, [ev('2017-01-01', 'transfer')]));
    expect(c.outcome).toBe('exited');
    expectLines(c.cases, 'cases', { M: 1, T: 1, U: 1 });
    expectLines(c.money, 'money', { M: 500, T: 500, U: 500 });
  });
  it('withdraw of a case under postponement or unable decision is still U', () => {
    const a = present(
      kase('2016-11-01', 500, [ev('2016-12-01', 'postpone'), ev('2017-01-01', 'withdraw')]),
    );
    const b = present(
      kase('2016-11-01', 500, [unable('2016-12-01'), ev('2017-01-01', 'transfer')]),
    );
    for (const c of [a, b]) {
      expect(c.outcome).toBe('exited');
      expectLines(c.money, 'money', { M: 500, T: 500, U: 500 });
    }
  });
});

describe('§3 rule 2 and §4 row "X1 by transfer after partial settlement"', () => {
  it('transfer after a partial settlement before S only: X1, with no money completed in the period', () => {
    // amount 1000, 400 paid before S → A = 600, s = 0: U = A − s = 600, P = K = X = 0.
    const c = present(
      kase('2016-01-01', 1000, [pay('2016-06-01', 400), ev('2017-03-01', 'transfer')]),
    );
    expect(c.outcome).toBe('completedFull');
    expectLines(c.cases, 'cases', { C: 1, T: 1, P: 1, K: 1, X: 1, X1: 1 });
    expectLines(c.money, 'money', { C: 600, T: 600, U: 600 });
  });
  it('transfer after pay and reduce inside the period: U = A − s, X = s split paid / reduced', () => {
    // A = 1000, paid 300 and reduced 200 inside: U 500, P = K = X = 500, X1 300, GM 200.
    const c = present(
      kase('2016-11-01', 1000, [
        pay('2016-12-01', 300),
        reduce('2017-01-01', 200),
        ev('2017-02-01', 'transfer'),
      ]),
    );
    expect(c.outcome).toBe('completedFull');
    expectLines(c.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, X: 1, X1: 1 });
    expectLines(c.money, 'money', {
      M: 1000,
      T: 1000,
      U: 500,
      P: 500,
      K: 500,
      X: 500,
      X1: 300,
      GM: 200,
    });
  });
  it('settled before S and inside: A excludes the first, s is the second', () => {
    // amount 1000, 100 before S → A = 900; 250 inside → s = 250; U = 650.
    const c = present(
      kase('2016-02-01', 1000, [
        pay('2016-03-01', 100),
        pay('2017-04-01', 250),
        ev('2017-05-01', 'transfer'),
      ]),
    );
    expectLines(c.money, 'money', { C: 900, T: 900, U: 650, P: 250, K: 250, X: 250, X1: 250 });
  });
});

describe('§3 rule 3 and §4 rows of closing', () => {
  it('complete: X1 = A, split paid / reduced', () => {
    const c = present(
      kase('2016-11-01', 1000, [
        pay('2017-01-01', 600),
        reduce('2017-02-01', 400),
        ev('2017-02-01', 'complete'),
      ]),
    );
    expect(c.outcome).toBe('completedFull');
    expectLines(c.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, X: 1, X1: 1 });
    expectLines(c.money, 'money', {
      M: 1000,
      T: 1000,
      P: 1000,
      K: 1000,
      X: 1000,
      X1: 600,
      GM: 400,
    });
  });
  it('complete of a brought-forward case paid off before S: counted, with money 0', () => {
    // amount 700 all paid before S → A = 0; completing inside the period is one X1 case of 0 đồng.
    const c = present(
      kase('2016-01-01', 700, [pay('2016-09-01', 700), ev('2016-10-01', 'complete')]),
    );
    expectLines(c.cases, 'cases', { C: 1, T: 1, P: 1, K: 1, X: 1, X1: 1 });
    expectLines(c.money, 'money', {});
  });
  it('complete of a non-money obligation (amount 0)', () => {
    const c = present(kase('2017-01-01', 0, [ev('2017-01-02', 'complete')]));
    expectLines(c.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, X: 1, X1: 1 });
    expectLines(c.money, 'money', {});
  });
  it('terminate with reductions: X = A = paid + reduced + terminated (A − s)', () => {
    // amount 2000, 500 paid before S → A = 1500; inside: paid 300, reduced 200 → s = 500;
    // terminated writes off A − s = 1000.
    const c = present(
      kase('2016-03-01', 2000, [
        pay('2016-04-01', 500),
        pay('2017-01-01', 300),
        reduce('2017-02-01', 200),
        ev('2017-03-01', 'terminate'),
      ]),
    );
    expect(c.outcome).toBe('terminated');
    expectLines(c.cases, 'cases', { C: 1, T: 1, P: 1, K: 1, X: 1, X2: 1 });
    expectLines(c.money, 'money', {
      C: 1500,
      T: 1500,
      P: 1500,
      K: 1500,
      X: 1500,
      X1: 300,
      GM: 200,
      X2: 1000,
    });
  });
  it('terminate of an unable case: X2, the case is able and completed in both measures', () => {
    const c = present(
      kase('2016-11-01', 900, [
        unable('2016-12-01'),
        pay('2017-01-01', 100),
        ev('2017-06-01', 'terminate'),
      ]),
    );
    expect(c.outcome).toBe('terminated');
    expectLines(c.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, X: 1, X2: 1 });
    expectLines(c.money, 'money', { M: 900, T: 900, P: 900, K: 900, X: 900, X1: 100, X2: 800 });
  });
});

describe('§3 rule 4 and §4 rows D, H, S and N: open at E', () => {
  it('able with a payment: D = A − s', () => {
    const c = present(kase('2016-11-01', 1000, [pay('2017-01-01', 250)]));
    expect(c.outcome).toBe('inProgress');
    expectLines(c.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, D: 1, CKS: 1, KCS: 1 });
    expectLines(c.money, 'money', {
      M: 1000,
      T: 1000,
      P: 1000,
      K: 1000,
      X: 250,
      X1: 250,
      D: 750,
      CKS: 750,
      KCS: 750,
    });
  });
  it('postponed, paid 100: H = A − s', () => {
    const c = present(
      kase('2016-11-01', 1000, [ev('2016-12-01', 'postpone'), pay('2017-01-01', 100)]),
    );
    expect(c.outcome).toBe('postponed');
    expectLines(c.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, H: 1, CKS: 1, KCS: 1 });
    expectLines(c.money, 'money', {
      M: 1000,
      T: 1000,
      P: 1000,
      K: 1000,
      X: 100,
      X1: 100,
      H: 900,
      CKS: 900,
      KCS: 900,
    });
  });
  it('suspended after postponed, reduced 50: S = A − s, the reduction in GM', () => {
    const c = present(
      kase('2016-11-01', 1000, [
        ev('2016-12-01', 'postpone'),
        ev('2017-01-01', 'suspend'),
        reduce('2017-02-01', 50),
      ]),
    );
    expect(c.outcome).toBe('suspended');
    expectLines(c.cases, 'cases', { M: 1, T: 1, P: 1, K: 1, S: 1, CKS: 1, KCS: 1 });
    expectLines(c.money, 'money', {
      M: 1000,
      T: 1000,
      P: 1000,
      K: 1000,
      X: 50,
      GM: 50,
      S: 950,
      CKS: 950,
      KCS: 950,
    });
  });
  it('postponed then resumed: D', () => {
    expect(
      present(kase('2016-11-01', 10, [ev('2016-12-01', 'postpone'), ev('2017-01-01', 'resume')]))
        .outcome,
    ).toBe('inProgress');
  });
  it('N with money settled in the period: that money is able and completed, only the rest is unable', () => {
    // amount 3000, 1000 paid before S → A = 2000; unable on 2016-12-01; inside: paid 500, reduced 100
    // → s = 600: K = X = 600 (X1 500, GM 100), N = 1400, CKS = 1400, KCS = 0. Cases: P 1, N 1.
    const c = present(
      kase('2016-05-01', 3000, [
        pay('2016-07-01', 1000),
        unable('2016-12-01'),
        pay('2017-01-01', 500),
        reduce('2017-02-01', 100),
      ]),
    );
    expect(c.outcome).toBe('unable');
    expectLines(c.cases, 'cases', { C: 1, T: 1, P: 1, N: 1, CKS: 1 });
    expectLines(c.money, 'money', {
      C: 2000,
      T: 2000,
      P: 2000,
      K: 600,
      X: 600,
      X1: 500,
      GM: 100,
      N: 1400,
      CKS: 1400,
    });
  });
  it('N with nothing settled in the period: K = 0', () => {
    const c = present(kase('2016-05-01', 3000, [pay('2016-07-01', 1000), unable('2016-08-01')]));
    expectLines(c.money, 'money', { C: 2000, T: 2000, P: 2000, N: 2000, CKS: 2000 });
  });
  it('unable then resumed inside the period: D', () => {
    const c = present(kase('2016-11-01', 400, [unable('2016-12-01'), ev('2017-02-01', 'resume')]));
    expect(c.outcome).toBe('inProgress');
    expectLines(c.money, 'money', { M: 400, T: 400, P: 400, K: 400, D: 400, CKS: 400, KCS: 400 });
  });
  it('brought-forward amount is reduced by everything settled before S (paid and reduced)', () => {
    // amount 5000; before S: paid 1000, reduced 500 → A = 3500; inside: paid 200.
    const c = present(
      kase('2015-06-01', 5000, [
        pay('2015-07-01', 1000),
        reduce('2016-09-30', 500),
        pay('2016-10-01', 200),
      ]),
    );
    expectLines(c.money, 'money', {
      C: 3500,
      T: 3500,
      P: 3500,
      K: 3500,
      X: 200,
      X1: 200,
      D: 3300,
      CKS: 3300,
      KCS: 3300,
    });
  });
});

describe('period boundaries of events', () => {
  // Month 6 of 2017: E = 2017-03-31.
  const M6 = reportPeriod(2017, 6);
  const c = kase('2016-11-01', 1000, [
    pay('2017-03-31', 100),
    unable('2017-04-01'),
    pay('2017-04-02', 300),
    ev('2017-05-01', 'resume'),
    pay('2017-06-01', 600),
    ev('2017-06-01', 'complete'),
  ]);
  it('events after E are ignored: at month 6 the case is open and able, 100 paid', () => {
    const r = present(c, M6);
    expect(r.outcome).toBe('inProgress');
    expectLines(r.money, 'money', {
      M: 1000,
      T: 1000,
      P: 1000,
      K: 1000,
      X: 100,
      X1: 100,
      D: 900,
      CKS: 900,
      KCS: 900,
    });
  });
  it('at month 7 (E = 2017-04-30) it is unable with 400 settled', () => {
    const r = present(c, reportPeriod(2017, 7));
    expect(r.outcome).toBe('unable');
    expectLines(r.money, 'money', {
      M: 1000,
      T: 1000,
      P: 1000,
      K: 400,
      X: 400,
      X1: 400,
      N: 600,
      CKS: 600,
    });
  });
  it('at month 9 it is completed', () => {
    const r = present(c, reportPeriod(2017, 9));
    expect(r.outcome).toBe('completedFull');
    expectLines(r.money, 'money', { M: 1000, T: 1000, P: 1000, K: 1000, X: 1000, X1: 1000 });
  });
  it('in working year 2018 it is absent (closed before S = 2017-10-01)', () => {
    expect(contribution(c, reportPeriod(2018, 12))).toBeNull();
  });
  it('a case closed on the day before S is absent; closed on S it is in the report', () => {
    expect(contribution(kase('2016-01-01', 0, [ev('2016-09-30', 'complete')]))).toBeNull();
    expect(contribution(kase('2016-01-01', 10, [ev('2016-09-30', 'withdraw')]))).toBeNull();
    expect(contribution(kase('2016-01-01', 10, [ev('2016-05-30', 'transfer')]))).toBeNull();
    expect(contribution(kase('2016-01-01', 10, [ev('2016-05-30', 'terminate')]))).toBeNull();
    expect(present(kase('2016-01-01', 0, [ev('2016-10-01', 'complete')])).outcome).toBe(
      'completedFull',
    );
  });
  it('a withdrawal after E leaves the case open at E', () => {
    const r = present(kase('2016-11-01', 300, [ev('2017-10-01', 'withdraw')]));
    expect(r.outcome).toBe('inProgress');
  });
});

describe('§6 officers: the officer at E, or at closing', () => {
  it('intake officer until an assign; the assign counts from its date', () => {
    const c = kase('2016-11-01', 100, [assign('2017-05-01', 'O2')], { officer: 'O1' });
    expect(present(c, reportPeriod(2017, 7)).officer).toBe('O1'); // E = 2017-04-30
    expect(present(c, reportPeriod(2017, 8)).officer).toBe('O2'); // E = 2017-05-31
  });
  it('a case closed before E keeps its officer at closing', () => {
    const c = kase('2016-11-01', 100, [assign('2017-01-01', 'O2'), ev('2017-02-01', 'terminate')], {
      officer: 'O1',
    });
    expect(present(c).officer).toBe('O2');
  });
  it('an assign dated receivedOn is applied after the intake officer', () => {
    const c = kase('2016-11-01', 100, [assign('2016-11-01', 'O2')], { officer: 'O1' });
    expect(present(c).officer).toBe('O2');
  });
  it('no officer at all: unassigned (null)', () => {
    expect(present(kase('2016-11-01', 100, [])).officer).toBeNull();
  });
  it('filters: officer code, null for unassigned', () => {
    const cases = [
      kase('2016-11-01', 100, [], { officer: 'O1' }),
      kase('2016-11-01', 200, [assign('2017-01-01', 'O2')], { officer: 'O1' }),
      kase('2016-11-01', 400, []),
    ].map((c) => replayCaseOrThrow(c));
    expect(registryLines(cases, Y2017, { officer: 'O1' }).money.totalReceived).toBe(100n);
    expect(registryLines(cases, Y2017, { officer: 'O2' }).money.totalReceived).toBe(200n);
    expect(registryLines(cases, Y2017, { officer: null }).money.totalReceived).toBe(400n);
    expect(registryLines(cases, Y2017, { officer: 'O3' }).cases.totalReceived).toBe(0n);
    expect(registryLines(cases, Y2017).money.totalReceived).toBe(700n);
  });
});

describe('mode filter', () => {
  const modes: (CaseMode | null)[] = ['chu_dong', 'theo_yeu_cau', null, 'chu_dong'];
  const cases = modes.map((mode, i) =>
    replayCaseOrThrow(kase('2016-11-01', 10 ** i, [], { mode })),
  );
  it('chu_dong, theo_yeu_cau and none (not classified)', () => {
    expect(registryLines(cases, Y2017, { mode: 'chu_dong' }).money.totalReceived).toBe(1001n);
    expect(registryLines(cases, Y2017, { mode: 'theo_yeu_cau' }).money.totalReceived).toBe(10n);
    expect(registryLines(cases, Y2017, { mode: 'none' }).money.totalReceived).toBe(100n);
    expect(registryLines(cases, Y2017, { mode: 'none' }).cases.totalReceived).toBe(1n);
    expect(registryLines(cases, Y2017).money.totalReceived).toBe(1111n);
  });
  it('a missing mode is "none" too', () => {
    const c = replayCaseOrThrow({
      id: 'nomode',
      unit: 'U',
      receivedOn: '2016-11-01',
      amount: 5n,
      events: [],
    });
    expect(registryLines([c], Y2017, { mode: 'none' }).money.totalReceived).toBe(5n);
    expect(registryLines([c], Y2017, { mode: 'chu_dong' }).money.totalReceived).toBe(0n);
  });
  it('mode and officer together', () => {
    const both = [
      kase('2016-11-01', 1, [], { mode: 'chu_dong', officer: 'O1' }),
      kase('2016-11-01', 2, [], { mode: 'chu_dong' }),
      kase('2016-11-01', 4, [], { mode: null, officer: 'O1' }),
    ].map((c) => replayCaseOrThrow(c));
    expect(
      registryLines(both, Y2017, { mode: 'chu_dong', officer: 'O1' }).money.totalReceived,
    ).toBe(1n);
    expect(registryLines(both, Y2017, { mode: 'none', officer: 'O1' }).money.totalReceived).toBe(
      4n,
    );
  });
});

describe('a small unit, summed', () => {
  it('the lines of several cases add up (one of each outcome)', () => {
    const cases = [
      kase('2016-01-01', 1000, [pay('2016-05-01', 200), ev('2017-02-01', 'withdraw')]), // C, U 800
      kase('2016-11-01', 1000, [pay('2016-12-01', 300), ev('2017-02-01', 'transfer')]), // M, X1 300, U 700
      kase('2016-11-01', 500, [pay('2016-12-01', 500), ev('2016-12-02', 'complete')]), // M, X1 500
      kase('2016-11-01', 600, [reduce('2016-12-01', 100), ev('2017-01-01', 'terminate')]), // M, X2: GM 100, X2 500
      kase('2016-02-01', 800, [pay('2016-03-01', 100), pay('2017-01-01', 100)]), // C 700, D 600, X1 100
      kase('2016-11-01', 50, [ev('2016-12-01', 'postpone')]), // M, H 50
      kase('2016-11-01', 70, [ev('2016-12-01', 'suspend')]), // M, S 70
      kase('2016-11-01', 900, [unable('2016-12-01'), pay('2017-01-01', 90)]), // M, N 810, K = X = 90
    ].map((c) => replayCaseOrThrow(c));
    const r = registryLines(cases, Y2017);
    // cases: C 2, M 6, T 8, U 1, P 7, K 6 (X 3 + D 1 + H 1 + S 1), N 1, CKS 4, KCS 3
    expectLines(r.cases, 'cases', {
      C: 2,
      M: 6,
      T: 8,
      U: 1,
      P: 7,
      K: 6,
      N: 1,
      X: 3,
      X1: 2,
      X2: 1,
      D: 1,
      H: 1,
      S: 1,
      CKS: 4,
      KCS: 3,
    });
    // money: C 800 + 700 = 1500; M 1000 + 500 + 600 + 50 + 70 + 900 = 3120; T 4620;
    // U 800 + 700 = 1500; P 3120; X 300 + 500 + 600 + 100 + 90 = 1590 (X1 300 + 500 + 100 + 90 = 990,
    // GM 100, X2 500); D 600, H 50, S 70; K = 1590 + 600 + 50 + 70 = 2310; N 810;
    // CKS 3120 − 1590 = 1530; KCS 2310 − 1590 = 720.
    expectLines(r.money, 'money', {
      C: 1500,
      M: 3120,
      T: 4620,
      U: 1500,
      P: 3120,
      K: 2310,
      N: 810,
      X: 1590,
      X1: 990,
      GM: 100,
      X2: 500,
      D: 600,
      H: 50,
      S: 70,
      CKS: 1530,
      KCS: 720,
    });
  });
});

describe('casesBehindLine order: ascending by the UTF-8 bytes of case_id (SQL COLLATE "C")', () => {
  it('C < c < é < ｃ (U+FF43) < 𝒸 (U+1D4B8), which UTF-16 order would put before ｃ', () => {
    const ids = ['𝒸1', 'ｃ1', 'é1', 'c2', 'c10', 'C1'];
    const cases = ids.map((id) => replayCaseOrThrow({ ...kase('2016-11-01', 5, []), id }));
    const behind = casesBehindLine(contributionsFor(cases, Y2017), 'totalReceived', 'money');
    expect(behind.map((b) => b.caseId)).toEqual(['C1', 'c10', 'c2', 'é1', 'ｃ1', '𝒸1']);
    expect(behind.every((b) => b.amount === 5n)).toBe(true);
  });
});
