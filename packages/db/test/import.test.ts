/**
 * The import engine (interfaces.md §2–§4) on both dialects: formats, physical lines and columns in
 * errors, file order, dry runs, all or nothing, idempotence, history replacement.
 */
import { formatCentiOrNull } from '@thads/domain';
import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  importAggregate,
  importCases,
  importOfficers,
  importUnits,
  loadCases,
  resolveReport,
  type ImportIssue,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { TODAY, csv, expectOk } from './helpers.js';

const dialects = await testDialects();

const UNITS = csv(
  'units.csv',
  'code,name,kind,parent',
  'HN,Cục THADS Hà Nội,cuc,',
  'HN-BDI,Chi cục THADS quận Ba Đình,quan,HN',
  'HN-HKI,Chi cục THADS quận Hoàn Kiếm,quan,HN',
);
const OFFICERS = csv(
  'officers.csv',
  'code,name,unit',
  'BDI-1,Nguyễn Văn An,HN-BDI',
  'BDI-2,Trần Thị Bình,HN-BDI',
  'HKI-1,Lê Văn Cường,HN-HKI',
);
const where = (issues: readonly ImportIssue[]) =>
  issues.map((i) => `${i.file}:${i.line}:${i.column ?? ''}`);

describe.each(dialects)('import on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  const base = async () => {
    expectOk(await importUnits(t.db, UNITS));
    expectOk(await importOfficers(t.db, OFFICERS));
  };
  const countRows = async () => {
    const cases = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const events = await t.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return [BigInt(cases.n), BigInt(events.n)];
  };

  describe('units and officers', () => {
    it('takes a parent from a later row, counts what changed, and writes nothing on a re-import', async () => {
      const file = csv(
        'u.csv',
        'parent,kind,name,code',
        'HN,quan,Ba Đình,HN-BDI',
        ',cuc,Hà Nội,HN',
      );
      expect((await importUnits(t.db, file)).counts).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
      });
      const again = await importUnits(t.db, file);
      expect([again.counts, again.written]).toEqual([
        { created: 0, updated: 0, unchanged: 2 },
        false,
      ]);
      const renamed = await importUnits(
        t.db,
        csv('u.csv', 'code,name,kind,parent', 'HN-BDI,Chi cục Ba Đình,quan,HN'),
      );
      expect([renamed.counts, renamed.written]).toEqual([
        { created: 0, updated: 1, unchanged: 0 },
        true,
      ]);
    });

    it('rejects a cycle, naming the line and the parent column', async () => {
      expectOk(
        await importUnits(t.db, csv('u.csv', 'code,name,kind,parent', 'A,A,cuc,', 'B,B,quan,A')),
      );
      const result = await importUnits(
        t.db,
        csv('u.csv', 'code,name,kind,parent', 'C,C,quan,B', 'A,A,cuc,C'),
      );
      expect(where(result.issues)).toEqual(['u.csv:3:parent']);
      expect(result.issues[0]!.message).toMatch(/vòng lặp/);
      expect(
        (await t.db.selectFrom('units').select('code').where('code', '=', 'C').execute()).length,
      ).toBe(0);
    });

    it('lists every error on a dry run, the first one otherwise', async () => {
      const file = csv(
        'u.csv',
        'code,name,kind,parent',
        'A,A,province,',
        'B,,quan,ZZ',
        'A,A2,cuc,',
      );
      const dry = await importUnits(t.db, file, { dryRun: true });
      expect(where(dry.issues)).toEqual(
        ['u.csv:2:kind', 'u.csv:3:name', 'u.csv:4:code', 'u.csv:3:parent'].sort(byLine),
      );
      const wet = await importUnits(t.db, file);
      expect(where(wet.issues)).toEqual(['u.csv:2:kind']);
      expect(formatIssue(wet.issues[0]!)).toMatch(
        /^u\.csv:2:kind: loại đơn vị "province" không hợp lệ/,
      );
    });

    it('rejects unknown, repeated and missing columns on the header line', async () => {
      const result = await importUnits(t.db, csv('u.csv', 'code,name,kind,parent,colour,name'), {
        dryRun: true,
      });
      expect(where(result.issues)).toEqual(['u.csv:1:colour', 'u.csv:1:name']);
      const missing = await importOfficers(t.db, csv('o.csv', 'code,name'), { dryRun: true });
      expect(where(missing.issues)).toEqual(['o.csv:1:unit']);
    });

    it('needs the unit of an officer, and keeps an officer with cases in their unit', async () => {
      await base();
      const unknown = await importOfficers(
        t.db,
        csv('o.csv', 'code,name,unit', 'X-1,Ngô Văn Dũng,HN-XXX'),
      );
      expect(where(unknown.issues)).toEqual(['o.csv:2:unit']);
      expectOk(
        await importCases(
          t.db,
          {
            cases: csv(
              'c.csv',
              'case_id,unit,received_on,amount,officer',
              'c1,HN-BDI,2017-01-01,100,BDI-1',
            ),
            events: csv('e.csv', 'case_id,date,kind'),
          },
          { today: TODAY },
        ),
      );
      const move = await importOfficers(
        t.db,
        csv('o.csv', 'code,name,unit', 'BDI-1,Nguyễn Văn An,HN-HKI'),
      );
      expect(where(move.issues)).toEqual(['o.csv:2:unit']);
      const moveFree = await importOfficers(
        t.db,
        csv('o.csv', 'code,name,unit', 'BDI-2,Trần Thị Bình,HN-HKI'),
      );
      expect(moveFree.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    });
  });

  describe('cases and events', () => {
    it('names the physical line where a record starts, across quoted line breaks and CRLF', async () => {
      await base();
      const cases = {
        name: 'cases.csv',
        text: 'case_id,unit,received_on,amount,debtor_address\r\nc1,HN-BDI,2017-01-01,100,"Số 1\r\nphố Kim Mã"\r\n\r\nc2,HN-BDI,2017-01-01,1.000,\r\n',
      };
      const result = await importCases(
        t.db,
        { cases, events: csv('events.csv', 'case_id,date,kind') },
        { today: TODAY },
      );
      expect(where(result.issues)).toEqual(['cases.csv:5:amount']);
      expect(result.issues[0]!.message).toMatch(/chỉ gồm chữ số/);
    });

    it('stops at the first error in file order (cases.csv before events.csv) and writes nothing', async () => {
      await base();
      const extract = {
        cases: csv(
          'cases.csv',
          'case_id,unit,received_on,amount,mode',
          'c1,HN-BDI,2017-01-01,100,',
          'c2,HN-BDI,2017-13-01,100,bogus',
          'c3,HN-BDI,2017-01-01,-5,',
        ),
        events: csv(
          'events.csv',
          'case_id,date,kind,amount,officer,ground,decision_no',
          'c1,2017-02-01,verify,100,,,',
          'c1,2017-02-02,pay,,,,',
          'c9,2017-02-03,pay,5,,,',
          'c1,2099-01-01,verify,,,,',
          'c1,2017-03-01,unable,,,d,',
          'c1,2017-03-02,assign,,HKI-1,,',
          'c1,2017-03-03,jump,,,,',
        ),
      };
      const wet = await importCases(t.db, extract, { today: TODAY });
      expect(where(wet.issues)).toEqual(['cases.csv:3:received_on']);
      expect(await countRows()).toEqual([0n, 0n]);
      const dry = await importCases(t.db, extract, { today: TODAY, dryRun: true });
      expect(where(dry.issues)).toEqual([
        'cases.csv:3:received_on',
        'cases.csv:3:mode',
        'cases.csv:4:amount',
        'events.csv:2:amount',
        'events.csv:3:amount',
        'events.csv:4:case_id',
        'events.csv:5:date',
        'events.csv:6:ground',
        'events.csv:6:decision_no',
        'events.csv:8:kind',
      ]);
      expect(dry.dryRun).toBe(true);
      expect(await countRows()).toEqual([0n, 0n]);
    });

    it('rejects an event the rules do not allow, naming the case and the event', async () => {
      await base();
      const cases = csv(
        'cases.csv',
        'case_id,unit,received_on,amount',
        'c1,HN-BDI,2017-01-01,1000',
        'c2,HN-BDI,2017-01-01,1000',
      );
      const events = csv(
        'events.csv',
        'case_id,date,kind,amount,officer,ground,decision_no',
        'c2,2017-02-01,pay,400,,,',
        'c1,2017-02-01,pay,600,,,',
        'c1,2017-03-01,pay,500,,,',
        'c2,2017-01-15,assign,,HKI-1,,',
        'c2,2016-12-01,verify,,,,',
      );
      const result = await importCases(t.db, { cases, events }, { today: TODAY, dryRun: true });
      expect(where(result.issues)).toEqual(['events.csv:4:amount', 'events.csv:6:date']);
      expect(result.issues[0]!.message).toMatch(
        /^Việc c1, sự kiện thứ 2 \(pay ngày 2017-03-01 500 đồng\): số tiền vượt quá số còn phải thi hành \(400 đồng\)/,
      );
      expect(result.issues[1]!.message).toMatch(/việc c2.*trước ngày thụ lý 2017-01-01/i);
      const officer = await importCases(
        t.db,
        {
          cases,
          events: csv('events.csv', 'case_id,date,kind,officer', 'c2,2017-01-15,assign,HKI-1'),
        },
        { today: TODAY },
      );
      expect(where(officer.issues)).toEqual(['events.csv:2:officer']);
      expect(officer.issues[0]!.message).toMatch(/HKI-1 không thuộc đơn vị HN-BDI/);
      expect(await countRows()).toEqual([0n, 0n]);
    });

    it('rejects an event after today and a change of unit', async () => {
      await base();
      const today = '2017-06-30';
      const future = await importCases(
        t.db,
        {
          cases: csv('cases.csv', 'case_id,unit,received_on,amount', 'c1,HN-BDI,2017-01-01,10'),
          events: csv('events.csv', 'case_id,date,kind', 'c1,2017-07-01,verify'),
        },
        { today },
      );
      expect(where(future.issues)).toEqual(['events.csv:2:date']);
      expect(future.issues[0]!.message).toMatch(/sau ngày hôm nay \(2017-06-30\)/);
      expectOk(
        await importCases(
          t.db,
          {
            cases: csv('cases.csv', 'case_id,unit,received_on,amount', 'c1,HN-BDI,2017-01-01,10'),
            events: csv('events.csv', 'case_id,date,kind'),
          },
          { today },
        ),
      );
      const moved = await importCases(
        t.db,
        {
          cases: csv('cases.csv', 'case_id,unit,received_on,amount', 'c1,HN-HKI,2017-01-01,10'),
          events: csv('events.csv', 'case_id,date,kind'),
        },
        { today },
      );
      expect(where(moved.issues)).toEqual(['cases.csv:2:unit']);
    });

    it('replaces the history of each listed case, leaves the others, and is idempotent', async () => {
      await base();
      const extract = {
        cases: csv(
          'cases.csv',
          'case_id,unit,received_on,amount,officer,mode,reverify_yearly',
          'c1,HN-BDI,2017-01-01,1000,BDI-1,chu_dong,true',
          'c2,HN-BDI,2017-01-01,500,,,',
          'c3,HN-HKI,2017-01-01,0,,,',
        ),
        events: csv(
          'events.csv',
          'decision_no,kind,date,case_id,amount',
          ',pay,2017-05-01,c1,1000',
          ',complete,2017-05-01,c1,',
          ',pay,2017-03-01,c2,100',
          ',verify,2017-02-01,c2,',
        ),
      };
      const first = await importCases(t.db, extract, { today: TODAY });
      expect([first.counts, first.written]).toEqual([
        { created: 3, updated: 0, unchanged: 0 },
        true,
      ]);
      const again = await importCases(t.db, extract, { today: TODAY });
      expect([again.counts, again.written]).toEqual([
        { created: 0, updated: 0, unchanged: 3 },
        false,
      ]);

      // Applied order is (date, then file order): c2's verify comes first though it is listed last.
      const stored = await loadCases(t.db, { units: ['HN-BDI', 'HN-HKI'] });
      expect(
        stored.map((c) => [c.id, c.officer, c.mode, c.events.map((e) => `${e.date} ${e.kind}`)]),
      ).toEqual([
        ['c1', 'BDI-1', 'chu_dong', ['2017-05-01 pay', '2017-05-01 complete']],
        ['c2', null, null, ['2017-02-01 verify', '2017-03-01 pay']],
        ['c3', null, null, []],
      ]);
      const seqs = await t.db
        .selectFrom('case_events')
        .select(['case_id', 'seq', 'kind'])
        .where('case_id', '=', 'c2')
        .orderBy('seq')
        .execute();
      expect(seqs.map((r) => [Number(r.seq), r.kind])).toEqual([
        [1, 'pay'],
        [2, 'verify'],
      ]);

      // c2 listed only in events.csv: its history is replaced, its facts kept; c1 listed only in
      // cases.csv ends with no events; c3 is not listed and stays as it was.
      const second = await importCases(
        t.db,
        {
          cases: csv('cases.csv', 'case_id,unit,received_on,amount', 'c1,HN-BDI,2017-01-01,1000'),
          events: csv(
            'events.csv',
            'case_id,date,kind,ground,decision_no',
            'c2,2017-04-01,unable,b,7/QĐ-CCTHADS',
          ),
        },
        { today: TODAY },
      );
      expect(second.counts).toEqual({ created: 0, updated: 2, unchanged: 0 });
      const after = await loadCases(t.db, { units: ['HN-BDI', 'HN-HKI'] });
      expect(
        after.map((c) => [
          c.id,
          c.amount,
          c.officer,
          c.mode,
          c.events.map((e) => `${e.date} ${e.kind}`),
        ]),
      ).toEqual([
        ['c1', 1000n, null, null, []],
        ['c2', 500n, null, null, ['2017-04-01 unable']],
        ['c3', 0n, null, null, []],
      ]);
      const facts = await t.db
        .selectFrom('cases')
        .select(['id', 'reverify_yearly'])
        .orderBy('id')
        .execute();
      expect(facts.map((r) => Number(r.reverify_yearly))).toEqual([0, 0, 0]);
    });

    it('keeps money beyond 2^53 exact from the file to the report', async () => {
      await base();
      expectOk(
        await importCases(
          t.db,
          {
            cases: csv(
              'cases.csv',
              'case_id,unit,received_on,amount',
              'big,HN-BDI,2016-05-01,123456789012345678',
            ),
            events: csv(
              'events.csv',
              'case_id,date,kind,amount',
              'big,2016-06-01,pay,9007199254740993',
              'big,2017-01-10,reduce,1',
            ),
          },
          { today: TODAY },
        ),
      );
      const report = await resolveReport(t.db, { unit: 'HN-BDI', year: 2017, month: 12 });
      expect(report.money.lines.broughtForward).toBe(123456789012345678n - 9007199254740993n);
      expect(report.money.lines.reduced).toBe(1n);
      expect(report.money.lines.inProgress).toBe(123456789012345678n - 9007199254740993n - 1n);
      expect(formatCentiOrNull(report.money.rate)).toBe('0.00');
    });
  });

  describe('aggregate lines', () => {
    it('stores the lines given and derives the unknown ones when the report is read', async () => {
      await base();
      // Hanoi, 5 months of 2018, as published (statistics.md §2; published-figures.json).
      const file = csv(
        'aggregate.csv',
        'unit,year,month,measure,broughtForward,newlyReceived,totalReceived,toEnforce,able,unable,completed',
        'HN,2018,5,cases,17268,14631,31899,31453,21528,9925,9317',
      );
      const result = await importAggregate(t.db, file);
      expect([result.counts, result.notes]).toEqual([{ created: 1, updated: 0, unchanged: 0 }, []]);
      const stored = await t.db.selectFrom('aggregate_lines').selectAll().executeTakeFirstOrThrow();
      expect([stored.exited, stored.carried_over, stored.able]).toEqual([null, null, 21528n]);
      const report = await resolveReport(t.db, { unit: 'HN', year: 2018, month: 5 });
      expect(report.source).toBe('aggregate');
      expect([
        report.cases.lines.exited,
        report.cases.lines.carriedOver,
        report.cases.lines.ableCarriedOver,
      ]).toEqual([446n, 22136n, 12211n]);
      expect(formatCentiOrNull(report.cases.rate)).toBe('43.28');
      expect(Object.values(report.money.lines).every((v) => v === null)).toBe(true);
      expect((await importAggregate(t.db, file)).counts).toEqual({
        created: 0,
        updated: 0,
        unchanged: 1,
      });
      // A re-import replaces the row whole: lines it leaves out become unknown.
      const replaced = await importAggregate(
        t.db,
        csv(
          'aggregate.csv',
          'unit,year,month,measure,able,completed',
          'HN,2018,5,cases,21528,9317',
        ),
      );
      expect(replaced.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
      const row = await t.db.selectFrom('aggregate_lines').selectAll().executeTakeFirstOrThrow();
      expect([row.brought_forward, row.able, row.completed]).toEqual([null, 21528n, 9317n]);
    });

    it('rejects malformed rows but imports a row that breaks an identity, with a note', async () => {
      await base();
      const bad = await importAggregate(
        t.db,
        csv('a.csv', 'unit,year,month,measure,reduced,able,rate', 'HN,2018,5,cases,3,,'),
        { dryRun: true },
      );
      expect(where(bad.issues)).toEqual(['a.csv:1:rate']);
      const rows = await importAggregate(
        t.db,
        csv(
          'a.csv',
          'unit,year,month,measure,reduced,able,completed',
          'HN,2018,5,cases,5,,',
          'HN,2018,13,money,,1.5,',
          'XX,2018,5,money,,-3,',
          'HN,2018,5,money,,10,3',
          'HN,2018,5,money,,10,3',
          'HN,2018,5,cases,,,',
        ),
        { dryRun: true },
      );
      expect(where(rows.issues)).toEqual([
        'a.csv:2:reduced',
        'a.csv:3:month',
        'a.csv:3:able',
        'a.csv:4:unit',
        'a.csv:4:able',
        'a.csv:6:',
      ]);
      const broken = await importAggregate(
        t.db,
        csv(
          'a.csv',
          'unit,year,month,measure,broughtForward,newlyReceived,totalReceived',
          'HN,2017,12,cases,5,6,12',
        ),
      );
      expect(broken.issues).toEqual([]);
      expect(broken.notes).toHaveLength(1);
      expect(broken.notes[0]).toMatch(/^a\.csv:2: V1 /);
      const report = await resolveReport(t.db, { unit: 'HN', year: 2017, month: 12 });
      // V1 as given; V9 because the registry's year 2016 carried nothing over.
      expect(report.validation.map((f) => `${f.rule} ${f.measure}`)).toEqual([
        'V1 cases',
        'V9 cases',
      ]);
    });
  });
});

function byLine(a: string, b: string): number {
  return Number(a.split(':')[1]) - Number(b.split(':')[1]);
}
