/**
 * The report batch of the leadership summary gives exactly the figures of `resolveReport` and
 * `resolveProgress` (every unit, scope and officer, months across three working years, with aggregate
 * rows and targets in play), on both dialects; and `dataRange` finds the latest month with data.
 */
import { progressToJson, reportToJson, type Report } from '@thads/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  RegistrySumsCache,
  dataRange,
  importAggregate,
  importCases,
  importOfficers,
  importTargets,
  importUnits,
  openReportBatch,
  rebuildMovements,
  recordAudit,
  registryVersion,
  resolveProgress,
  resolveReport,
  type BatchSubject,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { TODAY, csv, expectDomainError, expectOk, importWorkedExample } from './helpers.js';

const dialects = await testDialects();

/** The report JSON without its findings (a batch report leaves out V12 and V13). */
function figures(report: Report) {
  const { validation: _validation, ...rest } = reportToJson(report);
  return rest;
}

const SUBJECTS: BatchSubject[] = [
  { unit: 'HN', scope: 'total' },
  { unit: 'HN', scope: 'own' },
  { unit: 'HN-BDI', scope: 'total' },
  { unit: 'HN-BDI', scope: 'own' },
  { unit: 'HN-CGI' },
  { unit: 'HN-BDI', officer: 'BDI-1' },
  { unit: 'HN-BDI', officer: 'BDI-2' },
  { unit: 'HN-CGI', officer: 'CGI-1' },
];
const PERIODS = [2017, 2018].flatMap((year) => [1, 5, 9, 12].map((month) => [year, month]));

