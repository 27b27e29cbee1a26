// Published reports (shared/data/published-figures.json) loaded as aggregate reports: derivation of
// the unknown lines (interfaces.md §4), rates and the year-over-year change (statistics.md §7), and
// findings (§8). Expected figures are the json's `expected` (published or derived by hand there) and
// hand-made aggregates computed in the comments.
import { describe, expect, it } from 'vitest';
import {
  TT01_2013,
  assembleReport,
  deriveUnknownLines,
  formatCentiOrNull,
  parseCenti,
  formatCenti,
  reportPeriod,
  reportToJson,
  sortFindings,
  type Finding,
  type LineCode,
  type Lines,
  type Measure,
  type ReportLines,
} from '../src/index.js';
import { partialLines, readJson } from './helpers.js';

type Given = Partial<Record<LineCode, number | string>>;
interface Published {
  name: string;
  unit: string;
  year: number;
  month: number;
  ruleSet: string;
  cases?: Given;
  money?: Given;
  previousYearEnd?: { cases?: Given; money?: Given };
  expected: { cases?: Record<string, number | string>; money?: Record<string, number | string> };
  target?: Record<string, string>;
}
const figures = readJson<{ reports: Published[] }>('published-figures.json');

function toLines(given: Given | undefined): Lines {
  const out: Partial<Record<LineCode, bigint>> = {};
  for (const [k, v] of Object.entries(given ?? {}))
    out[k as LineCode] = BigInt(v as number | string);
  return partialLines(out);
}

function load(p: Published) {
  const lines: ReportLines = {
    cases: deriveUnknownLines('cases', toLines(p.cases)),
    money: deriveUnknownLines('money', toLines(p.money)),
  };
  const previousYearEnd = p.previousYearEnd
    ? { cases: toLines(p.previousYearEnd.cases), money: toLines(p.previousYearEnd.money) }
    : null;
  return assembleReport({
    unit: p.unit,
    scope: 'total',
    period: reportPeriod(p.year, p.month),
    ruleSet: TT01_2013,
    source: 'aggregate',
    lines,
    previousYearEnd,
    previousMonth: null,
  });
}

const byUnit = (unit: string) => figures.reports.find((r) => r.unit === unit)!;

