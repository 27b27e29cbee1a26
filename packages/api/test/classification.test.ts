/**
 * Classification through the API (issue 7): the review procedures by role (an officer reviews and
 * sees only the cases it holds; leadership never writes), the progress per officer and per unit
 * counted by hand on the worked example of statistics.md §12, the breakdown of a report, and the
 * classification in the case's facts.
 *
 * Working year 2017 seen from 25/11/2025 (as of 30/09/2017): the cases in the year's books are
 * c1, c2, c3, c5, c6, c8, c9, c10, c11, c12 of HN-BDI and h1 of HN. Held now: BDI-1 c1; BDI-2 c8
 * and c12; the other seven of HN-BDI by nobody.
 */
import { sqliteMemory, type TestDatabase } from '@thads/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, importWorkedExample, sessionFor } from './helpers.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await sqliteMemory.open();
  await importWorkedExample(t.db);
});
afterAll(async () => t.close());

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; message?: string } | null;
  expect(error).not.toBeNull();
  return { code: error!.code ?? '', message: error!.message ?? '' };
}

describe('the yearly review through the API', () => {
  it('shows an officer only its own cases and progress', async () => {
    const officer = callerFor(t.db, 'officer'); // BDI-1
    const list = await officer.classification.reviewList({ year: 2017, unit: 'HN-BDI' });
    expect(list.rows.map((r) => r.id)).toEqual(['c1']);
    expect(list.progress).toEqual({ reviewed: 0, total: 1 });
    const progress = await officer.classification.reviewProgress({ year: 2017, unit: 'HN-BDI' });
    expect(progress.rows.map((r) => [r.key, r.reviewed, r.total])).toEqual([['BDI-1', 0, 1]]);
    expect(
      (
        await rejection(
          officer.classification.reviewList({ year: 2017, unit: 'HN-BDI', officer: 'BDI-2' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (await rejection(officer.classification.reviewList({ year: 2017, unit: 'HN' }))).code,
    ).toBe('FORBIDDEN');
  });

  it('lets an officer review its own case and refuses the others', async () => {
    const officer = callerFor(t.db, 'officer');
    const refused = await rejection(
      officer.classification.review({
        year: 2017,
        reviews: [{ caseId: 'c8', mode: null, judgmentType: null, flags: [] }],
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/Việc c8 không do chấp hành viên BDI-1 thụ lý/);
    const done = await officer.classification.review({
      year: 2017,
      reviews: [{ caseId: 'c1', mode: 'chu_dong', judgmentType: 'dan_su', flags: ['gia_tri_lon'] }],
    });
    expect(done).toEqual({ confirmed: 0, corrected: 1 });
    const again = await officer.classification.review({
      year: 2017,
      reviews: [{ caseId: 'c1', mode: 'chu_dong', judgmentType: 'dan_su', flags: ['gia_tri_lon'] }],
    });
    expect(again).toEqual({ confirmed: 1, corrected: 0 });
    const leadership = await rejection(
      callerFor(t.db, 'leadership').classification.review({
        year: 2017,
        reviews: [{ caseId: 'c1', mode: null, judgmentType: null, flags: [] }],
      }),
    );
    expect(leadership.code).toBe('FORBIDDEN');
  });

  it('gives the unit head each officer and the Cục each unit', async () => {
    const head = callerFor(t.db, 'unit_head');
    await head.classification.review({
      year: 2017,
      reviews: [
        { caseId: 'c8', mode: null, judgmentType: 'hinh_su', flags: [] },
        { caseId: 'c9', mode: null, judgmentType: null, flags: [] },
      ],
    });
    const byOfficer = await head.classification.reviewProgress({ year: 2017, unit: 'HN-BDI' });
    expect(byOfficer.by).toBe('officer');
    // BDI-1: c1 reviewed of 1; BDI-2: c8 of c8, c12; unassigned: c9 of seven
    expect(byOfficer.rows.map((r) => [r.key, r.name, r.reviewed, r.total])).toEqual([
      ['BDI-1', 'Nguyễn Văn An', 1, 1],
      ['BDI-2', 'Trần Thị Bình', 1, 2],
      [null, 'Chưa phân công', 1, 7],
    ]);
    expect(byOfficer.whole).toEqual({ reviewed: 3, total: 10 });
    expect(
      (await rejection(head.classification.reviewProgress({ year: 2017, unit: 'HN' }))).code,
    ).toBe('FORBIDDEN');
    const cuc = await callerFor(t.db, 'cuc_manager').classification.reviewProgress({
      year: 2017,
      unit: 'HN',
    });
    expect(cuc.by).toBe('unit');
    expect(cuc.rows.map((r) => [r.key, r.reviewed, r.total])).toEqual([
      ['HN-BDI', 3, 10],
      ['HN', 0, 1],
    ]);
    expect(cuc.whole).toEqual({ reviewed: 3, total: 11 });
    const pending = await callerFor(t.db, 'clerk').classification.reviewList({
      year: 2017,
      unit: 'HN-BDI',
      status: 'pending',
      unassigned: true,
    });
    // unassigned and not reviewed: c2, c3, c5, c6, c10, c11
    expect(pending.rows.map((r) => r.id)).toEqual(['c10', 'c11', 'c2', 'c3', 'c5', 'c6']);
  });

  it('shows and corrects the classification in the case facts', async () => {
    const manager = callerFor(t.db, 'cuc_manager');
    expect(await manager.cases.get({ id: 'c1' })).toMatchObject({
      mode: 'chu_dong',
      judgmentType: 'dan_su',
      flags: ['gia_tri_lon'],
    });
    const c5 = await manager.cases.get({ id: 'c5' });
    await manager.cases.update({
      id: 'c5',
      receivedOn: c5.receivedOn,
      amount: c5.amount,
      mode: 'theo_yeu_cau',
      judgmentType: 'lao_dong',
      flags: ['ton_dong_lau_nam', 'ngan_sach'],
      reason: 'Phân loại lại theo hồ sơ',
    });
    expect(await manager.cases.get({ id: 'c5' })).toMatchObject({
      mode: 'theo_yeu_cau',
      judgmentType: 'lao_dong',
      flags: ['ngan_sach', 'ton_dong_lau_nam'],
    });
    // an update without the classification fields keeps them
    await manager.cases.update({
      id: 'c5',
      receivedOn: c5.receivedOn,
      amount: c5.amount,
      mode: 'theo_yeu_cau',
      reason: 'Sửa lại thông tin',
    });
    expect((await manager.cases.get({ id: 'c5' })).judgmentType).toBe('lao_dong');
  });

  it('breaks a report down; an officer only its own', async () => {
    const manager = callerFor(t.db, 'cuc_manager');
    const b = await manager.reports.breakdown({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'total',
      by: 'judgmentType',
    });
    expect(b.partition).toBe(true);
    const t2 = Object.fromEntries(b.buckets.map((x) => [x.key, x.report.cases.totalReceived]));
    // dân sự c1; hình sự c8; lao động c5; the seven others not classified
    expect(t2).toMatchObject({ dan_su: 1, hinh_su: 1, lao_dong: 1, none: 7, pha_san: 0 });
    expect(b.total.cases.totalReceived).toBe(10);
    const filtered = await manager.reports.get({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'total',
      flag: 'ngan_sach',
    });
    expect([filtered.flag, filtered.cases.totalReceived]).toEqual(['ngan_sach', 1]);
    const officer = callerFor(t.db, sessionFor('officer'));
    expect(
      (
        await rejection(
          officer.reports.breakdown({
            unit: 'HN-BDI',
            year: 2017,
            month: 12,
            scope: 'total',
            by: 'mode',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const own = await officer.reports.breakdown({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'own',
      officer: 'BDI-1',
      by: 'mode',
    });
    expect(own.buckets.map((x) => x.report.cases.totalReceived)).toEqual([1, 0, 0]);
  });

  it('prints a filtered report as one row that names its filters', async () => {
    const file = await callerFor(t.db).reports.forms({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'total',
      judgmentType: 'dan_su',
      format: 'xlsx',
    });
    expect(file.fileName).toBe('bieu-01-02_HN-BDI-total_dan_su_2017-12.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const labels: unknown[] = [];
    book.worksheets[0]!.eachRow((row) => labels.push((row.values as unknown[])[1]));
    // dân sự: c1 only (c1 was reviewed as dân sự above), in a single row
    expect(labels).toContain('Chi cục THADS quận Ba Đình (Loại bản án: Dân sự)');
    expect(labels).not.toContain('Tổng cộng');
  });
});
