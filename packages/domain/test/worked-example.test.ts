// The worked example of statistics.md §12, every number. The registry is read from the CSV files
// the spec names (copied verbatim under test/fixtures/); every expected figure below is the one printed
// in §12 (computed by hand there, and re-checked by hand for this test), never an output of the code.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  TT01_2013,
  assembleReport,
  caseContribution,
  casesBehindLine,
  contributionsFor,
  formatCentiOrNull,
  registryLines,
  reportPeriod,
  reportToCsv,
  reportToJson,
  subtreeCodes,
  type ContributionFilter,
  type ReplayedCase,
  type ReportLines,
} from '../src/index.js';
import {
  CASE_KEYS,
  MONEY_KEYS,
  expectLines,
  partialLines,
  readWorkedExample,
  specLines,
} from './helpers.js';

// ---- the registry, from the CSV files ------------------------------------------------------------

const { units, registry, replayed } = readWorkedExample();

const period = reportPeriod(2017, 12);
const previousPeriod = reportPeriod(2016, 12);

function casesOf(unitCodes: readonly string[]): ReplayedCase[] {
  return replayed.filter((r) => unitCodes.includes(r.case.unit));
}

/** The five reports of §12 and the unassigned one: which cases and which filter. */
interface Subject {
  name: string;
  unit: string;
  scope: 'own' | 'total';
  units: string[];
  filter: ContributionFilter;
}
const HN_BDI: Subject = {
  name: 'HN-BDI',
  unit: 'HN-BDI',
  scope: 'total',
  units: ['HN-BDI'],
  filter: {},
};
const HN_OWN: Subject = { name: 'HN own', unit: 'HN', scope: 'own', units: ['HN'], filter: {} };
const HN_TOTAL: Subject = {
  name: 'HN total',
  unit: 'HN',
  scope: 'total',
  units: subtreeCodes(units, 'HN'),
  filter: {},
};
const BDI_1: Subject = {
  name: 'BDI-1',
  unit: 'HN-BDI',
  scope: 'own',
  units: ['HN-BDI'],
  filter: { officer: 'BDI-1' },
};
const BDI_2: Subject = {
  name: 'BDI-2',
  unit: 'HN-BDI',
  scope: 'own',
  units: ['HN-BDI'],
  filter: { officer: 'BDI-2' },
};
const UNASSIGNED: Subject = {
  name: 'unassigned',
  unit: 'HN-BDI',
  scope: 'own',
  units: ['HN-BDI'],
  filter: { officer: null },
};

function linesOf(subject: Subject, p = period): ReportLines {
  return registryLines(casesOf(subject.units), p, subject.filter);
}

function reportOf(subject: Subject, previousYearEnd: ReportLines | null) {
  return assembleReport({
    unit: subject.unit,
    scope: subject.scope,
    officer: subject.filter.officer ?? null,
    period,
    ruleSet: TT01_2013,
    source: 'registry',
    lines: linesOf(subject),
    previousYearEnd,
    previousMonth: null,
  });
}

/** A previous-year report of which only KCS is known (the bases §12 gives). */
function kcsBase(cases: number, money: number): ReportLines {
  return {
    cases: partialLines({ ableCarriedOver: cases }),
    money: partialLines({ ableCarriedOver: money }),
  };
}

// ---- the figures printed in §12 ------------------------------------------------------------------

interface Expected {
  subject: Subject;
  cases: string;
  money: string;
  rate: [string, string];
  /** KCS of working year 2016, month 12 (cases, money) and the resulting carryOverChange. */
  base?: [number, number];
  change?: [string, string];
}

