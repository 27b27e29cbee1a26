// `/cong-khai` through the Hono app (no listening server): the page's §11 fields and nothing else,
// name search, unit filter, pagination, escaping, and the CSV and XLSX exports.
import { confirmPublication, importCases, setAutoPublication, type ImportResult } from '@thads/db';
import { sqliteMemory, type TestDatabase } from '@thads/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { importWorkedExample } from './helpers.js';

const now = () => new Date('2025-11-25T09:00:00+07:00');
const ACTOR = { username: 'quanly', role: 'cuc_manager' };

function ok(result: ImportResult): void {
  if (result.issues.length > 0) throw new Error(`import failed: ${JSON.stringify(result.issues)}`);
}

const CASES = [
  'case_id,unit,received_on,amount,officer,judgment_ref,decision_no,decision_date,obligation,debtor_name,debtor_address',
  'p1,HN-BDI,2017-01-02,12345678901234567,BDI-1,Bản án 10/2016/DS-ST,15/QĐ-CCTHADS,2017-01-03,Trả nợ vay,Đặng Văn Đức,"Số 1 phố Đội Cấn, Ba Đình"',
  'p2,HN-BDI,2017-01-02,900,,Bản án 2/2016,16/QĐ-CCTHADS,2017-01-03,Bồi thường,<script>alert(1)</script> Hồng,Số 2 Kim Mã',
  'p3,HN-BDI,2017-01-02,800,,Bản án 3/2016,17/QĐ-CCTHADS,2017-01-03,Án phí,Trần Văn Kết Thúc,Số 3 Liễu Giai',
  'h2,HN,2017-01-02,700,,Bản án 4/2016,18/QĐ-THA,2017-01-03,Trả tiền,Đặng Thị Dung,Số 4 Hàng Bông',
].join('\n');
const EVENTS = [
  'case_id,date,kind,amount,officer,ground,decision_no',
  'p1,2017-02-01,pay,1000,,,',
  'p1,2017-03-01,unable,,,a,20/QĐ-CCTHADS',
  'p2,2017-03-01,unable,,,c,21/QĐ-CCTHADS',
  'p3,2017-03-01,unable,,,b,22/QĐ-CCTHADS',
  'p3,2017-06-01,resume,,,,30/QĐ-CCTHADS',
  'h2,2017-03-02,unable,,,a,23/QĐ-THA',
].join('\n');

