/**
 * Targets on both dialects: `import targets` (interfaces.md §7: replacing keeps the history, an
 * identical row adds nothing, errors name file:line:column, all or nothing), provisional copies,
 * and `resolveProgress` (interfaces.md §8) on the worked example of statistics.md §12. Expected
 * figures are worked out by hand in the comments.
 */
import { formatCentiOrNull, progressToJson } from '@thads/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  completedYears,
  copyProvisionalTargets,
  forecastBacktest,
  formatIssue,
  importTargets,
  auditTargetChanges,
  listTargets,
  prepareTargetWrites,
  proposeOfficerMonthlyTargets,
  resolveProgress,
  summarizeBacktest,
  targetHistory,
  writeTargets,
  type ImportResult,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { csv, expectDomainError, expectOk, importWorkedExample } from './helpers.js';

const dialects = await testDialects();

const HEADER = 'unit,scope,year,metric,value,month,officer,provisional';
const NOW = new Date('2025-11-27T08:00:00Z');
const LATER = new Date('2025-11-28T08:00:00Z');
const MANAGER = { username: 'quanly', role: 'cuc_manager' };

const counts = (r: ImportResult) => [r.counts, r.written];

describe.each(dialects)('targets on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  beforeEach(async () => {
    await importWorkedExample(t.db);
  });
  const load = (...rows: string[]) =>
    importTargets(t.db, csv('targets.csv', HEADER, ...rows), { now: NOW });
  const unitTargets = async (year: number) =>
    (await listTargets(t.db, { year, holder: 'unit' })).map(
      (r) => `${r.unit} ${r.scope} ${r.metric} ${r.value}${r.provisional ? ' (tạm tính)' : ''}`,
    );

  describe('import', () => {
    it('records values as hundredths, counts and đồng; `own` of a unit without units under it is `total`', async () => {
      const result = expectOk(
        await load(
          'HN,total,2018,caseRate,72,,,',
          'HN,own,2018,caseRate,70.5,,,true',
          'HN-BDI,own,2018,moneyRate,35.25,,,false',
          'HN-BDI,,2018,caseCarryOverReduction,0,,,',
          'HN-BDI,,2018,casesCompleted,3,1,BDI-1,',
          'HN-BDI,,2018,moneyCompleted,1500000000000,1,BDI-1,',
        ),
      );
      expect(counts(result)).toEqual([{ created: 6, updated: 0, unchanged: 0 }, true]);
      expect(await unitTargets(2018)).toEqual([
        'HN own caseRate 7050 (tạm tính)',
        'HN total caseRate 7200',
        'HN-BDI total caseCarryOverReduction 0',
        'HN-BDI total moneyRate 3525',
      ]);
      const officer = await listTargets(t.db, { year: 2018, holder: { officer: 'BDI-1' } });
      expect(officer.map((r) => [r.scope, r.metric, r.month, r.value])).toEqual([
        ['total', 'casesCompleted', 1, 3n],
        ['total', 'moneyCompleted', 1, 1_500_000_000_000n],
      ]);
      expect(officer[0]).toMatchObject({
        origin: 'import',
        recordedAt: '2025-11-27T08:00:00.000Z',
        recordedBy: 'cli',
      });
    });

    it('an identical row adds nothing; a new value replaces the old one, which stays in the history', async () => {
      expectOk(await load('HN-BDI,total,2018,caseRate,70,,,true'));
      const again = expectOk(await load('HN-BDI,,2018,caseRate,70.00,,,true'));
      expect(counts(again)).toEqual([{ created: 0, updated: 0, unchanged: 1 }, false]);
      const key = {
        unit: 'HN-BDI',
        scope: 'total' as const,
        year: 2018,
        metric: 'caseRate' as const,
        month: null,
        officer: null,
      };
      expect(await targetHistory(t.db, key)).toEqual([]);

      // The official target arrives: same value, no longer provisional; then a new value.
      const official = expectOk(
        await importTargets(t.db, csv('t.csv', HEADER, 'HN-BDI,own,2018,caseRate,70,,,false'), {
          now: LATER,
          actor: MANAGER,
        }),
      );
      expect(counts(official)).toEqual([{ created: 0, updated: 1, unchanged: 0 }, true]);
      expectOk(await load('HN-BDI,total,2018,caseRate,73,,,'));
      expect(await unitTargets(2018)).toEqual(['HN-BDI total caseRate 7300']);
      const history = await targetHistory(t.db, key);
      expect(
        history.map((h) => [h.value, h.provisional, h.recordedBy, h.replacedBy, h.replacedAt]),
      ).toEqual([
        [7000n, true, 'cli', 'quanly', '2025-11-28T08:00:00.000Z'],
        [7000n, false, 'quanly', 'cli', '2025-11-27T08:00:00.000Z'],
      ]);
    });

    it('writes one audit record per changed target after the import summary', async () => {
      expectOk(await load('HN-BDI,total,2018,caseRate,70,,,'));
      expectOk(await load('HN-BDI,total,2018,caseRate,72.5,,,', 'HN,total,2018,moneyRate,35,,,'));
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['entity', 'entity_id', 'action', 'before', 'after', 'unit'])
        .orderBy('seq')
        .execute();
      expect(audit.filter((a) => a.entity === 'target')).toEqual([
        {
          entity: 'target',
          entity_id: '2018/HN-BDI/total/caseRate',
          action: 'create',
          before: null,
          after: '{"origin":"import","provisional":false,"value":"70.00"}',
          unit: 'HN-BDI',
        },
        {
          entity: 'target',
          entity_id: '2018/HN-BDI/total/caseRate',
          action: 'update',
          before: '{"origin":"import","provisional":false,"value":"70.00"}',
          after: '{"origin":"import","provisional":false,"value":"72.50"}',
          unit: 'HN-BDI',
        },
        {
          entity: 'target',
          entity_id: '2018/HN/total/moneyRate',
          action: 'create',
          before: null,
          after: '{"origin":"import","provisional":false,"value":"35.00"}',
          unit: 'HN',
        },
      ]);
      // The worked example's imports come first, then one summary per targets import.
      expect(audit.filter((a) => a.entity === 'import').map((a) => a.entity_id)).toEqual([
        'units',
        'officers',
        'cases',
        'targets',
        'targets',
      ]);
    });

    it('names file, physical line and column of every error in a dry run; otherwise stops at the first and writes nothing', async () => {
      const file = csv(
        'chi-tieu.csv',
        'metric,unit,year,value,month,officer,scope,provisional',
        'caseRate,HN-BDI,2018,70,,,,', // line 2: fine
        'caseRate,HN-XYZ,2018,70,,,,', // 3: unknown unit
        'caseRate,HN-BDI,18,70,,,,', // 4: year
        'speed,HN-BDI,2018,70,,,,', // 5: metric
        'moneyRate,HN-BDI,2018,"70,5",,,,', // 6: decimal comma
        'moneyRate,HN-BDI,2018,100.01,,,,', // 7: above 100
        'caseRate,HN-BDI,2018,70,3,,,', // 8: month with a unit metric
        'casesCompleted,HN-BDI,2018,4,,BDI-1,,', // 9: month missing
        'casesCompleted,HN-BDI,2018,4,13,BDI-1,,', // 10: month 13
        'moneyCompleted,HN-BDI,2018,1.000,2,BDI-1,,', // 11: money with a dot
        'moneyCompleted,HN-BDI,2018,1000,2,,,', // 12: officer missing
        'moneyCompleted,HN,2018,1000,2,BDI-1,,', // 13: officer of another unit
        'caseRate,HN-BDI,2018,70,,,,yes', // 14: provisional
        'caseRate,HN-BDI,2018,71,,,own,', // 15: the key of line 2 again (own = total here)
        'caseRate,HN-BDI,2018,70,,,all,', // 16: scope
        '"caseRate","HN-BDI","2018","-5"', // 17: field count
      );
      const dry = await importTargets(t.db, file, { dryRun: true, now: NOW });
      expect(dry.issues.map(formatIssue)).toEqual([
        'chi-tieu.csv:3:unit: không có đơn vị mã HN-XYZ trong cơ sở dữ liệu',
        'chi-tieu.csv:4:year: năm công tác "18" không hợp lệ, cần bốn chữ số (ví dụ 2018)',
        'chi-tieu.csv:5:metric: chỉ tiêu "speed" không hợp lệ; cần một trong caseRate, moneyRate, caseCarryOverReduction, moneyCarryOverReduction, casesCompleted, moneyCompleted',
        'chi-tieu.csv:6:value: cần tỷ lệ phần trăm có tối đa hai chữ số thập phân, dấu chấm thập phân (ví dụ 70 hoặc 72.50), nhận được "70,5"',
        'chi-tieu.csv:7:value: chỉ tiêu tỷ lệ phải từ 0 đến 100, nhận được "100.01"',
        'chi-tieu.csv:8:month: cột month chỉ dùng với chỉ tiêu hằng tháng của chấp hành viên (casesCompleted, moneyCompleted); để trống với caseRate',
        'chi-tieu.csv:9:month: chỉ tiêu casesCompleted cần tháng của năm công tác (1 = tháng 10 … 12 = tháng 9)',
        'chi-tieu.csv:10:month: tháng "13" không hợp lệ, cần từ 1 (tháng 10) đến 12 (tháng 9)',
        'chi-tieu.csv:11:value: cần số nguyên đồng chỉ gồm chữ số (không dấu chấm, phẩy, dấu trừ hay khoảng trắng), nhận được "1.000"',
        'chi-tieu.csv:12:officer: chỉ tiêu moneyCompleted cần mã chấp hành viên',
        'chi-tieu.csv:13:officer: chấp hành viên BDI-1 không thuộc đơn vị HN',
        'chi-tieu.csv:14:provisional: cần true, false hoặc để trống (false), nhận được "yes"',
        'chi-tieu.csv:15: dòng lặp lại chỉ tiêu caseRate của HN-BDI năm 2018 (phạm vi total; đã có ở dòng 2)',
        'chi-tieu.csv:16:scope: phạm vi "all" không hợp lệ, cần total (mặc định) hoặc own',
        'chi-tieu.csv:17: có 4 ô, cần đúng 8 ô như dòng tiêu đề',
      ]);
      expect(dry.written).toBe(false);
      const real = await importTargets(t.db, file, { now: NOW });
      expect(real.issues.map(formatIssue)).toEqual([
        'chi-tieu.csv:3:unit: không có đơn vị mã HN-XYZ trong cơ sở dữ liệu',
      ]);
      expect(await listTargets(t.db, { year: 2018 })).toEqual([]);
    });

    it("an officer's target has the officer report's scope: `total` is an error for the Cục", async () => {
      await t.db
        .insertInto('officers')
        .values({ code: 'HN-1', name: 'Phạm Văn Cục', unit: 'HN', active: 1 })
        .execute();
      const bad = await load('HN,total,2018,casesCompleted,2,1,HN-1,');
      expect(bad.issues.map(formatIssue)).toEqual([
        'targets.csv:2:scope: chỉ tiêu của chấp hành viên có phạm vi own (các việc của chấp hành viên); đơn vị HN có đơn vị trực thuộc nên không dùng total',
      ]);
      expectOk(
        await load('HN,,2018,casesCompleted,2,1,HN-1,', 'HN,own,2018,casesCompleted,3,2,HN-1,'),
      );
      const rows = await listTargets(t.db, { year: 2018, holder: 'officers' });
      expect(rows.map((r) => [r.scope, r.month, r.value])).toEqual([
        ['own', 1, 2n],
        ['own', 2, 3n],
      ]);
    });
  });

  describe('provisional targets copied from the previous year', () => {
    it('from its targets: official targets of the new year are kept, provisional ones replaced', async () => {
      expectOk(
        await load(
          'HN,total,2017,caseRate,70,,,',
          'HN,own,2017,caseRate,60,,,',
          'HN-BDI,total,2017,caseRate,72,,,',
          'HN-BDI,total,2017,moneyRate,35,,,',
          'HN-BDI,total,2017,casesCompleted,3,1,BDI-1,',
          'HN-BDI,total,2018,moneyRate,40,,,', // official already
          'HN,total,2018,caseRate,50,,,true', // provisional already
        ),
      );
      const copy = await t.db
        .transaction()
        .execute((trx) =>
          copyProvisionalTargets(trx, { year: 2018, from: 'targets', actor: MANAGER, at: LATER }),
        );
      expect([copy.counts, copy.skippedOfficial]).toEqual([
        { created: 2, updated: 1, unchanged: 0, removed: 0 },
        1,
      ]);
      expect(await unitTargets(2018)).toEqual([
        'HN own caseRate 6000 (tạm tính)',
        'HN total caseRate 7000 (tạm tính)',
        'HN-BDI total caseRate 7200 (tạm tính)',
        'HN-BDI total moneyRate 4000',
      ]);
      expect(await listTargets(t.db, { year: 2018, holder: 'officers' })).toEqual([]);
      const [replaced] = await targetHistory(t.db, {
        unit: 'HN',
        scope: 'total',
        year: 2018,
        metric: 'caseRate',
        month: null,
        officer: null,
      });
      expect([replaced!.value, replaced!.provisional, replaced!.replacedBy]).toEqual([
        5000n,
        true,
        'quanly',
      ]);
      // The official ones replace the copies, keeping them in the history.
      expectOk(await load('HN-BDI,total,2018,caseRate,75,,,'));
      expect(await unitTargets(2018)).toContain('HN-BDI total caseRate 7500');
    });

    it('from its results at month 12 (§12: HN-BDI 42.86 / 60.71, reductions 0.00 / 59.26)', async () => {
      const copy = await t.db
        .transaction()
        .execute((trx) =>
          copyProvisionalTargets(trx, { year: 2018, from: 'results', actor: MANAGER, at: LATER }),
        );
      expect(copy.counts.created).toBe(12);
      // HN own: R 0.00 and 20.00, carryOverChange 0.00 and −20.00; HN total: R 37.50 and 34.62,
      // 0.00 and −33.77.
      expect(await unitTargets(2018)).toEqual([
        'HN own caseCarryOverReduction 0 (tạm tính)',
        'HN own caseRate 0 (tạm tính)',
        'HN own moneyCarryOverReduction 2000 (tạm tính)',
        'HN own moneyRate 2000 (tạm tính)',
        'HN total caseCarryOverReduction 0 (tạm tính)',
        'HN total caseRate 3750 (tạm tính)',
        'HN total moneyCarryOverReduction 3377 (tạm tính)',
        'HN total moneyRate 3462 (tạm tính)',
        'HN-BDI total caseCarryOverReduction 0 (tạm tính)',
        'HN-BDI total caseRate 4286 (tạm tính)',
        'HN-BDI total moneyCarryOverReduction 5926 (tạm tính)',
        'HN-BDI total moneyRate 6071 (tạm tính)',
      ]);
      const rows = await listTargets(t.db, { year: 2018 });
      expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['copy_results']));
    });
  });

  describe('progress', () => {
    it('HN-BDI 2017 month 12: 42.86 against 70 is 27.14 short; money reduction 59.26 meets 0', async () => {
      expectOk(
        await load(
          'HN-BDI,total,2017,caseRate,70,,,',
          'HN-BDI,total,2017,moneyRate,60,,,',
          'HN-BDI,total,2017,caseCarryOverReduction,0,,,',
          'HN-BDI,total,2017,moneyCarryOverReduction,0,,,true',
        ),
      );
      for (const scope of ['own', 'total'] as const) {
        const json = progressToJson(
          await resolveProgress(t.db, { unit: 'HN-BDI', scope, year: 2017, month: 12 }),
        );
        expect(json).toEqual({
          unit: 'HN-BDI',
          scope,
          officer: null,
          year: 2017,
          month: 12,
          metrics: {
            caseRate: {
              value: '42.86',
              target: '70.00',
              provisional: false,
              met: false,
              gapPoints: '-27.14',
              pace: '70.00',
              vsPacePoints: '-27.14',
              forecast: '42.86',
              onTrack: false,
            },
            moneyRate: {
              value: '60.71',
              target: '60.00',
              provisional: false,
              met: true,
              gapPoints: '0.71',
              pace: '60.00',
              vsPacePoints: '0.71',
              forecast: '60.71',
              onTrack: true,
            },
            caseCarryOverReduction: {
              value: '0.00',
              target: '0.00',
              provisional: false,
              met: true,
              gapPoints: '0.00',
              pace: null,
              vsPacePoints: null,
              forecast: '0.00',
              onTrack: true,
            },
            // −carryOverChange = −(−59.26): KCS 1100 against the registry's 2016 base of 2700.
            moneyCarryOverReduction: {
              value: '59.26',
              target: '0.00',
              provisional: true,
              met: true,
              gapPoints: '59.26',
              pace: null,
              vsPacePoints: null,
              forecast: '59.26',
              onTrack: true,
            },
          },
          allFour: false,
        });
      }
    });

    it('HN total and own have their own targets; without targets nothing is met', async () => {
      expectOk(
        await load(
          'HN,total,2017,caseRate,35,,,',
          'HN,total,2017,moneyRate,35,,,',
          'HN,total,2017,caseCarryOverReduction,0,,,',
          'HN,total,2017,moneyCarryOverReduction,30,,,',
        ),
      );
      const total = progressToJson(
        await resolveProgress(t.db, { unit: 'HN', year: 2017, month: 12 }),
      );
      // 37.50 − 35 = 2.50; 34.62 − 35 = −0.38; 0.00 ≥ 0; 33.77 − 30 = 3.77.
      expect(
        Object.values(total.metrics).map((m) => [m.value, m.target, m.met, m.gapPoints]),
      ).toEqual([
        ['37.50', '35.00', true, '2.50'],
        ['34.62', '35.00', false, '-0.38'],
        ['0.00', '0.00', true, '0.00'],
        ['33.77', '30.00', true, '3.77'],
      ]);
      expect(total.allFour).toBe(false);
      const own = progressToJson(
        await resolveProgress(t.db, { unit: 'HN', scope: 'own', year: 2017, month: 12 }),
      );
      expect(Object.values(own.metrics).map((m) => [m.value, m.target, m.met])).toEqual([
        ['0.00', null, null],
        ['20.00', null, null],
        ['0.00', null, null],
        ['20.00', null, null],
      ]);
      expect(own.allFour).toBe(false);
    });

    it("an officer: the unit's rate targets unless the officer has its own, and the month's own completions", async () => {
      expectOk(
        await load(
          'HN-BDI,total,2017,caseRate,70,,,',
          'HN-BDI,total,2017,moneyRate,35,,,',
          'HN-BDI,total,2017,moneyRate,30,,BDI-1,',
          'HN-BDI,total,2017,casesCompleted,1,4,BDI-1,',
          'HN-BDI,total,2017,moneyCompleted,150,4,BDI-1,true',
          'HN-BDI,total,2017,moneyCompleted,999,5,BDI-1,',
        ),
      );
      // BDI-1 at month 4 (see the domain test): R 0.00 and 28.57; money completed in January 200.
      const json = progressToJson(
        await resolveProgress(t.db, { unit: 'HN-BDI', year: 2017, month: 4, officer: 'BDI-1' }),
      );
      expect(json.scope).toBe('own');
      expect(json.officer).toBe('BDI-1');
      expect(json.metrics.caseRate).toMatchObject({
        target: '70.00',
        pace: '23.33',
        forecast: '0.00',
      });
      // 30 × 4 ÷ 12 = 10.00; 28.57 − 10.00 = 18.57; forecast 28.57 × 12 ÷ 4 = 85.71.
      expect(json.metrics.moneyRate).toEqual({
        value: '28.57',
        target: '30.00',
        provisional: false,
        met: false,
        gapPoints: '-1.43',
        pace: '10.00',
        vsPacePoints: '18.57',
        forecast: '85.71',
        onTrack: true,
      });
      expect(json.metrics.casesCompleted).toMatchObject({
        value: '0',
        target: '1',
        met: false,
        gapPoints: '-1',
      });
      expect(json.metrics.moneyCompleted).toMatchObject({
        value: '200',
        target: '150',
        provisional: true,
        met: true,
        gapPoints: '50',
      });
      await expectDomainError(
        resolveProgress(t.db, { unit: 'HN', year: 2017, month: 4, officer: 'BDI-1' }),
        'INVALID_INPUT',
      );
      await expectDomainError(
        resolveProgress(t.db, { unit: 'HN-XYZ', year: 2017, month: 4 }),
        'NOT_FOUND',
      );
    });
  });

  describe('forecast back-test', () => {
    it('HN-BDI 2017: the month-6 forecasts against month 12 (figures of the domain test)', async () => {
      // Registry from 2015-01-01 (c4) to 2017-10-05 (c7): 2018 has not reached its month 12.
      expect(await completedYears(t.db)).toEqual([2015, 2016, 2017]);
      const rows = await forecastBacktest(t.db, { years: [2017], units: ['HN-BDI'] });
      const f = formatCentiOrNull;
      // 8.57 − 42.86 = −34.29; 24.14 − 60.71 = −36.57; −250.00 − 0.00; −102.59 − 59.26 = −161.85.
      expect(rows.map((r) => [r.metric, f(r.forecast), f(r.actual), f(r.error)])).toEqual([
        ['caseRate', '8.57', '42.86', '-34.29'],
        ['moneyRate', '24.14', '60.71', '-36.57'],
        ['caseCarryOverReduction', '-250.00', '0.00', '-250.00'],
        ['moneyCarryOverReduction', '-102.59', '59.26', '-161.85'],
      ]);
      const summary = summarizeBacktest(rows);
      expect(summary.map((s) => [s.metric, s.count, f(s.meanAbsoluteError)])).toEqual([
        ['caseRate', 1, '34.29'],
        ['moneyRate', 1, '36.57'],
        ['caseCarryOverReduction', 1, '250.00'],
        ['moneyCarryOverReduction', 1, '161.85'],
      ]);
      const all = await forecastBacktest(t.db, { years: [2017] });
      expect(new Set(all.map((r) => `${r.unit} ${r.scope}`))).toEqual(
        new Set(['HN total', 'HN own', 'HN-BDI total']),
      );
    });
  });

  describe("officers' monthly target proposal", () => {
    it('from month 1: K = the officer’s KCS at the end of 2016; from month 7: K and X at month 6', async () => {
      expectOk(await load('HN-BDI,total,2017,caseRate,70,,,', 'HN-BDI,total,2017,moneyRate,35,,,'));
      const [bdi1, bdi2] = await proposeOfficerMonthlyTargets(t.db, {
        unit: 'HN-BDI',
        year: 2017,
        fromMonth: 1,
      });
      // BDI-1: KCS 1 case and 700 đồng (§12). G = ⌈1 × 0.70⌉ = 1 and ⌈700 × 0.35⌉ = 245;
      // 245 ÷ 12 = 20.41…: cumulative ⌈20.41… × i⌉ = 21 41 62 82 103 123 143 164 184 205 225 245.
      expect(bdi1!.basis.able).toEqual({ cases: 1n, money: 700n });
      expect(bdi1!.goal).toEqual({ cases: 1n, money: 245n });
      expect(bdi1!.months.map((m) => m.casesCompleted)).toEqual([1n, ...Array(11).fill(0n)]);
      expect(bdi1!.months.map((m) => m.moneyCompleted)).toEqual(
        [21, 20, 21, 20, 21, 20, 20, 21, 20, 21, 20, 20].map(BigInt),
      );
      // BDI-2: KCS 1 and 400: G 1 and 140; 140 ÷ 12 = 11.66…: 12 24 35 47 59 70 82 94 105 117 129 140.
      expect(bdi2!.goal).toEqual({ cases: 1n, money: 140n });
      expect(bdi2!.months.map((m) => m.moneyCompleted)).toEqual(
        [12, 12, 11, 12, 12, 11, 12, 12, 11, 12, 12, 11].map(BigInt),
      );

      // From month 7 (April 2017): BDI-1 at month 6 has c1 only (c12 went to BDI-2 on 2017-03-01):
      // K 1 and 700, X 0 and 200. Left: 1 case over 6 months; 245 − 200 = 45 đồng, 7.5 a month:
      // cumulative 8 15 23 30 38 45.
      const [later] = await proposeOfficerMonthlyTargets(t.db, {
        unit: 'HN-BDI',
        year: 2017,
        fromMonth: 7,
      });
      expect(later!.basis).toEqual({
        able: { cases: 1n, money: 700n },
        completedBefore: { cases: 0n, money: 200n },
      });
      expect(later!.months.map((m) => [m.month, m.casesCompleted, m.moneyCompleted])).toEqual([
        [7, 1n, 8n],
        [8, 0n, 7n],
        [9, 0n, 8n],
        [10, 0n, 7n],
        [11, 0n, 8n],
        [12, 0n, 7n],
      ]);
    });

    it('without rate targets nothing is proposed; an unknown unit is NOT_FOUND', async () => {
      const [row] = await proposeOfficerMonthlyTargets(t.db, {
        unit: 'HN-BDI',
        year: 2018,
        fromMonth: 1,
      });
      expect(row!.months.every((m) => m.casesCompleted === null && m.moneyCompleted === null)).toBe(
        true,
      );
      await expectDomainError(
        proposeOfficerMonthlyTargets(t.db, { unit: 'HN-XYZ', year: 2018, fromMonth: 1 }),
        'NOT_FOUND',
      );
    });
  });

  describe('targets written by the console', () => {
    it('are checked like targets.csv, made canonical, written with their audit records; null removes', async () => {
      const writes = await prepareTargetWrites(t.db, [
        { unit: 'HN-BDI', scope: 'own', year: 2018, metric: 'caseRate', value: '72.5' },
        {
          unit: 'HN-BDI',
          year: 2018,
          metric: 'moneyCompleted',
          month: 3,
          officer: 'BDI-2',
          value: '1500',
        },
      ]);
      expect(writes.map((w) => [w.scope, w.value, w.month, w.officer])).toEqual([
        ['total', 7250n, null, null],
        ['total', 1500n, 3, 'BDI-2'],
      ]);
      const save = (w: typeof writes) =>
        t.db.transaction().execute(async (trx) => {
          const result = await writeTargets(trx, w, {
            origin: 'console',
            actor: MANAGER,
            at: LATER,
          });
          await auditTargetChanges(trx, { actor: MANAGER, at: LATER }, result.changes);
          return result.counts;
        });
      expect(await save(writes)).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0 });
      const removal = await prepareTargetWrites(t.db, [
        { unit: 'HN-BDI', year: 2018, metric: 'caseRate', value: null },
      ]);
      expect(await save(removal)).toEqual({ created: 0, updated: 0, unchanged: 0, removed: 1 });
      expect(await unitTargets(2018)).toEqual([]);
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'entity_id'])
        .where('entity', '=', 'target')
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        { actor: 'quanly', action: 'create', entity_id: '2018/HN-BDI/total/caseRate' },
        {
          actor: 'quanly',
          action: 'create',
          entity_id: '2018/HN-BDI/total/moneyCompleted/BDI-2/3',
        },
        { actor: 'quanly', action: 'delete', entity_id: '2018/HN-BDI/total/caseRate' },
      ]);
      expect(
        (
          await targetHistory(t.db, {
            unit: 'HN-BDI',
            scope: 'total',
            year: 2018,
            metric: 'caseRate',
            month: null,
            officer: null,
          })
        ).map((h) => h.value),
      ).toEqual([7250n]);
    });

    it('refuses what targets.csv refuses, naming the target', async () => {
      const bad = (input: Parameters<typeof prepareTargetWrites>[1][number]) =>
        prepareTargetWrites(t.db, [input]);
      await expectDomainError(
        bad({ unit: 'HN-BDI', year: 2018, metric: 'caseRate', value: '101' }),
        'INVALID_INPUT',
        /^Chỉ tiêu caseRate của HN-BDI: chỉ tiêu tỷ lệ phải từ 0 đến 100/,
      );
      await expectDomainError(
        bad({
          unit: 'HN',
          year: 2018,
          metric: 'casesCompleted',
          month: 1,
          officer: 'BDI-1',
          value: '2',
        }),
        'INVALID_INPUT',
        /không thuộc đơn vị HN/,
      );
      await expectDomainError(
        bad({ unit: 'HN-BDI', year: 2018, metric: 'casesCompleted', officer: 'BDI-1', value: '2' }),
        'INVALID_INPUT',
        /cần tháng/,
      );
      await expectDomainError(
        bad({ unit: 'X', year: 2018, metric: 'caseRate', value: '1' }),
        'NOT_FOUND',
      );
    });
  });
});