// The lines as §12 prints them (a line not listed is 0).
const EXPECTED: Expected[] = [
  {
    subject: HN_BDI,
    cases: 'C 4, M 6, T 10, U 2, P 8, K 7, N 1, X 3 (X1 2, X2 1), D 2, H 1, S 1, CKS 5, KCS 4',
    money:
      'C 2700, M 2400, T 5100, U 1900, P 3200, K 2800, N 400, ' +
      'X 1700 (paid 1100, reduced 100, terminated 500), D 500, H 400, S 200, CKS 1500, KCS 1100',
    rate: ['42.86', '60.71'],
    base: [4, 2700],
    change: ['0.00', '-59.26'],
  },
  {
    subject: HN_OWN,
    cases: 'C 1, T 1, P 1, K 1, D 1, CKS 1, KCS 1',
    money: 'C 5000, T 5000, P 5000, K 5000, X 1000 (paid 1000), D 4000, CKS 4000, KCS 4000',
    rate: ['0.00', '20.00'],
    base: [1, 5000],
    change: ['0.00', '-20.00'],
  },
  {
    subject: HN_TOTAL,
    cases: 'C 5, M 6, T 11, U 2, P 9, K 8, N 1, X 3 (X1 2, X2 1), D 3, H 1, S 1, CKS 6, KCS 5',
    money:
      'C 7700, M 2400, T 10100, U 1900, P 8200, K 7800, N 400, ' +
      'X 2700 (paid 2100, reduced 100, terminated 500), D 4500, H 400, S 200, CKS 5500, KCS 5100',
    rate: ['37.50', '34.62'],
    base: [5, 7700],
    change: ['0.00', '-33.77'],
  },
  {
    subject: BDI_1,
    cases: 'C 1, T 1, P 1, K 1, D 1, CKS 1, KCS 1',
    money: 'C 700, T 700, P 700, K 700, X 200 (paid 200), D 500, CKS 500, KCS 500',
    rate: ['0.00', '28.57'],
    base: [1, 700],
    change: ['0.00', '-28.57'],
  },
  {
    subject: BDI_2,
    cases: 'C 1, M 1, T 2, P 2, K 2, D 1, H 1, CKS 2, KCS 2',
    money: 'C 400, T 400, P 400, K 400, H 400, CKS 400, KCS 400',
    rate: ['0.00', '0.00'],
    base: [1, 400],
    change: ['100.00', '0.00'],
  },
  {
    subject: UNASSIGNED,
    cases: 'C 2, M 5, T 7, U 2, P 5, K 4, N 1, X 3 (X1 2, X2 1), S 1, CKS 2, KCS 1',
    money:
      'C 1600, M 2400, T 4000, U 1900, P 2100, K 1700, N 400, ' +
      'X 1500 (paid 900, reduced 100, terminated 500), S 200, CKS 600, KCS 200',
    rate: ['75.00', '88.24'],
  },
];

