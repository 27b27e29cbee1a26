// The shared layout: columns, headings, rows and footer as statistics.md §13 lays them out.
import { describe, expect, it } from 'vitest';
import { reportPeriod } from '@thads/domain';
import {
  OFFICER_ROW_HEADING,
  assertFormInput,
  buildFormLayout,
  formColumns,
  integerCellValue,
  officerBreakdownRows,
  placeAndDate,
  singleRow,
  unitBreakdownRows,
} from '../src/index.js';
import { BA_DINH, hugeMoneyReport, workedExampleInput } from './fixtures.js';

describe('columns', () => {
  it('follow §13: T, C, M, U, P, K, X1, X2, D, H, S, N, R, CKS, KCS for cases', () => {
    const columns = formColumns('cases');
    expect(columns.map((c) => c.key)).toEqual([
      'totalReceived',
      'broughtForward',
      'newlyReceived',
      'exited',
      'toEnforce',
      'able',
      'completedFull',
      'terminated',
      'inProgress',
      'postponed',
      'suspended',
      'unable',
      'rate',
      'carriedOver',
      'ableCarriedOver',
    ]);
    expect(columns.map((c) => c.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('add Giảm, miễn after Đình chỉ for money only', () => {
    const columns = formColumns('money');
    expect(columns).toHaveLength(16);
    expect(columns[8]).toMatchObject({
      key: 'reduced',
      label: 'Giảm, miễn',
      number: 9,
      inGroup: true,
    });
    expect(columns.map((c) => c.label)).toEqual([
      'Tổng số thụ lý',
      'Năm trước chuyển sang',
      'Mới thụ lý',
      'Ủy thác, thu hồi, hủy quyết định',
      'Tổng số phải thi hành',
      'Có điều kiện thi hành',
      'Thi hành xong',
      'Đình chỉ',
      'Giảm, miễn',
      'Đang thi hành',
      'Hoãn',
      'Tạm đình chỉ',
      'Chưa có điều kiện',
      'Tỷ lệ thi hành xong (%)',
      'Chuyển kỳ sau',
      'Có điều kiện chuyển kỳ sau',
    ]);
  });

  it('group C, M under T and X1 … S under K with "Trong đó"', () => {
    const layout = buildFormLayout(workedExampleInput(), 'money');
    const groups = layout.heading.filter((h) => h.text === 'Trong đó');
    // col 1 is T; C, M are cols 2–3; K is col 6; X1, X2, GM, D, H, S are cols 7–12.
    expect(groups).toEqual([
      { row: 0, col: 2, rowSpan: 1, colSpan: 2, text: 'Trong đó' },
      { row: 0, col: 7, rowSpan: 1, colSpan: 6, text: 'Trong đó' },
    ]);
    expect(layout.heading.find((h) => h.col === 1)).toMatchObject({
      rowSpan: 2,
      text: 'Tổng số thụ lý',
    });
    expect(layout.heading.find((h) => h.col === 6)).toMatchObject({
      rowSpan: 2,
      text: 'Có điều kiện thi hành',
    });
    expect(layout.heading.filter((h) => h.row === 1).map((h) => h.col)).toEqual([
      2, 3, 7, 8, 9, 10, 11, 12,
    ]);
    expect(layout.numbering).toEqual(['A', ...Array.from({ length: 16 }, (_, i) => String(i + 1))]);
  });
});

describe('header and footer', () => {
  it('print the period, the units, the place and date and the people', () => {
    const layout = buildFormLayout(workedExampleInput(), 'cases');
    expect(layout.title).toBe('KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC');
    expect(layout.periodLine).toBe('12 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/09/2017');
    expect(layout.reportingUnitLine).toBe(
      'Đơn vị báo cáo: Cục Thi hành án dân sự thành phố Hà Nội',
    );
    expect(layout.receivingUnitLine).toBe('Đơn vị nhận báo cáo: Tổng cục Thi hành án dân sự');
    expect(layout.footer).toMatchObject({
      placeDate: 'Hà Nội, ngày 05 tháng 10 năm 2017',
      preparedByTitle: 'Người lập biểu',
      preparedBy: 'Lê Thị Hoa',
      signerTitle: 'Thủ trưởng đơn vị',
      signer: 'Nguyễn Văn Đức',
    });
    expect(buildFormLayout(workedExampleInput(), 'money').title).toBe(
      'KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN',
    );
  });

  it('formats the period of §13 and the footer date with two-digit day and month', () => {
    const input = workedExampleInput({
      period: reportPeriod(2018, 5),
      rows: singleRow('Tổng cục', hugeMoneyReport()),
    });
    expect(buildFormLayout(input, 'money').periodLine).toBe(
      '05 tháng năm 2018, từ ngày 01/10/2017 đến ngày 28/02/2018',
    );
    expect(placeAndDate('Hà Nội', '2018-03-15')).toBe('Hà Nội, ngày 15 tháng 03 năm 2018');
  });

  it('leaves the receiving unit, the preparer and the signer blank when not given', () => {
    const layout = buildFormLayout(
      workedExampleInput({ receivingUnit: null, signer: null, preparedBy: undefined }),
      'cases',
    );
    expect(layout.receivingUnitLine).toBe('Đơn vị nhận báo cáo:');
    expect(layout.footer.signer).toBe('');
    expect(layout.footer.preparedBy).toBe('');
  });

  it('composes decomposed Vietnamese (NFD) so that the PDF prints whole letters', () => {
    const input = workedExampleInput();
    const rows = input.rows.map((r, i) =>
      i === 0 ? { ...r, label: BA_DINH.normalize('NFD') } : r,
    );
    expect(buildFormLayout({ ...input, rows }, 'cases').rows[0]!.label).toBe(BA_DINH);
  });
});

describe('rows', () => {
  it('put units in code order, then Văn phòng Cục, then Tổng cộng (bold)', () => {
    const { rows } = workedExampleInput();
    const report = rows[0]!.report;
    const ordered = unitBreakdownRows(
      [
        { code: 'HN-TX', name: 'Chi cục THADS quận Thanh Xuân', report },
        { code: 'HN-BDI', name: BA_DINH, report },
      ],
      report,
      report,
    );
    expect(ordered.map((r) => r.label)).toEqual([
      BA_DINH,
      'Chi cục THADS quận Thanh Xuân',
      'Văn phòng Cục',
      'Tổng cộng',
    ]);
    expect(ordered.map((r) => r.emphasis ?? false)).toEqual([false, false, false, true]);
  });

  it('put officers in code order, then Chưa phân công, then Tổng cộng', () => {
    const report = workedExampleInput().rows[0]!.report;
    const rows = officerBreakdownRows(
      [
        { code: 'BDI-2', name: 'Trần Thị Bình', report },
        { code: 'BDI-1', name: 'Nguyễn Văn An', report },
      ],
      report,
      report,
    );
    expect(rows.map((r) => r.label)).toEqual([
      'Nguyễn Văn An',
      'Trần Thị Bình',
      'Chưa phân công',
      'Tổng cộng',
    ]);
    const layout = buildFormLayout(
      { ...workedExampleInput(), rows, rowHeading: OFFICER_ROW_HEADING },
      'cases',
    );
    expect(layout.heading[0]).toMatchObject({ col: 0, text: 'Chấp hành viên' });
  });

  it('carry exact bigints, rates in hundredths and unknown lines as empty cells', () => {
    const layout = buildFormLayout(
      workedExampleInput({
        period: reportPeriod(2018, 5),
        rows: singleRow('Tổng cục', hugeMoneyReport()),
      }),
      'money',
    );
    const cells = layout.rows[0]!.cells;
    expect(cells[0]).toEqual({ type: 'integer', value: 12_345_678_901_235_567n });
    expect(cells[10]).toEqual({ type: 'empty' }); // Hoãn (postponed) unknown
    expect(cells[13]).toEqual({ type: 'rate', value: 10_000n }); // X ÷ K rounds to 100.00
    const cases = buildFormLayout(
      workedExampleInput({
        period: reportPeriod(2018, 5),
        rows: singleRow('Tổng cục', hugeMoneyReport()),
      }),
      'cases',
    ).rows[0]!.cells;
    expect(cases.slice(0, 4)).toEqual([
      { type: 'integer', value: 10n },
      { type: 'integer', value: 7n },
      { type: 'integer', value: 3n },
      { type: 'empty' },
    ]);
    expect(cases[12]).toEqual({ type: 'empty' }); // no rate without K
  });
});

describe('input checks', () => {
  it('refuse an empty form and a row of another period', () => {
    expect(() => assertFormInput(workedExampleInput({ rows: [] }))).toThrow(/ít nhất một dòng/);
    expect(() => assertFormInput(workedExampleInput({ period: reportPeriod(2017, 11) }))).toThrow(
      /Chi cục THADS quận Ba Đình.*khác kỳ/,
    );
    expect(() => assertFormInput(workedExampleInput({ date: '2017-02-30' }))).toThrow(RangeError);
  });
});

describe('spreadsheet values', () => {
  it('are numbers up to 2^53 − 1 and vi-VN text beyond, never losing a đồng', () => {
    expect(integerCellValue(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
    expect(integerCellValue(-9_007_199_254_740_991n)).toBe(-9_007_199_254_740_991);
    expect(integerCellValue(9_007_199_254_740_992n)).toBe('9.007.199.254.740.992');
    expect(integerCellValue(12_345_678_901_234_567n)).toBe('12.345.678.901.234.567');
    expect(integerCellValue(-9_007_199_254_740_992n)).toBe('-9.007.199.254.740.992');
    expect(integerCellValue(0n)).toBe(0);
  });
});
