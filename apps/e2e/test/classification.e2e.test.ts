/**
 * The yearly classification review and the report breakdown (issue 7), in Chromium over the built
 * console and the worked example (statistics.md §12). Working year 2017: the officer BDI-2 (account
 * chvbinh) holds c8 and c12, both in the year's books, so its progress starts at "0 / 2"; it
 * confirms c12 with the keyboard alone (the focus then moves to c8) and corrects c8's judgment
 * type. The unit head then sees each officer's progress (BDI-1 0 / 1, BDI-2 2 / 2, unassigned
 * 0 / 7: the ten cases of HN-BDI in 2017's books) and the report broken down by judgment type:
 * "Hình sự" 1 case (c8), "Chưa phân loại" 9, total 10 (§12's T).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logIn, screenshot, watchErrors } from './browser.js';
import { chromiumAvailable, chromiumPath, startStack, type Stack } from './setup.js';

const available = chromiumAvailable();

async function openReview(page: Page, year: number): Promise<void> {
  await page.getByRole('link', { name: 'Rà soát, phân loại hồ sơ' }).click();
  // The page left behind (the report screen) has a year field and a "Lọc" button too: fill the
  // review page's own form, once it is there.
  const form = page.getByRole('form', { name: 'Lọc các việc cần rà soát' });
  await form.waitFor();
  await form.getByLabel('Năm công tác').fill(String(year));
  await form.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('heading', { name: `Rà soát, phân loại hồ sơ năm ${year}` }).waitFor();
}

describe.skipIf(!available && !process.env.CI)('classification review and breakdowns', () => {
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

  it('an officer reviews its cases with the keyboard and sees its progress', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    // Straight to the review: the home page's default report (the Cục's) is not an officer's to see.
    await logIn(page, `${stack.baseUrl}/console/ra-soat-phan-loai`, 'chvbinh');
    await openReview(page, 2017);
    const progress = page.getByTestId('review-progress');
    await expect.poll(() => progress.textContent()).toBe('Đã rà soát 0 / 2');
    const rows = page.locator('.review-table tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual([
      'c12',
      'c8',
    ]);

    // An edit of c8 not yet saved survives recording another row.
    await page.getByLabel('Loại bản án của việc c8').selectOption({ label: 'Hình sự' });
    // Keyboard only: from c12's first control, Tab through its controls to "Xác nhận", Enter.
    await page.getByLabel('Loại việc của việc c12').focus();
    for (let i = 0; i < 20; i++) {
      const label = await page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? '',
      );
      if (label === 'Xác nhận phân loại của việc c12') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Xác nhận phân loại của việc c12',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => progress.textContent()).toBe('Đã rà soát 1 / 2');
    // the focus went on to the next row's first control
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Loại việc của việc c8');
    expect(await page.locator('tr[data-case="c12"] .review-done').textContent()).toMatch(
      /^Đã xác nhận · chvbinh · /,
    );

    // Correct c8: its judgment type "Hình sự" is still chosen; save it.
    expect(await page.getByLabel('Loại bản án của việc c8').inputValue()).toBe('hinh_su');
    await page.getByRole('button', { name: 'Lưu phân loại đã sửa của việc c8' }).click();
    await expect.poll(() => progress.textContent()).toBe('Đã rà soát 2 / 2');
    expect(await page.locator('tr[data-case="c8"] .review-done').textContent()).toMatch(
      /^Đã sửa · chvbinh · /,
    );
    await screenshot(page, 'classification-review-officer');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the unit head sees each officer’s progress and a report broken down by judgment type', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/`, 'truongbadinh');
    await openReview(page, 2017);
    const table = page.getByRole('table', { name: 'Tiến độ rà soát' });
    await table.waitFor();
    expect(
      await table.locator('tbody tr, tfoot tr').evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('th, td')]
            .map((c) => c.textContent)
            .slice(0, 3)
            .join('|'),
        ),
      ),
    ).toEqual([
      'Nguyễn Văn An (BDI-1)|0|1',
      'Trần Thị Bình (BDI-2)|2|2',
      'Chưa phân công|0|7',
      'Cộng|2|10',
    ]);
    expect(await page.getByTestId('review-progress').textContent()).toBe('Đã rà soát 2 / 10');
    // the filter "Chưa rà soát" leaves the eight others
    await page.getByLabel('Tình trạng rà soát').selectOption('pending');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => page.locator('.review-table tbody tr').count()).toBe(8);

    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    // The review page has a unit and a year field too: wait for the report screen's own form.
    await page.getByLabel('Phân tách theo').waitFor();
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('HN-BDI');
    await page.getByLabel('Năm công tác').fill('2017');
    await page.getByLabel('Kỳ báo cáo').selectOption({ label: '12 tháng (đến 09/2017)' });
    await page.getByLabel('Phân tách theo').selectOption('judgmentType');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const cases = page.locator('.breakdown-table[data-measure="cases"]');
    await cases.waitFor();
    const t = cases.locator('tr[data-line="totalReceived"]');
    expect(await t.locator('td[data-bucket="hinh_su"]').textContent()).toBe('1');
    expect(await t.locator('td[data-bucket="none"]').textContent()).toBe('9');
    expect(await t.locator('td[data-bucket="__total__"]').textContent()).toBe('10');
    expect(await page.getByTestId('breakdown-note').textContent()).toMatch(
      /cộng lại bằng tổng số ở mọi dòng/,
    );
    // c8's money: 400 đ postponed (H)
    const h = page.locator('.breakdown-table[data-measure="money"] tr[data-line="postponed"]');
    expect(await h.locator('td[data-bucket="hinh_su"]').textContent()).toBe('400 đ');
    await screenshot(page, 'classification-breakdown');
    // a bucket's number opens its cases, and the other measure keeps the filter

    await t.locator('td[data-bucket="hinh_su"]').getByRole('link').click();
    await page.getByTestId('behind-summary').waitFor();
    expect(await page.getByTestId('behind-summary').textContent()).toBe('1 việc');
    expect(await page.locator('.report-meta').first().textContent()).toContain(
      'Loại bản án: Hình sự',
    );
    await page.getByRole('link', { name: 'về tiền' }).click();
    await page.getByText('1 việc · tổng 400 đ').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
