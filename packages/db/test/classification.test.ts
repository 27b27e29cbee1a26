/**
 * Case classification through the database (issue 7), on SQLite and PostgreSQL: the import columns
 * `judgment_type` and `flags` (CSV and XLSX) and their errors; report filters and breakdowns on the
 * worked example of statistics.md §12 classified by hand (every bucket's lines worked out by hand
 * from §12's outcomes, and the buckets adding up to §12's totals); the yearly review: who may
 * review what, the progress counted by hand, the audit trail.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MONEY_LINE_CODES, type Report } from '@thads/domain';
import {
  checkMovements,
  importCases,
  importWorkbook,
  listReviewCases,
  loadCases,
  recordCaseReviews,
  resolveBreakdown,
  resolveReport,
  casesBehind,
  reviewProgressByOfficer,
  reviewProgressByUnit,
  type ReviewContext,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import {
  FIXTURES,
  TODAY,
  csv,
  expectDomainError,
  expectLines,
  expectOk,
  fixture,
  importWorkedExample,
} from './helpers.js';

const dialects = await testDialects();

/**
 * The worked example's cases.csv with the classification columns (by hand):
 * chủ động c1, c5, h1; theo yêu cầu c2, c3, c8, c10; the rest not classified.
 * dân sự c1, c2; hình sự c8; kinh doanh thương mại c10.
 * flags: c1 giá trị lớn + ngân sách; c8 ngân sách; c11 giá trị lớn.
 */
const CLASSIFIED: Record<string, [string, string, string]> = {
  c1: ['chu_dong', 'dan_su', 'ngan_sach;gia_tri_lon'],
  c2: ['theo_yeu_cau', 'dan_su', ''],
  c3: ['theo_yeu_cau', '', ''],
  c5: ['chu_dong', '', ''],
  c8: ['theo_yeu_cau', 'hinh_su', 'ngan_sach'],
  c10: ['theo_yeu_cau', 'kinh_doanh_thuong_mai', ''],
  c11: ['', '', 'gia_tri_lon'],
  h1: ['chu_dong', '', ''],
};

function classifiedCasesCsv(): string {
  const [head, ...rows] = readFileSync(join(FIXTURES, 'worked-example', 'cases.csv'), 'utf8')
    .trim()
    .split('\n');
  return [
    `${head},mode,judgment_type,flags`,
    ...rows.map((row) => {
      const id = row.split(',')[0]!;
      const [mode, type, flags] = CLASSIFIED[id] ?? ['', '', ''];
      return `${row},${mode},${type},${flags}`;
    }),
  ].join('\n');
}

async function importClassified(db: Parameters<typeof importCases>[0]) {
  await importWorkedExample(db);
  return importClassifiedAgain(db);
}

function importClassifiedAgain(db: Parameters<typeof importCases>[0]) {
  return importCases(
    db,
    {
      cases: { name: 'cases.csv', text: classifiedCasesCsv() },
      events: fixture('worked-example', 'events.csv'),
    },
    { today: TODAY },
  );
}

/** Every line of both measures of the buckets, summed, equals the total's. */
function expectBucketsSum(buckets: readonly { report: Report }[], total: Report): void {
  for (const measure of ['cases', 'money'] as const) {
    for (const code of MONEY_LINE_CODES) {
      if (measure === 'cases' && code === 'reduced') continue;
      const sum = buckets.reduce((n, b) => n + (b.report[measure].lines[code] ?? 0n), 0n);
      expect(sum, `${measure}.${code}`).toBe(total[measure].lines[code]);
    }
  }
}