describe('published reports as aggregate reports', () => {
  it('the file has the three reports, all under TT01-2013', () => {
    expect(figures.reports.map((r) => `${r.unit} ${r.year}/${r.month} ${r.ruleSet}`)).toEqual([
      'HN 2018/5 TT01-2013',
      'VN 2017/9 TT01-2013',
      'ND 2017/12 TT01-2013',
    ]);
  });

  for (const p of figures.reports) {
    describe(p.name, () => {
      const report = load(p);
      for (const measure of ['cases', 'money'] as Measure[]) {
        const expected = p.expected[measure];
        if (!expected) continue;
        it(`${measure}: derived lines, rate and change equal the published / expected figures`, () => {
          for (const [key, value] of Object.entries(expected)) {
            if (key === 'rate') expect(formatCentiOrNull(report[measure].rate), key).toBe(value);
            else if (key === 'ableCarriedOverChangePercent')
              expect(formatCentiOrNull(report[measure].carryOverChange), key).toBe(value);
            else expect(report[measure].lines[key as LineCode], key).toBe(BigInt(value));
          }
        });
      }
      it('given lines are kept as given', () => {
        for (const measure of ['cases', 'money'] as Measure[]) {
          for (const [key, value] of Object.entries(p[measure] ?? {})) {
            expect(report[measure].lines[key as LineCode]).toBe(BigInt(value));
          }
        }
      });
      it('no findings: the figures are consistent', () => expect(report.validation).toEqual([]));
      it('source aggregate, period of the working year', () => {
        const period = reportPeriod(p.year, p.month);
        expect(report).toMatchObject({
          source: 'aggregate',
          ruleSet: 'TT01-2013',
          periodStart: period.start,
          periodEnd: period.end,
        });
      });
    });
  }

  it('Hà Nội, 5 months of 2018: only what the identities determine is derived', () => {
    // V2 gives U, V5 CKS, V6 KCS; V4 has three unknowns (D, H, S) and V7 two (X1, X2): they stay unknown.
    const r = load(byUnit('HN'));
    expect(r.cases.lines).toMatchObject({
      exited: 446n,
      carriedOver: 22136n,
      ableCarriedOver: 12211n,
      inProgress: null,
      postponed: null,
      suspended: null,
      completedFull: null,
      terminated: null,
      reduced: null,
    });
    expect(Object.values(r.money.lines).every((v) => v === null)).toBe(true);
    expect(r.money.rate).toBeNull();
    expect(r.cases.carryOverChange).toBeNull(); // no previous year given
    expect(reportToJson(r).money.totalReceived).toBeNull();
    expect(reportToJson(r).cases.postponed).toBeNull();
    // target 72.00 %: 43.28 − 72.00 = −28.72 points, as published
    const p = byUnit('HN');
    expect(formatCenti(r.cases.rate! - parseCenti(p.target!.caseRate!))).toBe(p.target!.gapPoints);
  });

  it('Toàn quốc, 9 months of 2017: KCS up 45.00 % on the previous year-end 144,857', () => {
    // (210041 − 144857) ÷ 144857 × 100 = 44.9989… → 45.00
    const r = load(byUnit('VN'));
    expect(formatCentiOrNull(r.cases.carryOverChange)).toBe('45.00');
    expect(r.money.carryOverChange).toBeNull(); // no money base
    // The previous-year aggregate knows only KCS, so V9 (which needs its CKS) is skipped, not failed.
    expect(r.validation.filter((f) => f.rule === 'V9')).toEqual([]);
  });

  it('Nam Định, 2017: P unknown, so C, M, U, P, N, CKS stay unknown; KCS is derived in both measures', () => {
    const r = load(byUnit('ND'));
    for (const m of ['cases', 'money'] as Measure[]) {
      expect(r[m].lines).toMatchObject({
        broughtForward: null,
        newlyReceived: null,
        exited: null,
        toEnforce: null,
        unable: null,
        carriedOver: null,
      });
    }
    expect(r.money.lines.ableCarriedOver).toBe(60712310000n);
    expect(reportToJson(r).money.ableCarriedOver).toBe('60712310000');
  });
});

