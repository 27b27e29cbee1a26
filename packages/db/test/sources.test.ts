/**
 * Which source answers a report (interfaces.md §5), on both dialects, over the worked example plus
 * aggregate rows.
 */
import { formatCentiOrNull, reportToJson } from '@thads/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { casesBehind, importAggregate, resolveReport, type ReportRequest } from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { csv, expectDomainError, expectOk, importWorkedExample } from './helpers.js';

const dialects = await testDialects();

describe.each(dialects)('source resolution on $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
    expectOk(
      await importAggregate(
        t.db,
        csv(
          'aggregate.csv',
          'unit,year,month,measure,broughtForward,newlyReceived,exited,able,unable,completedFull,terminated,inProgress,postponed,suspended,carriedOver,ableCarriedOver',
          // HN 2017 month 12: the cases measure only, as a published report might give it.
          'HN,2017,12,cases,50,60,,,,,,,,,,',
          // HN 2016 month 12: the previous year's base of month 11 of 2017.
          'HN,2016,12,cases,,,,,,,,,,,7,10',
          // HN 2017 month 10: the previous month of month 11 (V13).
          'HN,2017,10,cases,,,,8,,1,0,,,,,',
          // HN-BDI, a unit without units under it: 2015 month 12.
          'HN-BDI,2015,12,money,,,,,,,,,,,,100',
        ),
      ),
    );
  });
  const report = (request: Partial<ReportRequest>) =>
    resolveReport(t.db, { unit: 'HN', year: 2017, month: 12, ...request });

  it('answers from the aggregate row of the unit, year and month; the other measure is all null', async () => {
    const json = reportToJson(await report({}));
    expect(json.source).toBe('aggregate');
    expect([
      json.cases.broughtForward,
      json.cases.newlyReceived,
      json.cases.totalReceived,
      json.cases.able,
    ]).toEqual([50, 60, 110, null]);
    expect(Object.values(json.money)).toEqual(Array(18).fill(null));
  });

  it('answers own scope, officers, a unit below, and --source registry from the registry', async () => {
    const own = await report({ scope: 'own' });
    expect([own.source, own.cases.lines.broughtForward]).toEqual(['registry', 1n]);
    const below = await report({ unit: 'HN-BDI' });
    expect([below.source, below.cases.lines.broughtForward]).toEqual(['registry', 4n]);
    const officer = await report({ unit: 'HN-BDI', officer: 'BDI-1' });
    expect(officer.source).toBe('registry');
    const mode = await report({ mode: 'none' });
    expect([mode.source, mode.mode, mode.cases.lines.totalReceived]).toEqual([
      'registry',
      'none',
      11n,
    ]);
    const forced = await report({ source: 'registry' });
    // The whole subtree from the registry, never the aggregate rows of the units under HN.
    expect([
      forced.source,
      forced.cases.lines.broughtForward,
      formatCentiOrNull(forced.cases.rate),
    ]).toEqual(['registry', 5n, '37.50']);
  });

  it('fails --source aggregate where no row serves the report', async () => {
    await expectDomainError(
      report({ unit: 'HN-BDI', source: 'aggregate' }),
      'NOT_FOUND',
      /Không có số liệu tổng hợp của đơn vị HN-BDI/,
    );
    await expectDomainError(report({ scope: 'own', source: 'aggregate' }), 'NOT_FOUND', /own/);
    await expectDomainError(
      report({ unit: 'HN-BDI', officer: 'BDI-1', source: 'aggregate' }),
      'NOT_FOUND',
    );
    expect((await report({ source: 'aggregate' })).source).toBe('aggregate');
  });

  it('treats own as total for a unit without units under it, echoing the scope asked for', async () => {
    const r = await resolveReport(t.db, { unit: 'HN-BDI', scope: 'own', year: 2015, month: 12 });
    expect([
      r.source,
      r.scope,
      r.money.lines.ableCarriedOver,
      r.cases.lines.ableCarriedOver,
    ]).toEqual(['aggregate', 'own', 100n, null]);
  });

  it('resolves the previous year and the previous month the same way (carryOverChange, V9, V13)', async () => {
    const r = await report({ month: 11 });
    expect(r.source).toBe('registry');
    // KCS 5 against the aggregate 10 of 2016; money has no 2016 row, so no base.
    expect([
      formatCentiOrNull(r.cases.carryOverChange),
      formatCentiOrNull(r.money.carryOverChange),
    ]).toEqual(['-50.00', null]);
    // C 5 against CKS 7 of 2016 (V9); c2 N and not published (V12); rate 37.50 against 12.50 of
    // month 10 (V13).
    expect(r.validation.map((f) => `${f.rule} ${f.severity} ${f.measure}`)).toEqual([
      'V9 warning cases',
      'V12 warning cases',
      'V13 warning cases',
    ]);
    expect(r.validation[2]!.message).toMatch(/12,50 % → 37,50 %/);
  });

  it('checks units and officers', async () => {
    await expectDomainError(
      report({ unit: 'HN-XXX' }),
      'NOT_FOUND',
      /Không tìm thấy đơn vị mã "HN-XXX"/,
    );
    await expectDomainError(
      report({ unit: 'HN-BDI', officer: 'BDI-9' }),
      'NOT_FOUND',
      /Không tìm thấy chấp hành viên mã "BDI-9"/,
    );
    await expectDomainError(report({ officer: 'BDI-1' }), 'INVALID_INPUT', /không thuộc đơn vị HN/);
    await expectDomainError(
      report({ unit: 'HN-BDI', officer: 'BDI-1', scope: 'total' }),
      'INVALID_INPUT',
      /phạm vi own/,
    );
    await expectDomainError(report({ month: 13 }), 'INVALID_INPUT');
  });

  it('lists the cases behind a line from the registry even where an aggregate row answers the report', async () => {
    const list = await casesBehind(t.db, {
      unit: 'HN',
      year: 2017,
      month: 12,
      line: 'broughtForward',
    });
    expect(list.map((c) => c.caseId)).toEqual(['c1', 'c10', 'c11', 'c8', 'h1']);
    const reduced = await casesBehind(t.db, {
      unit: 'HN',
      year: 2017,
      month: 12,
      line: 'reduced',
      measure: 'money',
    });
    expect(reduced).toEqual([{ caseId: 'c5', amount: 100n }]);
    await expectDomainError(
      casesBehind(t.db, { unit: 'HN', year: 2017, month: 12, line: 'rate' }),
      'INVALID_INPUT',
    );
    await expectDomainError(
      casesBehind(t.db, { unit: 'HN', year: 2017, month: 12, line: 'reduced' }),
      'INVALID_INPUT',
      /--measure money/,
    );
    await expectDomainError(
      casesBehind(t.db, { unit: 'HN', year: 2017, month: 12, line: 'bogus' }),
      'INVALID_INPUT',
    );
    await expectDomainError(
      casesBehind(t.db, { unit: 'NOPE', year: 2017, month: 12, line: 'able' }),
      'NOT_FOUND',
    );
  });
});