describe.each(dialects)('classification import on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });

  it('imports the columns, stores them, and a re-import changes nothing', async () => {
    const result = expectOk(await importClassified(t.db));
    // the eight classified cases change; the five others are as they were
    expect(result.counts).toEqual({ created: 0, updated: 8, unchanged: 5 });
    const cases = new Map(
      (await loadCases(t.db, { units: ['HN-BDI', 'HN'] })).map((c) => [c.id, c]),
    );
    expect(cases.get('c1')).toMatchObject({
      mode: 'chu_dong',
      judgmentType: 'dan_su',
      flags: ['gia_tri_lon', 'ngan_sach'],
    });
    expect(cases.get('c11')).toMatchObject({
      mode: null,
      judgmentType: null,
      flags: ['gia_tri_lon'],
    });
    expect(cases.get('c4')).toMatchObject({ mode: null, judgmentType: null, flags: [] });
    const again = expectOk(await importClassifiedAgain(t.db));
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 13 });
    expect(again.written).toBe(false);
  });

  it('keeps the stored classification when the file has no such column', async () => {
    await importClassified(t.db);
    // the original worked example has no judgment_type or flags column (and no mode column: mode
    // keeps its §3 meaning, an absent column is "not classified")
    const plain = expectOk(
      await importCases(
        t.db,
        {
          cases: fixture('worked-example', 'cases.csv'),
          events: fixture('worked-example', 'events.csv'),
        },
        { today: TODAY },
      ),
    );
    expect(plain.counts.updated).toBe(7); // the seven cases that had a mode lose it
    const c1 = (await loadCases(t.db, { units: ['HN-BDI'] })).find((c) => c.id === 'c1')!;
    expect(c1).toMatchObject({
      mode: null,
      judgmentType: 'dan_su',
      flags: ['gia_tri_lon', 'ngan_sach'],
    });
  });

  it('names the file, line and column of bad values; nothing written', async () => {
    await importWorkedExample(t.db);
    const result = await importCases(
      t.db,
      {
        cases: csv(
          'cases.csv',
          'case_id,unit,received_on,amount,judgment_type,flags',
          'n1,HN-BDI,2017-01-01,100,dan_su,gia_tri_lon',
          'n2,HN-BDI,2017-01-01,100,dân sự,',
          'n3,HN-BDI,2017-01-01,100,,gia_tri_lon;lon',
        ),
        events: csv('events.csv', 'case_id,date,kind'),
      },
      { today: TODAY, dryRun: true },
    );
    expect(result.issues.map((i) => `${i.file}:${i.line}:${i.column}`)).toEqual([
      'cases.csv:3:judgment_type',
      'cases.csv:4:flags',
    ]);
    expect(result.issues[0]!.message).toMatch(
      /loại bản án "dân sự" không hợp lệ; cần một trong dan_su, hinh_su/,
    );
    expect(result.issues[1]!.message).toMatch(/dấu hiệu "lon" không hợp lệ/);
    expect((await loadCases(t.db, { units: ['HN-BDI'] })).some((c) => c.id === 'n1')).toBe(false);
  });

  it('reads the same columns from an XLSX workbook, with the sheet, row and column of errors', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('cases');
    sheet.addRow(['case_id', 'unit', 'received_on', 'amount', 'judgment_type', 'flags']);
    sheet.addRow([
      'x1',
      'HN-BDI',
      '2017-01-01',
      '100',
      'pha_san',
      'tin_dung_ngan_hang; ton_dong_lau_nam',
    ]);
    sheet.addRow(['x2', 'HN-BDI', '2017-01-01', '100', 'pha san', '']);
    book.addWorksheet('events').addRow(['case_id', 'date', 'kind']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    await importWorkedExample(t.db);
    const bad = await importWorkbook(t.db, { name: 'b.xlsx', bytes }, { today: TODAY });
    expect(bad.issues.map((i) => `${i.sheet}:${i.line}:${i.column}`)).toEqual([
      'cases:3:judgment_type',
    ]);
    sheet.getRow(3).getCell(5).value = 'khac';
    const good = new Uint8Array(await book.xlsx.writeBuffer());
    expectOk(await importWorkbook(t.db, { name: 'g.xlsx', bytes: good }, { today: TODAY }));
    const x1 = (await loadCases(t.db, { units: ['HN-BDI'] })).find((c) => c.id === 'x1')!;
    expect(x1).toMatchObject({
      judgmentType: 'pha_san',
      flags: ['tin_dung_ngan_hang', 'ton_dong_lau_nam'],
    });
  });
});

