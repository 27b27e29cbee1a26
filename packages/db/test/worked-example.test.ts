/**
 * statistics.md §12 through the database: the worked example imported from its CSV files gives the
 * hand-computed numbers through `resolveReport`, on SQLite and on PostgreSQL.
 */
import { MONEY_LINE_CODES, formatCentiOrNull, reportToJson, type Lines } from '@thads/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { casesBehind, resolveReport } from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { expectLines, importWorkedExample } from './helpers.js';

const dialects = await testDialects();

/** The one finding of the registry reports that count c2 (statistics.md §12 and §8 V12). */
const C2_NOT_PUBLISHED = {
  rule: 'V12',
  severity: 'warning',
  measure: 'cases',
  line: 'unable',
  message:
    'Danh sách công khai: việc c2 chưa có điều kiện thi hành tại ngày 30/09/2017 (quyết định số 12/QĐ-CCTHADS ngày 01/02/2017) nhưng chưa được công khai',
};
const { line: _line, ...C2_NOT_PUBLISHED_JSON } = C2_NOT_PUBLISHED;

describe.each(dialects)('worked example on $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });
  const report = (unit: string, extra: { scope?: 'own' | 'total'; officer?: string } = {}) =>
    resolveReport(t.db, { unit, year: 2017, month: 12, ...extra });

  it('HN-BDI (own and total are the same report)', async () => {
    for (const scope of ['own', 'total'] as const) {
      const r = await report('HN-BDI', { scope });
      expect(r.scope).toBe(scope);
      expect(r.source).toBe('registry');
      expect([r.periodStart, r.periodEnd]).toEqual(['2016-10-01', '2017-09-30']);
      expectLines(
        r.cases.lines,
        {
          C: 4,
          M: 6,
          T: 10,
          U: 2,
          P: 8,
          K: 7,
          N: 1,
          X: 3,
          X1: 2,
          X2: 1,
          D: 2,
          H: 1,
          S: 1,
          CKS: 5,
          KCS: 4,
        },
        'cases',
      );
      expectLines(
        r.money.lines,
        {
          C: 2700,
          M: 2400,
          T: 5100,
          U: 1900,
          P: 3200,
          K: 2800,
          N: 400,
          X: 1700,
          X1: 1100,
          GM: 100,
          X2: 500,
          D: 500,
          H: 400,
          S: 200,
          CKS: 1500,
          KCS: 1100,
        },
        'money',
      );
      expect(formatCentiOrNull(r.cases.rate)).toBe('42.86');
      expect(formatCentiOrNull(r.money.rate)).toBe('60.71');
      expect(formatCentiOrNull(r.cases.carryOverChange)).toBe('0.00');
      expect(formatCentiOrNull(r.money.carryOverChange)).toBe('-59.26');
      // No findings, except a V12 warning for c2 (N, not published) (statistics.md §12).
      expect(r.validation).toEqual([C2_NOT_PUBLISHED]);
    }
  });

  it('HN own', async () => {
    const r = await report('HN', { scope: 'own' });
    expectLines(r.cases.lines, { C: 1, T: 1, P: 1, K: 1, D: 1, CKS: 1, KCS: 1 }, 'cases');
    expectLines(
      r.money.lines,
      { C: 5000, T: 5000, P: 5000, K: 5000, X: 1000, X1: 1000, D: 4000, CKS: 4000, KCS: 4000 },
      'money',
    );
    expect([formatCentiOrNull(r.cases.rate), formatCentiOrNull(r.money.rate)]).toEqual([
      '0.00',
      '20.00',
    ]);
    expect([
      formatCentiOrNull(r.cases.carryOverChange),
      formatCentiOrNull(r.money.carryOverChange),
    ]).toEqual(['0.00', '-20.00']);
    expect(r.validation).toEqual([]);
  });

  it('HN total, as JSON', async () => {
    const json = reportToJson(await report('HN'));
    expect(json).toEqual({
      unit: 'HN',
      scope: 'total',
      officer: null,
      mode: null,
      year: 2017,
      month: 12,
      periodStart: '2016-10-01',
      periodEnd: '2017-09-30',
      ruleSet: 'TT01-2013',
      source: 'registry',
      cases: {
        broughtForward: 5,
        newlyReceived: 6,
        totalReceived: 11,
        exited: 2,
        toEnforce: 9,
        able: 8,
        unable: 1,
        completed: 3,
        completedFull: 2,
        terminated: 1,
        inProgress: 3,
        postponed: 1,
        suspended: 1,
        carriedOver: 6,
        ableCarriedOver: 5,
        rate: '37.50',
        carryOverChange: '0.00',
      },
      money: {
        broughtForward: '7700',
        newlyReceived: '2400',
        totalReceived: '10100',
        exited: '1900',
        toEnforce: '8200',
        able: '7800',
        unable: '400',
        completed: '2700',
        completedFull: '2100',
        terminated: '500',
        reduced: '100',
        inProgress: '4500',
        postponed: '400',
        suspended: '200',
        carriedOver: '5500',
        ableCarriedOver: '5100',
        rate: '34.62',
        carryOverChange: '-33.77',
      },
      validation: [C2_NOT_PUBLISHED_JSON],
    });
    expect(Object.keys(json.cases)).toEqual([
      'broughtForward',
      'newlyReceived',
      'totalReceived',
      'exited',
      'toEnforce',
      'able',
      'unable',
      'completed',
      'completedFull',
      'terminated',
      'inProgress',
      'postponed',
      'suspended',
      'carriedOver',
      'ableCarriedOver',
      'rate',
      'carryOverChange',
    ]);
  });

  it('officers of HN-BDI, and the unassigned rest (V11)', async () => {
    const bdi1 = await report('HN-BDI', { officer: 'BDI-1' });
    expect([bdi1.scope, bdi1.officer]).toEqual(['own', 'BDI-1']);
    expectLines(bdi1.cases.lines, { C: 1, T: 1, P: 1, K: 1, D: 1, CKS: 1, KCS: 1 }, 'cases');
    expectLines(
      bdi1.money.lines,
      { C: 700, T: 700, P: 700, K: 700, X: 200, X1: 200, D: 500, CKS: 500, KCS: 500 },
      'money',
    );
    expect([formatCentiOrNull(bdi1.cases.rate), formatCentiOrNull(bdi1.money.rate)]).toEqual([
      '0.00',
      '28.57',
    ]);
    expect([
      formatCentiOrNull(bdi1.cases.carryOverChange),
      formatCentiOrNull(bdi1.money.carryOverChange),
    ]).toEqual(['0.00', '-28.57']);

    const bdi2 = await report('HN-BDI', { officer: 'BDI-2', scope: 'own' });
    expectLines(
      bdi2.cases.lines,
      { C: 1, M: 1, T: 2, P: 2, K: 2, D: 1, H: 1, CKS: 2, KCS: 2 },
      'cases',
    );
    expectLines(
      bdi2.money.lines,
      { C: 400, T: 400, P: 400, K: 400, H: 400, CKS: 400, KCS: 400 },
      'money',
    );
    expect([formatCentiOrNull(bdi2.cases.rate), formatCentiOrNull(bdi2.money.rate)]).toEqual([
      '0.00',
      '0.00',
    ]);
    expect([
      formatCentiOrNull(bdi2.cases.carryOverChange),
      formatCentiOrNull(bdi2.money.carryOverChange),
    ]).toEqual(['100.00', '0.00']);
    expect([...bdi1.validation, ...bdi2.validation]).toEqual([]);

    const unit = await report('HN-BDI');
    const rest = (measure: 'cases' | 'money'): Lines => {
      const out = {} as Lines;
      for (const code of MONEY_LINE_CODES) {
        out[code] =
          unit[measure].lines[code]! - bdi1[measure].lines[code]! - bdi2[measure].lines[code]!;
      }
      return out;
    };
    expectLines(
      rest('cases'),
      { C: 2, M: 5, T: 7, U: 2, P: 5, K: 4, N: 1, X: 3, X1: 2, X2: 1, S: 1, CKS: 2, KCS: 1 },
      'cases',
    );
    expectLines(
      rest('money'),
      {
        C: 1600,
        M: 2400,
        T: 4000,
        U: 1900,
        P: 2100,
        K: 1700,
        N: 400,
        X: 1500,
        X1: 900,
        GM: 100,
        X2: 500,
        S: 200,
        CKS: 600,
        KCS: 200,
      },
      'money',
    );
  });

  it('the cases behind every line add up to the line', async () => {
    for (const request of [
      { unit: 'HN', scope: 'total' as const },
      { unit: 'HN', scope: 'own' as const },
      { unit: 'HN-BDI', scope: 'total' as const },
      { unit: 'HN-BDI', officer: 'BDI-2' },
    ]) {
      const r = await resolveReport(t.db, {
        ...request,
        year: 2017,
        month: 12,
        source: 'registry',
      });
      for (const measure of ['cases', 'money'] as const) {
        for (const line of MONEY_LINE_CODES) {
          if (measure === 'cases' && line === 'reduced') continue;
          const list = await casesBehind(t.db, {
            ...request,
            year: 2017,
            month: 12,
            line,
            measure,
          });
          const sum = list.reduce((acc, c) => acc + c.amount, 0n);
          expect(sum, `${request.unit} ${measure} ${line}`).toBe(r[measure].lines[line]);
          if (measure === 'cases') expect(list.every((c) => c.amount === 1n)).toBe(true);
          else expect(list.every((c) => c.amount !== 0n)).toBe(true);
        }
      }
    }
  });

  it('lists the cases behind a line in byte order of their ids', async () => {
    const exited = await casesBehind(t.db, {
      unit: 'HN',
      year: 2017,
      month: 12,
      line: 'exited',
      measure: 'money',
    });
    expect(exited).toEqual([
      { caseId: 'c11', amount: 900n },
      { caseId: 'c3', amount: 700n },
      { caseId: 'c6', amount: 300n },
    ]);
    const inProgress = await casesBehind(t.db, {
      unit: 'HN',
      year: 2017,
      month: 12,
      line: 'inProgress',
    });
    expect(inProgress.map((c) => c.caseId)).toEqual(['c1', 'c12', 'h1']);
  });
});