describe.each(dialects)('the report batch on $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
    // A second Chi cục with an officer, so that the Cục's total sums more than one unit.
    expectOk(
      await importUnits(
        t.db,
        csv('units.csv', 'code,name,kind,parent', 'HN-CGI,Chi cục THADS quận Cầu Giấy,quan,HN'),
      ),
    );
    expectOk(
      await importOfficers(
        t.db,
        csv('officers.csv', 'code,name,unit', 'CGI-1,Lê Văn Cường,HN-CGI'),
      ),
    );
    expectOk(
      await importCases(
        t.db,
        {
          cases: csv(
            'cases.csv',
            'case_id,unit,received_on,amount,officer',
            'g1,HN-CGI,2016-03-01,2000,CGI-1',
            'g2,HN-CGI,2017-01-15,900,',
            'g3,HN-CGI,2017-11-02,400,CGI-1',
          ),
          events: csv(
            'events.csv',
            'case_id,date,kind,amount,officer,ground,decision_no',
            'g1,2016-08-01,pay,500,,,',
            'g1,2017-02-01,pay,1500,,,',
            'g1,2017-02-01,complete,,,,',
            'g2,2017-03-01,assign,,CGI-1,,',
            'g2,2018-01-10,pay,300,,,',
            'g3,2018-02-01,unable,,,a,12/QĐ-CCTHADS',
          ),
        },
        { today: TODAY },
      ),
    );
    // Aggregate rows: HN's total of 2017 month 5 (cases only) and HN-CGI's 2016 month 12 (the base
    // of its carry-over change in 2017).
    expectOk(
      await importAggregate(
        t.db,
        csv(
          'aggregate.csv',
          'unit,year,month,measure,broughtForward,newlyReceived,exited,able,unable,completed,completedFull,terminated,inProgress,postponed,suspended',
          'HN,2017,5,cases,10,4,1,9,4,3,3,0,6,0,0',
          'HN-CGI,2016,12,money,0,2000,0,2000,0,,,0,1200,0,0',
        ),
      ),
    );
    expectOk(
      await importTargets(
        t.db,
        csv(
          'targets.csv',
          'unit,scope,year,metric,value,month,officer,provisional',
          'HN,total,2017,caseRate,40,,,',
          'HN,total,2017,moneyRate,30,,,',
          'HN,total,2017,caseCarryOverReduction,0,,,',
          'HN,total,2017,moneyCarryOverReduction,20,,,',
          'HN,own,2017,caseRate,10,,,true',
          'HN-BDI,,2017,caseRate,42.86,,,',
          'HN-BDI,,2017,moneyRate,60,,,',
          'HN-BDI,,2018,caseRate,50,,,',
          'HN-BDI,,2017,caseRate,25,,BDI-1,',
          'HN-BDI,,2017,casesCompleted,1,9,BDI-2,',
          'HN-CGI,,2018,moneyCarryOverReduction,5,,,',
          'HN-CGI,,2018,moneyCompleted,300,4,CGI-1,',
        ),
      ),
    );
  });

  it('gives the reports and progress of resolveReport and resolveProgress', async () => {
    const batch = await openReportBatch(t.db, { unit: 'HN' });
    expect(batch.covered).toEqual(['HN', 'HN-BDI', 'HN-CGI']);
    for (const subject of SUBJECTS) {
      for (const [year, month] of PERIODS) {
        const request = { ...subject, year: year!, month: month! };
        const what = JSON.stringify(request);
        expect(figures(await batch.report(subject, year!, month!)), what).toEqual(
          figures(await resolveReport(t.db, request)),
        );
        expect(progressToJson(await batch.progress(subject, year!, month!)), what).toEqual(
          progressToJson(await resolveProgress(t.db, request)),
        );
      }
    }
  });

  it('reads the aggregate row where one answers', async () => {
    const batch = await openReportBatch(t.db, { unit: 'HN' });
    const hn = await batch.report({ unit: 'HN' }, 2017, 5);
    expect([hn.source, hn.cases.lines.able, hn.money.lines.able]).toEqual(['aggregate', 9n, null]);
    const own = await batch.report({ unit: 'HN', scope: 'own' }, 2017, 5);
    expect(own.source).toBe('registry');
  });

  it('covers only its subtree, and checks officers as resolveReport does', async () => {
    const batch = await openReportBatch(t.db, { unit: 'HN-BDI' });
    expect(batch.covered).toEqual(['HN-BDI']);
    expect(batch.officersOf('HN-BDI').map((o) => o.code)).toEqual(['BDI-1', 'BDI-2']);
    await expectDomainError(batch.report({ unit: 'HN-CGI' }, 2017, 12), 'INVALID_INPUT', /HN-CGI/);
    await expectDomainError(batch.report({ unit: 'HN-XYZ' }, 2017, 12), 'NOT_FOUND', /HN-XYZ/);
    await expectDomainError(
      batch.report({ unit: 'HN-BDI', officer: 'CGI-1' }, 2017, 12),
      'NOT_FOUND',
      /CGI-1/,
    );
    await expectDomainError(
      batch.report({ unit: 'HN-BDI', officer: 'BDI-1', scope: 'total' }, 2017, 12),
      'INVALID_INPUT',
      /own/,
    );
    await expectDomainError(batch.report({ unit: 'HN-BDI' }, 2017, 13), 'INVALID_INPUT', /13/);
    await expectDomainError(openReportBatch(t.db, { unit: 'HN-XYZ' }), 'NOT_FOUND', /HN-XYZ/);
  });

  it('keeps period sums across batches while the registry version stays, and drops them when it moves', async () => {
    const cache = new RegistrySumsCache();
    // HN-CGI at 2017/12, money T: g1 2000 − 500 paid before 2016-10-01 = 1500, plus g2 900.
    const received = async () =>
      (
        await (
          await openReportBatch(t.db, { unit: 'HN-CGI', cache })
        ).report({ unit: 'HN-CGI' }, 2017, 12)
      ).money.lines.totalReceived;
    expect(await received()).toBe(2400n);
    const version = await registryVersion(t.db);
    // An edit behind the application's back (no audit record) is not seen: the sums are cached…
    await t.db.updateTable('cases').set({ amount: 1000n }).where('id', '=', 'g2').execute();
    // (The monthly movements follow only the application's writes: built again by hand, unaudited.)
    await rebuildMovements(t.db);
    expect(await received()).toBe(2400n);
    // …nor after an audit record that cannot move a figure (a login)…
    await t.db.transaction().execute((trx) =>
      recordAudit(trx, {
        actor: { username: 'lanhdao', role: 'leadership' },
        at: new Date('2025-11-25T00:00:00Z'),
        entity: 'session',
        entityId: '1',
        action: 'login',
      }),
    );
    expect(await registryVersion(t.db)).toBe(version);
    expect(await received()).toBe(2400n);
    // …but it is after any change the application makes, which is always audited.
    const rename = (name: string) =>
      importUnits(t.db, csv('units.csv', 'code,name,kind,parent', `HN-CGI,${name},quan,HN`));
    expectOk(await rename('Chi cục THADS quận Cầu Giấy (tên mới)'));
    expect(await registryVersion(t.db)).not.toBe(version);
    expect(await received()).toBe(2500n);
    await t.db.updateTable('cases').set({ amount: 900n }).where('id', '=', 'g2').execute();
    await rebuildMovements(t.db);
    expectOk(await rename('Chi cục THADS quận Cầu Giấy'));
  });

  it('finds the latest month with data on or before today, and the first year', async () => {
    // The latest intake is g3 on 2017-11-02 (working year 2018, month 2); the latest event g3's
    // unable decision on 2018-02-01 (2018, month 5).
    expect(await dataRange(t.db, TODAY)).toEqual({
      latest: { year: 2018, month: 5 },
      earliestYear: 2015, // c4 received 2015-01-01
    });
    // On 2017-08-15 (2017, month 11): intakes up to c9 (2017-03-01), events up to 2017-06-01
    // (2017, month 9); the aggregate rows (2016/12, 2017/5) are older.
    expect(await dataRange(t.db, '2017-08-15')).toEqual({
      latest: { year: 2017, month: 9 },
      earliestYear: 2015,
    });
    expect(await dataRange(t.db, '2014-12-31')).toBeNull();
  });
});