describe.each(dialects)('filters and breakdowns of the worked example on $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    expectOk(await importClassified(t.db));
  });
  const at = { year: 2017, month: 12 } as const;

  it('HN-BDI by mode: each bucket as computed by hand, and they add up to §12', async () => {
    const b = await resolveBreakdown(t.db, { unit: 'HN-BDI', ...at, by: 'mode' });
    expect(b.partition).toBe(true);
    expect(b.buckets.map((x) => [x.key, x.label])).toEqual([
      ['chu_dong', 'Chủ động'],
      ['theo_yeu_cau', 'Theo yêu cầu'],
      ['none', 'Chưa phân loại'],
    ]);
    const [chuDong, theoYeuCau, none] = b.buckets.map((x) => x.report);
    // c1 (C, D; 700, paid 200), c5 (M, X2; 600, reduced 100, terminated 500)
    expectLines(
      chuDong!.cases.lines,
      { C: 1, M: 1, T: 2, P: 2, K: 2, X: 1, X2: 1, D: 1, CKS: 1, KCS: 1 },
      'cases',
    );
    expectLines(
      chuDong!.money.lines,
      {
        C: 700,
        M: 600,
        T: 1300,
        P: 1300,
        K: 1300,
        X: 800,
        X1: 200,
        GM: 100,
        X2: 500,
        D: 500,
        CKS: 500,
        KCS: 500,
      },
      'money',
    );
    expect(chuDong!.mode).toBe('chu_dong');
    // 800 ÷ 1300 = 61.538… %
    expect(chuDong!.money.rate).toBe(6154n);
    // c2, c3, c8, c10
    expectLines(
      theoYeuCau!.cases.lines,
      { C: 2, M: 2, T: 4, P: 4, K: 3, N: 1, X: 2, X1: 2, H: 1, CKS: 2, KCS: 1 },
      'cases',
    );
    expectLines(
      theoYeuCau!.money.lines,
      {
        C: 1100,
        M: 1300,
        T: 2400,
        U: 700,
        P: 1700,
        K: 1300,
        N: 400,
        X: 900,
        X1: 900,
        H: 400,
        CKS: 800,
        KCS: 400,
      },
      'money',
    );
    // c6, c9, c11, c12
    expectLines(
      none!.cases.lines,
      { C: 1, M: 3, T: 4, U: 2, P: 2, K: 2, D: 1, S: 1, CKS: 2, KCS: 2 },
      'cases',
    );
    expectLines(
      none!.money.lines,
      { C: 900, M: 500, T: 1400, U: 1200, P: 200, K: 200, S: 200, CKS: 200, KCS: 200 },
      'money',
    );
    // the total is §12's HN-BDI
    expectLines(
      b.total.cases.lines,
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
    expectBucketsSum(b.buckets, b.total);
  });

  it('every partition adds up, for HN total, HN own, each officer and the unassigned', async () => {
    const requests = [
      { unit: 'HN', scope: 'total' as const },
      { unit: 'HN', scope: 'own' as const },
      { unit: 'HN-BDI', officer: 'BDI-1' },
      { unit: 'HN-BDI', officer: 'BDI-2' },
      { unit: 'HN-BDI', unassigned: true },
    ];
    for (const r of requests)
      for (const by of ['mode', 'judgmentType', 'flag:ngan_sach', 'flag:gia_tri_lon'] as const) {
        const b = await resolveBreakdown(t.db, { ...r, ...at, by });
        expectBucketsSum(b.buckets, b.total);
      }
    // HN total by mode: h1 (C, D; 5000, paid 1000) joins chủ động
    const hn = await resolveBreakdown(t.db, { unit: 'HN', ...at, by: 'mode' });
    expectLines(
      hn.buckets[0]!.report.cases.lines,
      { C: 2, M: 1, T: 3, P: 3, K: 3, X: 1, X2: 1, D: 2, CKS: 2, KCS: 2 },
      'cases',
    );
  });

  it('flags: each flag and "none" (a case with two flags in both), and has / has not', async () => {
    const b = await resolveBreakdown(t.db, { unit: 'HN-BDI', ...at, by: 'flags' });
    expect(b.partition).toBe(false);
    const totals = Object.fromEntries(
      b.buckets.map((x) => [x.key, x.report.cases.lines.totalReceived]),
    );
    // giá trị lớn: c1, c11; ngân sách: c1, c8; none: 10 − c1, c8, c11 = 7
    expect(totals).toEqual({
      gia_tri_lon: 2n,
      ngan_sach: 2n,
      tin_dung_ngan_hang: 0n,
      dan_su_trong_hinh_su: 0n,
      ton_dong_lau_nam: 0n,
      none: 7n,
    });
    const ns = await resolveBreakdown(t.db, { unit: 'HN-BDI', ...at, by: 'flag:ngan_sach' });
    expect(ns.buckets.map((x) => x.report.cases.lines.totalReceived)).toEqual([2n, 8n]);
  });

  it('filters combine; a filtered report names its filters; the cases behind agree', async () => {
    const r = await resolveReport(t.db, {
      unit: 'HN-BDI',
      ...at,
      judgmentType: 'dan_su',
      flag: 'gia_tri_lon',
    });
    expect([r.judgmentType, r.flag, r.mode, r.source]).toEqual([
      'dan_su',
      'gia_tri_lon',
      null,
      'registry',
    ]);
    // c1 only
    expectLines(
      r.money.lines,
      { C: 700, T: 700, P: 700, K: 700, X: 200, X1: 200, D: 500, CKS: 500, KCS: 500 },
      'money',
    );
    const none = await resolveReport(t.db, { unit: 'HN-BDI', ...at, judgmentType: 'none' });
    // not classified: c3, c5, c6, c9, c11, c12
    expect(none.cases.lines.totalReceived).toBe(6n);
    const behind = await casesBehind(t.db, {
      unit: 'HN-BDI',
      ...at,
      line: 'totalReceived',
      judgmentType: 'none',
    });
    expect(behind.map((c) => c.caseId)).toEqual(['c11', 'c12', 'c3', 'c5', 'c6', 'c9']);
    const noFlag = await casesBehind(t.db, {
      unit: 'HN-BDI',
      ...at,
      line: 'exited',
      flag: 'not:gia_tri_lon',
    });
    expect(noFlag.map((c) => c.caseId)).toEqual(['c6']);
  });

  it('refuses bad filters and breakdowns in Vietnamese', async () => {
    await expectDomainError(
      resolveReport(t.db, { unit: 'HN-BDI', ...at, judgmentType: 'dansu' as never }),
      'INVALID_INPUT',
      /Loại bản án "dansu" không hợp lệ/,
    );
    await expectDomainError(
      resolveReport(t.db, { unit: 'HN-BDI', ...at, flag: 'lon' as never }),
      'INVALID_INPUT',
      /Dấu hiệu "lon" không hợp lệ/,
    );
    await expectDomainError(
      resolveBreakdown(t.db, { unit: 'HN-BDI', ...at, by: 'colour' as never }),
      'INVALID_INPUT',
      /Tiêu chí phân tách "colour"/,
    );
    await expectDomainError(
      resolveBreakdown(t.db, { unit: 'HN-BDI', ...at, by: 'mode', mode: 'chu_dong' }),
      'INVALID_INPUT',
      /cùng một tiêu chí/,
    );
    await expectDomainError(
      resolveReport(t.db, { unit: 'HN-BDI', ...at, flag: 'ngan_sach', source: 'aggregate' }),
      'NOT_FOUND',
      /chỉ tính từ sổ thụ lý/,
    );
  });
});

