/**
 * One monthly report from draft to approved, in Chromium over the built console and the worked
 * example (statistics.md §10, §12): the head of HN-BDI opens the report of 2017, 12 months, sees
 * its one warning (V12: c2 is N but not published), saves a draft comment, signs and submits it;
 * the Cục manager sees it waiting, approves it; the registry of HN-BDI is then locked through
 * 30/09/2017, the version's SHA-256 is listed, and the status board shows it approved and late
 * (submitted long after 03/10/2017).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESULTS_DIR, chromiumAvailable, chromiumPath, startStack, type Stack } from './setup.js';

const available = chromiumAvailable();

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(`${username}-demo`);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

const REPORT_URL = '/console/quy-trinh-bao-cao?unit=HN-BDI&year=2017&month=12';

describe.skipIf(!available && !process.env.CI)('the reports workflow in the console', () => {
  let stack: Stack;

  beforeAll(async () => {
    if (!available) throw new Error(`Chromium not found at ${chromiumPath} (CI requires it)`);
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    await stack.browser.clearCookies();
  });

  it('the unit head submits with an acknowledgement; the Cục manager approves', async () => {
    // The unit head of HN-BDI.
    const head = await stack.browser.newPage();
    const headErrors = watchErrors(head);
    await logIn(head, `${stack.baseUrl}${REPORT_URL}`, 'truongbadinh');
    await head.getByRole('link', { name: 'Gửi, duyệt báo cáo' }).waitFor();
    await head.getByTestId('workflow-report').filter({ hasText: '(HN-BDI)' }).waitFor();
    expect(await head.getByTestId('workflow-status').textContent()).toBe('Chưa lập');
    await head.getByText('1 cảnh báo: mỗi cảnh báo cần ý kiến giải trình').waitFor();
    const submit = head.getByRole('button', { name: 'Ký và gửi báo cáo' });
    expect(await submit.isDisabled()).toBe(true);

    const comment = head.getByLabel('Ý kiến giải trình cảnh báo 1');
    await comment.fill(
      'Việc c2: quyết định chưa có điều kiện số 12 đang chờ Cục xác nhận công khai.',
    );
    await head.getByRole('button', { name: 'Lưu nháp' }).click();
    await head.getByText('Đã lưu bản nháp.').waitFor();
    await head.getByTestId('workflow-status').filter({ hasText: 'Đang lập' }).waitFor();

    await submit.click();
    await head.getByText('Đã ký và gửi phiên bản 1.').waitFor();
    await head.getByTestId('workflow-status').filter({ hasText: 'Đã gửi, chờ duyệt' }).waitFor();
    const versions = head.getByTestId('workflow-versions');
    await versions.waitFor();
    const row = versions.locator('tbody tr').first();
    expect(await row.locator('td').nth(2).textContent()).toBe(
      'Tài khoản truongbadinh (truongbadinh)',
    );
    expect(await row.locator('code').getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);
    expect(await row.locator('td').nth(4).textContent()).toBe('Toàn vẹn');
    // A unit head does not approve.
    expect(await head.getByRole('button', { name: 'Duyệt báo cáo' }).count()).toBe(0);
    await screenshot(head, 'workflow-submitted');
    expect(headErrors).toEqual([]);
    await head.close();

    // The Cục manager.
    await stack.browser.clearCookies();
    const manager = await stack.browser.newPage();
    const managerErrors = watchErrors(manager);
    await logIn(manager, `${stack.baseUrl}${REPORT_URL}`, 'quanly');
    await manager.getByTestId('workflow-status').filter({ hasText: 'Đã gửi, chờ duyệt' }).waitFor();
    await manager
      .getByText(
        'Giải trình: Việc c2: quyết định chưa có điều kiện số 12 đang chờ Cục xác nhận công khai.',
      )
      .waitFor();
    // The Cục manager may not sign for a Chi cục.
    expect(await manager.getByRole('button', { name: 'Ký và gửi báo cáo' }).count()).toBe(0);
    await manager.getByRole('button', { name: 'Duyệt báo cáo' }).click();
    await manager.getByTestId('workflow-status').filter({ hasText: 'Đã duyệt' }).waitFor();
    expect(await manager.getByTestId('workflow-lock').textContent()).toContain(
      'đang khóa đến hết ngày 30/09/2017',
    );
    await manager.getByText(/Duyệt phiên bản 1 – Tài khoản quanly \(quanly\)/).waitFor();
    await screenshot(manager, 'workflow-approved');

    // The status board of the period.
    await manager.getByRole('link', { name: 'Tình trạng gửi báo cáo' }).click();
    await manager.getByLabel('Năm công tác').fill('2017');
    await manager.getByLabel('Kỳ báo cáo').selectOption('12');
    const board = manager.getByTestId('status-board');
    const bdi = board.locator('tbody tr[data-unit="HN-BDI"]');
    await bdi.filter({ hasText: 'Đã duyệt' }).waitFor();
    const cells = await bdi.locator('td').allTextContents();
    expect([cells[1], cells[2], cells[4]]).toEqual(['Đã duyệt', '03/10/2017', 'Trễ hạn']);
    expect(
      await board.locator('tbody tr[data-unit="HN"][data-scope="own"] td').nth(1).textContent(),
    ).toBe('Chưa lập');
    await screenshot(manager, 'workflow-status-board');
    expect(managerErrors).toEqual([]);
    await manager.close();
  });
  it('a clerk asks to unlock the approved month; the Cục manager grants it and the report is returned', async () => {
    const clerk = await stack.browser.newPage();
    const clerkErrors = watchErrors(clerk);
    await logIn(clerk, `${stack.baseUrl}/console/mo-khoa`, 'vanthu');
    await clerk.getByRole('heading', { name: 'Yêu cầu mở khóa sổ thụ lý' }).waitFor();
    await clerk.getByLabel('Năm công tác').fill('2017');
    await clerk.getByLabel('Kỳ báo cáo').selectOption('12');
    await clerk
      .getByLabel(/Lý do mở khóa/)
      .fill('Nhập thiếu một khoản thu tháng 9/2017 của việc c1');
    await clerk.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await clerk.getByText(/Đã gửi yêu cầu số \d+\./).waitFor();
    await clerk
      .getByTestId('unlock-requests')
      .locator('tbody tr', { hasText: 'Chờ Cục duyệt' })
      .waitFor();
    expect(await clerk.getByRole('button', { name: 'Chấp thuận' }).count()).toBe(0);
    expect(clerkErrors).toEqual([]);
    await clerk.close();

    await stack.browser.clearCookies();
    const manager = await stack.browser.newPage();
    const errors = watchErrors(manager);
    await logIn(manager, `${stack.baseUrl}/console/mo-khoa`, 'quanly');
    const row = manager
      .getByTestId('unlock-requests')
      .locator('tbody tr', { hasText: 'Chờ Cục duyệt' });
    await row.getByRole('button', { name: 'Chấp thuận' }).click();
    await manager
      .getByTestId('unlock-requests')
      .locator('tbody tr', { hasText: 'Đã chấp thuận' })
      .waitFor();
    await manager.goto(`${stack.baseUrl}${REPORT_URL}`);
    await manager.getByTestId('workflow-status').filter({ hasText: 'Bị trả lại' }).waitFor();
    await manager.getByText(/Mở lại \(mở khóa\) phiên bản 1/).waitFor();
    expect(await manager.getByTestId('workflow-lock').count()).toBe(0);
    expect(errors).toEqual([]);
    await manager.close();
  });

  it('the Cục manager enters an aggregate report line by line and compares it with the registry', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/so-lieu-tong-hop`, 'quanly');
    await page.getByRole('heading', { name: /Số liệu tổng hợp/ }).waitFor();
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('HN-BDI');
    await page.getByLabel('Năm công tác').fill('2017');
    await page.getByLabel('Kỳ báo cáo').selectOption('11');
    await page.getByLabel('Năm trước chuyển sang (C), về việc').fill('4');
    await page.getByLabel('Thụ lý mới (M), về việc').fill('7');
    await page.getByLabel('Năm trước chuyển sang (C), về tiền').fill('2.700');
    // T = C + M is derived before saving.
    await page.getByText('11 (suy ra)').waitFor();
    await page.getByRole('button', { name: 'Lưu số liệu tổng hợp' }).click();
    await page.getByText('Đã lưu số liệu tổng hợp.').waitFor();
    const table = page.getByTestId('aggregate-reconciliation');
    await table.waitFor();
    const newly = table.locator('tbody tr', { hasText: 'Thụ lý mới (M)' }).first();
    expect(await newly.locator('td').allTextContents()).toEqual([
      'Về việc',
      'Thụ lý mới (M)',
      '7',
      '6',
      '+1',
    ]);
    await screenshot(page, 'workflow-aggregate');
    expect(errors).toEqual([]);
    await page.close();
  });
});
