/**
 * The public list `/cong-khai` in Chromium with JavaScript switched off (statistics.md §11,
 * interfaces.md §6): exactly the allowed fields, no ended entry, search by a folded name, the unit
 * filter and pagination by plain links and a GET form, and a 360 px wide phone screen without
 * horizontal scrolling. Served by the real Hono app over a temporary SQLite file; no built app is
 * needed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import {
  confirmPublication,
  importCases,
  importOfficers,
  importUnits,
  migrateToLatest,
  openDatabase,
  type ImportResult,
  type OpenedDatabase,
} from '@thads/db';
import { createApp } from '@thads/server/http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, RESULTS_DIR, chromiumAvailable, chromiumPath } from './setup.js';

const ACTOR = { username: 'quanly', role: 'cuc_manager' };

function ok(result: ImportResult): void {
  if (result.issues.length > 0) throw new Error(`import failed: ${JSON.stringify(result.issues)}`);
}

const file = (name: string, ...lines: string[]) => ({ name, text: lines.join('\n') + '\n' });

/**
 * Two units; four debtors with an unable decision: Đặng Văn Đức (HN-BDI) and Đặng Thị Dung (HN)
 * published, Trần Văn Dũng published and then resumed (ended), Lê Thị Chờ not yet published; plus
 * 23 more published debtors of HN-BDI for the pagination.
 */
async function seed(db: OpenedDatabase['db']): Promise<void> {
  ok(
    await importUnits(
      db,
      file(
        'units.csv',
        'code,name,kind,parent',
        'HN,Cục Thi hành án dân sự thành phố Hà Nội,cuc,',
        'HN-BDI,Chi cục THADS quận Ba Đình,quan,HN',
      ),
    ),
  );
  ok(
    await importOfficers(db, file('officers.csv', 'code,name,unit', 'BDI-1,Nguyễn Văn An,HN-BDI')),
  );
  const cases = [
    'case_id,unit,received_on,amount,officer,judgment_ref,decision_no,decision_date,obligation,debtor_name,debtor_address',
    'p1,HN-BDI,2017-01-02,12345678901234567,BDI-1,Bản án số 10/2016/DS-ST,15/QĐ-CCTHADS,2017-01-03,Trả nợ vay,Đặng Văn Đức,"Số 1 phố Đội Cấn, Ba Đình"',
    'p2,HN,2017-01-02,700,,Bản án số 4/2016,18/QĐ-THA,2017-01-03,Trả tiền,Đặng Thị Dung,Số 4 Hàng Bông',
    'p3,HN-BDI,2017-01-02,800,,Bản án số 3/2016,17/QĐ-CCTHADS,2017-01-03,Án phí,Trần Văn Dũng,Số 3 Liễu Giai',
    'p4,HN-BDI,2017-01-02,600,,Bản án số 5/2016,19/QĐ-CCTHADS,2017-01-03,Án phí,Lê Thị Chờ,Số 5 Kim Mã',
  ];
  const events = [
    'case_id,date,kind,amount,officer,ground,decision_no',
    'p1,2017-02-01,pay,1000,,,',
    'p1,2017-03-01,unable,,,a,20/QĐ-CCTHADS',
    'p2,2017-03-02,unable,,,c,23/QĐ-THA',
    'p3,2017-03-01,unable,,,b,22/QĐ-CCTHADS',
    'p3,2017-06-01,resume,,,,30/QĐ-CCTHADS',
    'p4,2017-03-01,unable,,,a,24/QĐ-CCTHADS',
  ];
  for (let i = 1; i <= 23; i++) {
    cases.push(`q${i},HN-BDI,2016-11-01,100,,,,,,Phạm Văn Số ${String(i).padStart(2, '0')},`);
    events.push(`q${i},2016-12-01,unable,,,a,Q${i}`);
  }
  ok(
    await importCases(
      db,
      { cases: file('cases.csv', ...cases), events: file('events.csv', ...events) },
      { today: '2025-11-25' },
    ),
  );
  const publish = (caseId: string, decisionNo: string, decisionDate: string) =>
    confirmPublication(db, {
      caseId,
      decisionNo,
      decisionDate,
      publishedOn: decisionDate,
      actor: ACTOR,
      at: new Date(),
    });
  await publish('p1', '20/QĐ-CCTHADS', '2017-03-01');
  await publish('p2', '23/QĐ-THA', '2017-03-02');
  await publish('p3', '22/QĐ-CCTHADS', '2017-03-01');
  for (let i = 1; i <= 23; i++) await publish(`q${i}`, `Q${i}`, '2016-12-01');
}

/** The labels of the page's entries: exactly the fields of statistics.md §11. */
const FIELDS = [
  'Địa chỉ',
  'Cơ quan thi hành án',
  'Bản án, quyết định',
  'Quyết định thi hành án',
  'Nghĩa vụ chưa thi hành',
  'Số tiền còn phải thi hành',
  'Căn cứ chưa có điều kiện thi hành',
  'Quyết định về việc chưa có điều kiện thi hành án',
  'Ngày công khai',
];

const available = chromiumAvailable();