describe('hand-made aggregates', () => {
  function assemble(
    cases: Lines,
    money: Lines,
    previousYearEnd: ReportLines | null = null,
    month = 12,
  ) {
    return assembleReport({
      unit: 'X',
      scope: 'total',
      period: reportPeriod(2017, month),
      ruleSet: TT01_2013,
      source: 'aggregate',
      lines: {
        cases: deriveUnknownLines('cases', cases),
        money: deriveUnknownLines('money', money),
      },
      previousYearEnd,
      previousMonth: null,
    });
  }
  const brief = (f: Finding) => `${f.measure} ${f.rule} ${f.severity}`;

  it('a broken identity (V1) is an error on its measure', () => {
    // C 10 + M 5 = 15 ≠ T 16
    const r = assemble(
      partialLines({ broughtForward: 10, newlyReceived: 5, totalReceived: 16 }),
      partialLines({}),
    );
    expect(r.validation.map(brief)).toEqual(['cases V1 error']);
    expect(r.validation[0]!.message).not.toBe('');
  });

  it('V7 on the money measure counts the reduced amounts: X = X1 + X2 + reduced', () => {
    const ok = assemble(
      partialLines({}),
      partialLines({ completed: 100, completedFull: 60, terminated: 30, reduced: 10 }),
    );
    expect(ok.validation).toEqual([]);
    const bad = assemble(
      partialLines({ completed: 5, completedFull: 3, terminated: 1 }),
      partialLines({ completed: 100, completedFull: 60, terminated: 30, reduced: 9 }),
    );
    expect(bad.validation.map(brief)).toEqual(['cases V7 error', 'money V7 error']);
  });

  it('derivation fills a line only when it is the only unknown term, repeatedly', () => {
    // T = C + M → T 15; P = K + N → P 12; then U = T − P = 3 (needs T and P, derived first);
    // CKS = P − X = 8; KCS = K − X = 5; D = K − X − H − S = 9 − 4 − 1 − 1 = 3.
    const derived = deriveUnknownLines(
      'cases',
      partialLines({
        broughtForward: 10,
        newlyReceived: 5,
        able: 9,
        unable: 3,
        completed: 4,
        postponed: 1,
        suspended: 1,
      }),
    );
    expect(derived).toMatchObject({
      totalReceived: 15n,
      toEnforce: 12n,
      exited: 3n,
      carriedOver: 8n,
      ableCarriedOver: 5n,
      inProgress: 3n,
      completedFull: null,
      terminated: null,
      reduced: null,
    });
    // X from X1 + X2 (V7), then KCS
    expect(
      deriveUnknownLines('cases', partialLines({ completedFull: 2, terminated: 1, able: 10 })),
    ).toMatchObject({
      completed: 3n,
      ableCarriedOver: 7n,
    });
    // money V7 with reduced: X1 = X − X2 − reduced
    expect(
      deriveUnknownLines('money', partialLines({ completed: 100, terminated: 30, reduced: 10 }))
        .completedFull,
    ).toBe(60n);
    // cases never get a reduced line, even if one is given
    expect(deriveUnknownLines('cases', partialLines({ reduced: 5 })).reduced).toBeNull();
  });

  it('a derived negative value is kept and is a V6 error', () => {
    // T 10, P 12 → U = −2
    const r = assemble(
      partialLines({ totalReceived: 10, toEnforce: 12 }),
      partialLines({ totalReceived: 10, toEnforce: 12 }),
    );
    expect(r.cases.lines.exited).toBe(-2n);
    expect(r.money.lines.exited).toBe(-2n);
    expect(reportToJson(r).money.exited).toBe('-2');
    expect(reportToJson(r).cases.exited).toBe(-2);
    // each measure: U < 0 (line exited) and P > T (line toEnforce), both V6
    expect(r.validation.map((f) => `${brief(f)} ${f.line}`)).toEqual([
      'cases V6 error exited',
      'cases V6 error toEnforce',
      'money V6 error exited',
      'money V6 error toEnforce',
    ]);
  });

  it('findings are ordered by measure, then rule number, then line', () => {
    // cases: C 10, M 5, T 15, P 18, K 10, N 8, X 4, KCS 7 (given).
    //   V2 derives U = 15 − 18 = −3 (V6: exited < 0); P 18 > T 15 (V6, line toEnforce);
    //   KCS 7 ≠ K − X = 6 (V6 identity, line ableCarriedOver).
    // money: C 60, M 50, T 100 (V1), K 20, X 30, X1 10, X2 5, reduced 10.
    //   X 30 > K 20 (V6, line completed); KCS = 20 − 30 = −10 derived (V6, line ableCarriedOver);
    //   X 30 ≠ 10 + 5 + 10 = 25 (V7).
    const r = assemble(
      partialLines({
        broughtForward: 10,
        newlyReceived: 5,
        totalReceived: 15,
        toEnforce: 18,
        able: 10,
        unable: 8,
        completed: 4,
        ableCarriedOver: 7,
      }),
      partialLines({
        broughtForward: 60,
        newlyReceived: 50,
        totalReceived: 100,
        able: 20,
        completed: 30,
        completedFull: 10,
        terminated: 5,
        reduced: 10,
      }),
    );
    expect(r.validation.map((f) => `${brief(f)} ${f.line}`)).toEqual([
      'cases V6 error exited',
      'cases V6 error toEnforce',
      'cases V6 error ableCarriedOver',
      'money V1 error totalReceived',
      'money V6 error completed',
      'money V6 error ableCarriedOver',
      'money V7 error completed',
    ]);
  });

  it('sortFindings orders V13 after V9 and V12, and V1 before V13 (numbers, not text)', () => {
    const f = (measure: Measure, rule: Finding['rule'], line?: LineCode): Finding => ({
      measure,
      rule,
      severity: 'warning',
      message: rule,
      ...(line ? { line } : {}),
    });
    const sorted = sortFindings([
      f('money', 'V1'),
      f('cases', 'V13'),
      f('cases', 'V12'),
      f('cases', 'V9'),
      f('cases', 'V1', 'exited'),
      f('cases', 'V1', 'broughtForward'),
    ]);
    expect(sorted.map((x) => `${x.measure} ${x.rule} ${x.line ?? ''}`)).toEqual([
      'cases V1 broughtForward',
      'cases V1 exited',
      'cases V9 ',
      'cases V12 ',
      'cases V13 ',
      'money V1 ',
    ]);
  });

  it('a rule with an unknown term is skipped, not failed', () => {
    // C 10, P 5, K 3: V3 derives N = 2; V1, V2, V4–V7 each have two or more unknown terms.
    const r = assemble(
      partialLines({ broughtForward: 10, toEnforce: 5, able: 3 }),
      partialLines({}),
    );
    expect(r.cases.lines.unable).toBe(2n);
    expect(r.validation).toEqual([]);
    // with every term known they are checked: K 60 + N 0 ≠ P 50 (V3), K 60 > P 50 (V6)
    const bad = assemble(partialLines({ toEnforce: 50, able: 60, unable: 0 }), partialLines({}));
    expect(bad.validation.map((f) => `${brief(f)} ${f.line}`)).toEqual([
      'cases V3 error toEnforce',
      'cases V6 error able',
    ]);
  });

  it('V9: brought forward against the previous year-end carried over (warning), both measures', () => {
    const prev: ReportLines = {
      cases: partialLines({ carriedOver: 9 }),
      money: partialLines({ carriedOver: 500 }),
    };
    const r = assemble(
      partialLines({ broughtForward: 10 }),
      partialLines({ broughtForward: 500 }),
      prev,
    );
    expect(r.validation.map(brief)).toEqual(['cases V9 warning']);
    const m = assemble(
      partialLines({ broughtForward: 9 }),
      partialLines({ broughtForward: 600 }),
      prev,
    );
    expect(m.validation.map(brief)).toEqual(['money V9 warning']);
    const officer = assembleReport({
      unit: 'X',
      scope: 'own',
      officer: 'O1',
      period: reportPeriod(2017, 12),
      ruleSet: TT01_2013,
      source: 'registry',
      lines: { cases: partialLines({ broughtForward: 10 }), money: partialLines({}) },
      previousYearEnd: prev,
      previousMonth: null,
    });
    expect(officer.validation).toEqual([]); // not checked for officers
  });

  it('V13: a rate jump of more than 10.00 points against month n−1 (not at n = 1)', () => {
    // month n−1: 5 of 10 = 50.00 %; month n: 6 of 10 = 60.00 % (10.00 points: no warning),
    // 61 of 100 = 61.00 % (11.00 points: warning).
    const prevMonth: ReportLines = {
      cases: partialLines({ able: 10, completed: 5 }),
      money: partialLines({}),
    };
    const at = (month: number, able: number, completed: number) =>
      assembleReport({
        unit: 'X',
        scope: 'total',
        period: reportPeriod(2017, month),
        ruleSet: TT01_2013,
        source: 'aggregate',
        lines: { cases: partialLines({ able, completed }), money: partialLines({}) },
        previousYearEnd: null,
        previousMonth: prevMonth,
      }).validation.map(brief);
    expect(at(3, 10, 6)).toEqual([]);
    expect(at(3, 100, 61)).toEqual(['cases V13 warning']);
    expect(at(3, 100, 39)).toEqual(['cases V13 warning']);
    expect(at(1, 100, 61)).toEqual([]);
  });
});