describe('/cong-khai', () => {
  let test: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    test = await sqliteMemory.open();
    await importWorkedExample(test.db);
    ok(
      await importCases(
        test.db,
        { cases: { name: 'cases.csv', text: CASES }, events: { name: 'events.csv', text: EVENTS } },
        { today: '2025-11-25' },
      ),
    );
    // Everything published on its decision date (c2 too), then the setting off again.
    await setAutoPublication(test.db, { autoPublishFrom: '2017-01-01', actor: ACTOR, at: now() });
    await setAutoPublication(test.db, { autoPublishFrom: null, actor: ACTOR, at: now() });
    app = createApp({ db: test.db, now });
  });
  afterAll(async () => {
    await test.close();
  });

  const page = async (path: string) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('needs no login and is HTML in Vietnamese, with no script', async () => {
    const res = await app.request('/cong-khai');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const text = await res.text();
    expect(text).toMatch(/<html lang="vi">/);
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain('<label for="q">');
    expect(text).toContain('<label for="unit">');
    expect(text).toMatch(/4 người phải thi hành án; đang xem 1–4, trang 1\/1/);
  });

  it('shows the §11 fields, money vi-VN and dates dd/mm/yyyy, and no ended entry', async () => {
    const text = await page('/cong-khai?q=dang%20van%20duc');
    expect(text).toContain('Đặng Văn Đức');
    expect(text).toContain('Số 1 phố Đội Cấn, Ba Đình');
    expect(text).toContain('Chi cục THADS quận Ba Đình');
    expect(text).toContain('Bản án 10/2016/DS-ST');
    expect(text).toContain('Số 15/QĐ-CCTHADS ngày 03/01/2017');
    expect(text).toContain('Trả nợ vay');
    expect(text).toContain('12.345.678.901.233.567 đ');
    expect(text).toContain('Điểm a khoản 1 Điều 44a Luật Thi hành án dân sự');
    expect(text).toContain('Số 20/QĐ-CCTHADS ngày 01/03/2017');
    expect(text).toContain('<dd>01/03/2017</dd>');
    const labels = [...text.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'Địa chỉ',
      'Cơ quan thi hành án',
      'Bản án, quyết định',
      'Quyết định thi hành án',
      'Nghĩa vụ chưa thi hành',
      'Số tiền còn phải thi hành',
      'Căn cứ chưa có điều kiện thi hành',
      'Quyết định về việc chưa có điều kiện thi hành án',
      'Ngày công khai',
    ]);
    // Nothing else of the case: no case id, no officer, no other amount.
    for (const hidden of ['p1', 'BDI-1', 'Nguyễn Văn An', '12.345.678.901.234.567'])
      expect(text).not.toContain(hidden);
    // p3 was resumed: its entry ended and is gone.
    expect(await page('/cong-khai')).not.toContain('Kết Thúc');
  });

  it('escapes what it prints', async () => {
    const text = await page('/cong-khai?q=hong');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Hồng');
    expect(text).not.toContain('<script>alert(1)');
    const echoed = await page('/cong-khai?q=%22%3E%3Cb%3Ex');
    expect(echoed).toContain('value="&quot;&gt;&lt;b&gt;x"');
  });

  it('filters by unit and pages with prev/next links that keep the search', async () => {
    const hn = await page('/cong-khai?unit=HN');
    expect(hn).toContain('Đặng Thị Dung');
    expect(hn).not.toContain('Đặng Văn Đức');
    expect(hn).toMatch(/<option value="HN" selected>/);
    // 20 per page: plant 25 more published debtors.
    const cases = ['case_id,unit,received_on,amount,debtor_name'];
    const events = ['case_id,date,kind,amount,officer,ground,decision_no'];
    for (let i = 1; i <= 25; i++) {
      cases.push(`q${i},HN-BDI,2017-01-02,100,Lê Văn Số ${String(i).padStart(2, '0')}`);
      events.push(`q${i},2017-04-01,unable,,,a,Q${i}`);
    }
    ok(
      await importCases(
        test.db,
        {
          cases: { name: 'cases.csv', text: cases.join('\n') },
          events: { name: 'events.csv', text: events.join('\n') },
        },
        { today: '2025-11-25' },
      ),
    );
    for (let i = 1; i <= 25; i++)
      await confirmPublication(test.db, {
        caseId: `q${i}`,
        decisionNo: `Q${i}`,
        decisionDate: '2017-04-01',
        publishedOn: '2017-04-02',
        actor: ACTOR,
        at: now(),
      });
    const first = await page('/cong-khai?q=le%20van&unit=HN-BDI');
    expect(first).toMatch(
      /25 người phải thi hành án \(tên có “le van”, đơn vị Chi cục THADS quận Ba Đình\); đang xem 1–20, trang 1\/2/,
    );
    expect(first).toContain('href="/cong-khai?q=le+van&amp;unit=HN-BDI&amp;page=2"');
    expect(first).not.toContain('rel="prev"');
    const second = await page('/cong-khai?q=le+van&unit=HN-BDI&page=2');
    expect(second).toMatch(/đang xem 21–25, trang 2\/2/);
    expect(second).toContain('<ol class="entries" start="21">');
    expect(second).toContain('rel="prev" href="/cong-khai?q=le+van&amp;unit=HN-BDI"');
    expect(second).not.toContain('rel="next"');
    // Out of range or nonsense: clamped.
    expect(await page('/cong-khai?q=le+van&page=99')).toMatch(/trang 2\/2/);
    expect(await page('/cong-khai?page=abc')).toMatch(/trang 1\/2/);
  });

  it('serves its stylesheet from this origin, cached', async () => {
    const text = await page('/cong-khai');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(text)![1]!;
    const res = await app.request(href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('exports the same rows as CSV and XLSX, with the search applied', async () => {
    const csv = await app.request('/cong-khai/export.csv?q=dang');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="danh-sach-chua-co-dieu-kien-thi-hanh-2025-11-25.csv"',
    );
    const lines = (await csv.text()).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^1,Cục Thi hành án dân sự thành phố Hà Nội,Đặng Thị Dung,/);
    expect(lines[2]).toContain(',12345678901233567,');

    const xlsx = await app.request('/cong-khai/export.xlsx?unit=HN');
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Danh sách')!;
    expect(String(sheet.getCell(2, 1).value)).toBe(
      'Xuất ngày 25/11/2025; đơn vị Cục Thi hành án dân sự thành phố Hà Nội; 1 người phải thi hành án',
    );
    expect(sheet.getCell(5, 3).value).toBe('Đặng Thị Dung');
    expect(sheet.getCell(6, 3).value).toBeNull();
  });
});