describe.each(dialects)('the yearly review on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  // Working year 2017 (from 2016-10-01), seen from today 2025-11-25: as of 2017-09-30.
  // In the review of 2017 (in the year's books by 30/09/2017): c1, c2, c3, c5, c6, c8, c9, c10, c11,
  // c12 of HN-BDI (c4 closed in 02/2016, c7 received 10/2017) and h1 of HN.
  // Held now: BDI-1 c1; BDI-2 c8, c12 (reassigned 03/2017); nobody the other seven of HN-BDI.
  const officerCtx = (officer: string | null, units: string[] | null): ReviewContext => ({
    actor: { username: officer ? `u-${officer}` : 'head', role: officer ? 'officer' : 'unit_head' },
    at: new Date('2025-11-25T03:00:00Z'),
    today: TODAY,
    units: units ? new Set(units) : null,
    officer,
  });

  it('counts progress per officer and per unit, by hand', async () => {
    await importClassified(t.db);
    const before = await reviewProgressByOfficer(t.db, {
      year: 2017,
      today: TODAY,
      unit: 'HN-BDI',
    });
    expect(before.rows).toEqual([
      { key: 'BDI-1', name: expect.any(String), reviewed: 0, total: 1 },
      { key: 'BDI-2', name: expect.any(String), reviewed: 0, total: 2 },
      { key: null, name: 'Chưa phân công', reviewed: 0, total: 7 },
    ]);
    expect(before.whole).toEqual({ reviewed: 0, total: 10 });
    // BDI-2 confirms c8 and corrects c12; the head reviews c2
    const r1 = await recordCaseReviews(
      t.db,
      {
        year: 2017,
        reviews: [
          { caseId: 'c8', mode: 'theo_yeu_cau', judgmentType: 'hinh_su', flags: ['ngan_sach'] },
          { caseId: 'c12', mode: 'chu_dong', judgmentType: 'lao_dong', flags: [] },
        ],
      },
      officerCtx('BDI-2', ['HN-BDI']),
    );
    expect(r1).toEqual({ confirmed: 1, corrected: 1 });
    await recordCaseReviews(
      t.db,
      {
        year: 2017,
        reviews: [{ caseId: 'c2', mode: 'theo_yeu_cau', judgmentType: 'dan_su', flags: [] }],
      },
      officerCtx(null, ['HN-BDI']),
    );
    const after = await reviewProgressByOfficer(t.db, { year: 2017, today: TODAY, unit: 'HN-BDI' });
    expect(after.rows.map((r) => [r.key, r.reviewed, r.total])).toEqual([
      ['BDI-1', 0, 1],
      ['BDI-2', 2, 2],
      [null, 1, 7],
    ]);
    expect(after.whole).toEqual({ reviewed: 3, total: 10 });
    const units = await reviewProgressByUnit(t.db, {
      year: 2017,
      today: TODAY,
      units: ['HN-BDI', 'HN'],
    });
    expect(units.rows.map((r) => [r.key, r.reviewed, r.total])).toEqual([
      ['HN-BDI', 3, 10],
      ['HN', 0, 1],
    ]);
    // the correction is in the case, and so in the reports
    const c12 = (await loadCases(t.db, { units: ['HN-BDI'] })).find((c) => c.id === 'c12')!;
    expect(c12).toMatchObject({ mode: 'chu_dong', judgmentType: 'lao_dong' });
    // the list of BDI-2 with its progress; filters
    const list = await listReviewCases(t.db, {
      year: 2017,
      today: TODAY,
      units: ['HN-BDI'],
      officer: 'BDI-2',
    });
    expect(list.progress).toEqual({ reviewed: 2, total: 2 });
    expect(list.rows.map((r) => [r.id, r.review?.result, r.review?.reviewedBy])).toEqual([
      ['c12', 'corrected', 'u-BDI-2'],
      ['c8', 'confirmed', 'u-BDI-2'],
    ]);
    const pending = await listReviewCases(t.db, {
      year: 2017,
      today: TODAY,
      units: ['HN-BDI'],
      status: 'pending',
    });
    expect(pending.progress).toEqual({ reviewed: 3, total: 10 });
    expect(pending.count).toBe(7);
    const flagged = await listReviewCases(t.db, {
      year: 2017,
      today: TODAY,
      units: ['HN-BDI'],
      flag: 'gia_tri_lon',
    });
    expect(flagged.rows.map((r) => r.id)).toEqual(['c1', 'c11']);
    const searched = await listReviewCases(t.db, {
      year: 2017,
      today: TODAY,
      units: ['HN-BDI'],
      q: 'C1',
      pageSize: 2,
      page: 2,
    });
    // c1, c10, c11, c12 match "c1"; page 2 of 2 a page
    expect([searched.count, searched.rows.map((r) => r.id)]).toEqual([4, ['c11', 'c12']]);
    // working year 2018 (from 2017-10-01): c7 joins, the cases closed in 2017 leave
    const y2018 = await reviewProgressByOfficer(t.db, { year: 2018, today: TODAY, unit: 'HN-BDI' });
    // open at 01/10/2017: c1, c2, c8, c9, c12; received since: c7 (unassigned)
    expect(y2018.whole).toEqual({ reviewed: 0, total: 6 });
  });

  it('a review that corrects a mode moves the case in the monthly movements too', async () => {
    await importClassified(t.db);
    const request = { unit: 'HN-BDI', year: 2017, month: 12, mode: 'chu_dong' } as const;
    // The first report builds the movements (a reset database holds none).
    await resolveReport(t.db, request);
    const [c1] = await t.db.selectFrom('cases').select('mode').where('id', '=', 'c1').execute();
    const other = c1!.mode === 'chu_dong' ? 'theo_yeu_cau' : 'chu_dong';
    await recordCaseReviews(
      t.db,
      { year: 2017, reviews: [{ caseId: 'c1', mode: other, judgmentType: null, flags: [] }] },
      officerCtx(null, null),
    );
    expect((await checkMovements(t.db)).differences).toEqual([]);
    for (const mode of ['chu_dong', 'theo_yeu_cau', 'none'] as const) {
      const fast = await resolveReport(t.db, { ...request, mode });
      const replay = await resolveReport(t.db, { ...request, mode, engine: 'replay' });
      expect(fast).toEqual(replay);
    }
  });

  it('lets an officer review only the cases it holds, and audits every review', async () => {
    await importClassified(t.db);
    await expectDomainError(
      recordCaseReviews(
        t.db,
        {
          year: 2017,
          reviews: [
            { caseId: 'c1', mode: 'chu_dong', judgmentType: 'dan_su', flags: [] },
            { caseId: 'c8', mode: null, judgmentType: null, flags: [] },
          ],
        },
        officerCtx('BDI-1', ['HN-BDI']),
      ),
      'FORBIDDEN',
      /Việc c8 không do chấp hành viên BDI-1 thụ lý/,
    );
    // all or nothing: c1 was not reviewed either
    expect(
      (await reviewProgressByOfficer(t.db, { year: 2017, today: TODAY, unit: 'HN-BDI' })).whole
        .reviewed,
    ).toBe(0);
    await expectDomainError(
      recordCaseReviews(
        t.db,
        { year: 2017, reviews: [{ caseId: 'h1', mode: null, judgmentType: null, flags: [] }] },
        officerCtx(null, ['HN-BDI']),
      ),
      'FORBIDDEN',
      /đơn vị HN/,
    );
    await expectDomainError(
      recordCaseReviews(
        t.db,
        { year: 2017, reviews: [{ caseId: 'c4', mode: null, judgmentType: null, flags: [] }] },
        officerCtx(null, null),
      ),
      'INVALID_INPUT',
      /không thuộc diện rà soát năm 2017/,
    );
    await expectDomainError(
      recordCaseReviews(
        t.db,
        { year: 2027, reviews: [{ caseId: 'c1', mode: null, judgmentType: null, flags: [] }] },
        officerCtx(null, null),
      ),
      'INVALID_INPUT',
      /chưa bắt đầu/,
    );
    await expectDomainError(
      recordCaseReviews(
        t.db,
        {
          year: 2017,
          reviews: [{ caseId: 'c1', mode: null, judgmentType: 'dansu' as never, flags: [] }],
        },
        officerCtx(null, null),
      ),
      'INVALID_INPUT',
      /loại bản án "dansu"/,
    );
    await recordCaseReviews(
      t.db,
      {
        year: 2017,
        reviews: [
          { caseId: 'c1', mode: 'chu_dong', judgmentType: 'dan_su', flags: ['gia_tri_lon'] },
        ],
      },
      officerCtx('BDI-1', ['HN-BDI']),
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'action', 'actor', 'before', 'after'])
      .where('entity', '=', 'case_review')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: 'c1', action: 'correct', actor: 'u-BDI-1' });
    expect(JSON.parse(String(audit[0]!.before))).toMatchObject({
      year: 2017,
      classification: { flags: ['gia_tri_lon', 'ngan_sach'] },
      review: null,
    });
    expect(JSON.parse(String(audit[0]!.after))).toMatchObject({
      classification: { mode: 'chu_dong', judgmentType: 'dan_su', flags: ['gia_tri_lon'] },
      officer: 'BDI-1',
      result: 'corrected',
    });
  });
});
