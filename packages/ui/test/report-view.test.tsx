import type { ReportJson } from '@thads/domain';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReportFilters } from '../src/report-filters.js';
import { ReportView, reportPeriodText } from '../src/report-view.js';

/** HN-BDI, working year 2017, month 12 (statistics.md §12). */
const report: ReportJson = {
  unit: 'HN-BDI',
  scope: 'total',
  officer: null,
  mode: null,
  year: 2017,
  month: 12,
  periodStart: '2016-10-01',
  periodEnd: '2017-09-30',
  ruleSet: 'TT01-2013',
  source: 'registry',
  cases: {
    broughtForward: 4,
    newlyReceived: 6,
    totalReceived: 10,
    exited: 2,
    toEnforce: 8,
    able: 7,
    unable: 1,
    completed: 3,
    completedFull: 2,
    terminated: 1,
    inProgress: 2,
    postponed: 1,
    suspended: 1,
    carriedOver: 5,
    ableCarriedOver: 4,
    rate: '42.86',
    carryOverChange: '0.00',
  },
  money: {
    broughtForward: '2700',
    newlyReceived: '2400',
    totalReceived: '5100',
    exited: '1900',
    toEnforce: '3200',
    able: '2800',
    unable: '400',
    completed: '1700',
    completedFull: '1100',
    terminated: '500',
    reduced: '100',
    inProgress: '500',
    postponed: '400',
    suspended: '200',
    carriedOver: '1500',
    ableCarriedOver: '1100',
    rate: '60.71',
    carryOverChange: '-59.26',
  },
  validation: [],
};

/** The text of each row of the table, cells separated by |. */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr data-line="[^"]+">(.*?)<\/tr>/g)].map((m) =>
    m[1]!
      .replace(/<\/t[hd]>/g, '|')
      .replace(/<[^>]+>/g, '')
      .replace(/\|$/, ''),
  );
}

describe('ReportView', () => {
  it('makes every number of a registry report a link to its cases, none of an aggregate one', () => {
    const lineLink = (
      target: { line: string; measure: string; report: { unit: string } },
      text: string,
    ) => <a href={`/cases/${target.report.unit}/${target.line}/${target.measure}`}>{text}</a>;
    const html = renderToStaticMarkup(<ReportView report={report} lineLink={lineLink} />);
    expect(html).toContain('<a href="/cases/HN-BDI/unable/money">400 đ</a>');
    expect(html).toContain('<a href="/cases/HN-BDI/unable/cases">1</a>');
    // 16 lines with both measures, `reduced` with money only.
    expect(html.match(/<a href=/g)).toHaveLength(31);
    // The rows read the same with links.
    expect(rows(html)).toContain('Chưa có điều kiện thi hành|N|1|400 đ');
    const aggregate = renderToStaticMarkup(
      <ReportView report={{ ...report, source: 'aggregate' }} lineLink={lineLink} />,
    );
    expect(aggregate).not.toContain('<a href=');
  });

  it('describes the period in Vietnamese', () => {
    expect(
      reportPeriodText({
        year: 2018,
        month: 5,
        periodStart: '2017-10-01',
        periodEnd: '2018-02-28',
      }),
    ).toBe('05 tháng năm 2018, từ ngày 01/10/2017 đến ngày 28/02/2018');
  });

  it('shows every line of both measures with its Vietnamese name, in vi-VN format', () => {
    const html = renderToStaticMarkup(
      <ReportView report={report} unitName="Chi cục THADS quận Ba Đình" />,
    );
    expect(html).toContain('Chi cục THADS quận Ba Đình (HN-BDI)');
    expect(html).toContain('12 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/09/2017');
    expect(rows(html)).toEqual([
      'Năm trước chuyển sang|C|4|2.700 đ',
      'Thụ lý mới|M|6|2.400 đ',
      'Tổng số thụ lý|T|10|5.100 đ',
      'Ủy thác, thu hồi, hủy quyết định, trả đơn|U|2|1.900 đ',
      'Tổng số phải thi hành|P|8|3.200 đ',
      'Có điều kiện thi hành|K|7|2.800 đ',
      'Chưa có điều kiện thi hành|N|1|400 đ',
      'Thi hành xong (tính tỷ lệ)|X|3|1.700 đ',
      'Thi hành xong|X1|2|1.100 đ',
      'Đình chỉ thi hành|X2|1|500 đ',
      'Giảm, miễn|GM|×|100 đ',
      'Đang thi hành|D|2|500 đ',
      'Hoãn thi hành án|H|1|400 đ',
      'Tạm đình chỉ|S|1|200 đ',
      'Chuyển kỳ sau|CKS|5|1.500 đ',
      'Có điều kiện chuyển kỳ sau|KCS|4|1.100 đ',
      'Tỷ lệ thi hành xong|R|42,86 %|60,71 %',
      'Tăng, giảm có điều kiện chuyển kỳ sau so với cuối năm trước|Δ%|0,00 %|-59,26 %',
    ]);
    expect(html).toContain('Không phát hiện sai sót.');
  });

  it('drops the symbol column in the compact variant and lists findings', () => {
    const withFinding: ReportJson = {
      ...report,
      validation: [
        {
          rule: 'V9',
          severity: 'warning',
          measure: 'money',
          message: 'Số chuyển sang khác năm trước',
        },
      ],
    };
    const html = renderToStaticMarkup(<ReportView report={withFinding} variant="compact" />);
    expect(rows(html)[0]).toBe('Năm trước chuyển sang|4|2.700 đ');
    expect(html).toContain('Cảnh báo V9');
    expect(html).toContain('Về tiền');
    expect(html).toContain('Số chuyển sang khác năm trước');
  });
});

describe('ReportFilters', () => {
  it('labels every control and offers the months of the working year', () => {
    const html = renderToStaticMarkup(
      <ReportFilters
        units={[
          { code: 'HN', name: 'Cục', depth: 0, active: true },
          { code: 'HN-BDI', name: 'Ba Đình', depth: 1, active: true },
        ]}
        initial={{ unit: 'HN-BDI', year: 2018, month: 5, scope: 'total' }}
        onSubmit={() => {}}
        officers={[{ code: 'BDI-1', name: 'Nguyễn Văn An', unit: 'HN-BDI' }]}
      />,
    );
    for (const label of ['Đơn vị', 'Năm công tác', 'Kỳ báo cáo', 'Chấp hành viên']) {
      const id = new RegExp(`<label for="([^"]+)">${label}</label>`).exec(html)?.[1];
      expect(id, label).toBeDefined();
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<legend>Phạm vi</legend>');
    expect(html).toContain('5 tháng (đến 02/2018)');
    expect(html).toContain('Nguyễn Văn An (BDI-1)');
    expect(html).toContain('Xem báo cáo');
  });
});