describe.skipIf(!available && !process.env.CI)(
  'the public list in a browser without JavaScript',
  () => {
    let work: string;
    let opened: OpenedDatabase;
    let server: ReturnType<typeof serve>;
    let baseUrl: string;
    let browser: Browser;
    let context: BrowserContext;

    beforeAll(async () => {
      if (!available) throw new Error(`Chromium not found at ${chromiumPath} (CI requires it)`);
      work = mkdtempSync(join(tmpdir(), 'thads-e2e-public-'));
      opened = openDatabase(`sqlite:${join(work, 'thads.sqlite')}`);
      await migrateToLatest(opened.db);
      await seed(opened.db);
      const app = createApp({ db: opened.db, now: () => new Date('2025-11-25T09:00:00+07:00') });
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((done) =>
        server.listening ? done() : server.once('listening', () => done()),
      );
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        args: CHROMIUM_FLAGS,
      });
      context = await browser.newContext({
        javaScriptEnabled: false,
        locale: 'vi-VN',
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 1,
      });
    });

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      if (server) await new Promise<void>((done) => server.close(() => done()));
      await opened?.close();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    async function entries(page: Page): Promise<{ name: string; fields: [string, string][] }[]> {
      return page.locator('ol.entries > li').evaluateAll((items) =>
        items.map((li) => ({
          name: (li.querySelector('h2')?.textContent ?? '').replace(/^\d+\./, '').trim(),
          fields: [...li.querySelectorAll('dt')].map(
            (dt) =>
              [
                (dt.textContent ?? '').trim(),
                (dt.nextElementSibling?.textContent ?? '').replace(/\s+/g, ' ').trim(),
              ] as [string, string],
          ),
        })),
      );
    }

    async function screenshot(page: Page, name: string): Promise<void> {
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
    }

    it('shows exactly the allowed fields of published entries, and no ended or unpublished one', async () => {
      const page = await context.newPage();
      const response = await page.goto(`${baseUrl}/cong-khai?q=dang`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      expect(await page.locator('script').count()).toBe(0);
      const found = await entries(page);
      expect(found.map((e) => e.name)).toEqual(['Đặng Thị Dung', 'Đặng Văn Đức']);
      for (const e of found) expect(e.fields.map(([label]) => label)).toEqual(FIELDS);
      expect(Object.fromEntries(found[1]!.fields)).toEqual({
        'Địa chỉ': 'Số 1 phố Đội Cấn, Ba Đình',
        'Cơ quan thi hành án': 'Chi cục THADS quận Ba Đình',
        'Bản án, quyết định': 'Bản án số 10/2016/DS-ST',
        'Quyết định thi hành án': 'Số 15/QĐ-CCTHADS ngày 03/01/2017',
        'Nghĩa vụ chưa thi hành': 'Trả nợ vay',
        'Số tiền còn phải thi hành': '12.345.678.901.233.567 đ',
        'Căn cứ chưa có điều kiện thi hành':
          'Điểm a khoản 1 Điều 44a Luật Thi hành án dân sự: người phải thi hành án không có thu nhập hoặc thu nhập chỉ bảo đảm cuộc sống tối thiểu, không có tài sản để thi hành án',
        'Quyết định về việc chưa có điều kiện thi hành án': 'Số 20/QĐ-CCTHADS ngày 01/03/2017',
        'Ngày công khai': '01/03/2017',
      });
      // Nothing else of a case anywhere on the page.
      const text = (await page.locator('body').textContent()) ?? '';
      for (const hidden of ['p1', 'BDI-1', 'Nguyễn Văn An', '12.345.678.901.234.567'])
        expect(text).not.toContain(hidden);

      await page.goto(`${baseUrl}/cong-khai`);
      const all = (await page.locator('body').textContent()) ?? '';
      expect(all).not.toContain('Trần Văn Dũng'); // resumed: the entry ended
      expect(all).not.toContain('Lê Thị Chờ'); // not published yet
      expect(all).toContain('25 người phải thi hành án');
      await page.close();
    });

    it('searches by a folded name and filters by unit through the form, without JavaScript', async () => {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/cong-khai`);
      await page.getByLabel('Họ tên người phải thi hành án').fill('dang van duc');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.waitForURL(/q=dang\+van\+duc/);
      expect((await entries(page)).map((e) => e.name)).toEqual(['Đặng Văn Đức']);

      await page.getByLabel('Họ tên người phải thi hành án').fill('đặng');
      await page.getByLabel('Cơ quan thi hành án').selectOption('HN');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.waitForURL(/unit=HN$/);
      expect((await entries(page)).map((e) => e.name)).toEqual(['Đặng Thị Dung']);
      await page.close();
    });

    it('pages by links (20 per page) and fits a 360 px screen', async () => {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/cong-khai`);
      expect(await page.locator('ol.entries > li').count()).toBe(20);
      const nav = page.getByRole('navigation', { name: 'Phân trang' });
      await expect(nav.textContent()).resolves.toContain('Trang 1/2');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
      await screenshot(page, 'public-list-360');
      await nav.getByRole('link', { name: /Trang sau/ }).click();
      await page.waitForURL(/page=2/);
      expect(await page.locator('ol.entries > li').count()).toBe(5);
      expect(await page.locator('ol.entries').getAttribute('start')).toBe('21');
      await nav.getByRole('link', { name: /Trang trước/ }).click();
      await page.waitForURL(/\/cong-khai$/);
      await page.close();
    });
  },
);