describe('statistics.md §12: working year 2017, month 12', () => {
  it('reads the registry of shared/data/worked-example and every case is valid', () => {
    expect(registry.map((c) => c.id)).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
      'c8',
      'c9',
      'c10',
      'c11',
      'c12',
      'h1',
    ]);
    expect(replayed).toHaveLength(13);
    expect(period).toMatchObject({ start: '2016-10-01', end: '2017-09-30' });
    expect(subtreeCodes(units, 'HN')).toEqual(['HN', 'HN-BDI']);
  });

  for (const e of EXPECTED) {
    describe(e.subject.name, () => {
      const report = reportOf(e.subject, e.base ? kcsBase(...e.base) : null);

      it('cases: every line', () => expectLines(report.cases.lines, 'cases', specLines(e.cases)));
      it('money: every line, with the paid / reduced / terminated split', () =>
        expectLines(report.money.lines, 'money', specLines(e.money)));
      it(`rates ${e.rate[0]} % and ${e.rate[1]} %`, () => {
        expect(formatCentiOrNull(report.cases.rate)).toBe(e.rate[0]);
        expect(formatCentiOrNull(report.money.rate)).toBe(e.rate[1]);
      });
      if (e.change) {
        it(`carryOverChange against 2016 month 12: ${e.change[0]} and ${e.change[1]}`, () => {
          expect(formatCentiOrNull(report.cases.carryOverChange)).toBe(e.change![0]);
          expect(formatCentiOrNull(report.money.carryOverChange)).toBe(e.change![1]);
        });
      } else {
        it('no previous year given: carryOverChange is null', () => {
          expect(report.cases.carryOverChange).toBeNull();
          expect(report.money.carryOverChange).toBeNull();
        });
      }
      it('no findings', () => expect(report.validation).toEqual([]));
    });
  }

  it('HN-BDI own and total are the same report (no unit under it)', () => {
    expect(subtreeCodes(units, 'HN-BDI')).toEqual(['HN-BDI']);
    expect(linesOf({ ...HN_BDI, units: subtreeCodes(units, 'HN-BDI') })).toEqual(linesOf(HN_BDI));
  });

  it('the 2016 month-12 registry reports have the KCS bases §12 states, and with them no finding (V9 holds)', () => {
    for (const e of EXPECTED.filter((x) => x.base)) {
      const prev = linesOf(e.subject, previousPeriod);
      expect([prev.cases.ableCarriedOver, prev.money.ableCarriedOver], e.subject.name).toEqual([
        BigInt(e.base![0]),
        BigInt(e.base![1]),
      ]);
      const report = reportOf(e.subject, prev);
      expect(report.validation, e.subject.name).toEqual([]);
      expect(formatCentiOrNull(report.cases.carryOverChange)).toBe(e.change![0]);
      expect(formatCentiOrNull(report.money.carryOverChange)).toBe(e.change![1]);
    }
  });

  it('c4 (closed before S) and c7 (received after E) are not in the report', () => {
    const ids = contributionsFor(casesOf(['HN', 'HN-BDI']), period).map((c) => c.caseId);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c5', 'c6', 'c8', 'c9', 'c10', 'c11', 'c12', 'h1']);
    const byId = (id: string) => replayed.find((r) => r.case.id === id)!;
    expect(caseContribution(byId('c4'), period)).toBeNull();
    expect(caseContribution(byId('c7'), period)).toBeNull();
    // The same cases are in the reports of the years they belong to (§3): c4 completed on 2016-02-01,
    // inside working year 2016; c7 received on 2017-10-05, inside working year 2018.
    expect(caseContribution(byId('c4'), previousPeriod)?.outcome).toBe('completedFull');
    expect(caseContribution(byId('c7'), reportPeriod(2018, 1))?.origin).toBe('newlyReceived');
  });

  it('the outcome of every case is the one of the §12 table', () => {
    const outcomes = Object.fromEntries(
      contributionsFor(casesOf(['HN', 'HN-BDI']), period).map((c) => [
        c.caseId,
        `${c.origin} ${c.outcome}`,
      ]),
    );
    expect(outcomes).toEqual({
      c1: 'broughtForward inProgress',
      c2: 'newlyReceived unable',
      c3: 'newlyReceived completedFull',
      c5: 'newlyReceived terminated',
      c6: 'newlyReceived exited',
      c8: 'broughtForward postponed',
      c9: 'newlyReceived suspended',
      c10: 'broughtForward completedFull',
      c11: 'broughtForward exited',
      c12: 'newlyReceived inProgress',
      h1: 'broughtForward inProgress',
    });
  });

  describe('casesBehindLine (ascending by the bytes of case_id)', () => {
    const contributions = contributionsFor(casesOf(['HN-BDI']), period);
    const behind = (line: Parameters<typeof casesBehindLine>[1], measure: 'cases' | 'money') =>
      casesBehindLine(contributions, line, measure).map((c) => [c.caseId, c.amount]);

    it('money exited: c11 900, c3 700 (its untouched rest), c6 300', () => {
      expect(behind('exited', 'money')).toEqual([
        ['c11', 900n],
        ['c3', 700n],
        ['c6', 300n],
      ]);
    });
    it('cases exited: c11, c6', () =>
      expect(behind('exited', 'cases')).toEqual([
        ['c11', 1n],
        ['c6', 1n],
      ]));
    it('cases completed: c10, c3, c5', () =>
      expect(behind('completed', 'cases')).toEqual([
        ['c10', 1n],
        ['c3', 1n],
        ['c5', 1n],
      ]));
    it('money able: every case of K but c12, whose money is 0', () => {
      expect(behind('able', 'money')).toEqual([
        ['c1', 700n],
        ['c10', 700n],
        ['c2', 100n],
        ['c3', 100n],
        ['c5', 600n],
        ['c8', 400n],
        ['c9', 200n],
      ]);
    });
    it('cases inProgress has c12 (a non-money obligation); money inProgress does not', () => {
      expect(behind('inProgress', 'cases')).toEqual([
        ['c1', 1n],
        ['c12', 1n],
      ]);
      expect(behind('inProgress', 'money')).toEqual([['c1', 500n]]);
    });
    it('money carriedOver: what is still owed', () => {
      expect(behind('carriedOver', 'money')).toEqual([
        ['c1', 500n],
        ['c2', 400n],
        ['c8', 400n],
        ['c9', 200n],
      ]);
    });
    it('money reduced and terminated: c5', () => {
      expect(behind('reduced', 'money')).toEqual([['c5', 100n]]);
      expect(behind('terminated', 'money')).toEqual([['c5', 500n]]);
    });
    it('money unable: c2 400; cases reduced: none', () => {
      expect(behind('unable', 'money')).toEqual([['c2', 400n]]);
      expect(behind('reduced', 'cases')).toEqual([]);
    });
  });

  describe('report JSON and CSV of HN-BDI (interfaces.md §5)', () => {
    const report = reportOf(HN_BDI, kcsBase(4, 2700));
    const json = reportToJson(report);

    it('keys in the stable order, counts as numbers, money as digit strings', () => {
      expect(Object.keys(json)).toEqual([
        'unit',
        'scope',
        'officer',
        'mode',
        'year',
        'month',
        'periodStart',
        'periodEnd',
        'ruleSet',
        'source',
        'cases',
        'money',
        'validation',
      ]);
      expect(Object.keys(json.cases)).toEqual([...CASE_KEYS, 'rate', 'carryOverChange']);
      expect(Object.keys(json.money)).toEqual([...MONEY_KEYS, 'rate', 'carryOverChange']);
      expect(json).toMatchObject({
        unit: 'HN-BDI',
        scope: 'total',
        officer: null,
        mode: null,
        year: 2017,
        month: 12,
        periodStart: '2016-10-01',
        periodEnd: '2017-09-30',
        ruleSet: 'TT01-2013',
        source: 'registry',
        validation: [],
      });
      expect(json.cases).toMatchObject({
        broughtForward: 4,
        exited: 2,
        ableCarriedOver: 4,
        rate: '42.86',
        carryOverChange: '0.00',
      });
      expect(json.money).toMatchObject({
        exited: '1900',
        reduced: '100',
        inProgress: '500',
        rate: '60.71',
        carryOverChange: '-59.26',
      });
    });

    it('CSV: line,cases,money with an empty cases cell for reduced', () => {
      const rows = reportToCsv(report).trimEnd().split('\n');
      expect(rows[0]).toBe('line,cases,money');
      expect(rows).toHaveLength(1 + MONEY_KEYS.length + 2);
      expect(rows).toContain('exited,2,1900');
      expect(rows).toContain('reduced,,100');
      expect(rows.at(-2)).toBe('rate,42.86,60.71');
      expect(rows.at(-1)).toBe('carryOverChange,0.00,-59.26');
    });
  });
});

describe('test data', () => {
  const shared = new URL('../../../../shared/data/', import.meta.url);
  const files = [
    'worked-example/units.csv',
    'worked-example/officers.csv',
    'worked-example/cases.csv',
    'worked-example/events.csv',
    'published-figures.json',
  ];
  it.skipIf(!existsSync(shared))('are verbatim copies of shared/data', () => {
    for (const f of files) {
      expect(readFileSync(new URL(f, new URL('./fixtures/', import.meta.url)), 'utf8'), f).toBe(
        readFileSync(new URL(f, shared), 'utf8'),
      );
    }
  });
});
