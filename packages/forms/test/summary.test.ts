// The leadership summary as a PDF (read back with pdf.js) and its table as XLSX (read back with
// exceljs). The figures are those of HN's total at working year 2017, month 9 on the worked example
// of statistics.md §12 with money × 10^6 (worked out by hand in apps/e2e's summary test); here they
// are input, and what is checked is how they print.
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportPeriod, type UnitMetric } from '@thads/domain';
import {
  SUMMARY_METRIC_SUBCOLUMNS,
  SUMMARY_XLSX_ROWS,
  renderSummaryPdf,
  renderSummaryTableXlsx,
  type SummaryCell,
  type SummaryDocument,
  type SummaryMetric,
} from '../src/index.js';

function metric(
  metric: UnitMetric,
  f: Omit<SummaryMetric, 'metric' | 'provisional'> & { provisional?: boolean },
): SummaryMetric {
  return { metric, provisional: false, ...f };
}

const METRICS: SummaryMetric[] = [
  metric('caseRate', {
    value: 3750n,
    target: 4000n,
    met: false,
    gapPoints: -250n,
    pace: 3000n,
    vsPacePoints: 750n,
    forecast: 2501n,
    onTrack: false,
    lastYear: 2500n,
    vsLastYearPoints: 1250n,
  }),
  metric('moneyRate', {
    value: 3462n,
    target: 3000n,
    provisional: true,
    met: true,
    gapPoints: 462n,
    pace: 2250n,
    vsPacePoints: 1212n,
    forecast: 1384n,
    onTrack: false,
    lastYear: 3611n,
    vsLastYearPoints: -149n,
  }),
  metric('caseCarryOverReduction', {
    value: 0n,
    target: 0n,
    met: true,
    gapPoints: 0n,
    pace: null,
    vsPacePoints: null,
    forecast: -20_000n,
    onTrack: false,
    lastYear: -20_000n,
    vsLastYearPoints: 20_000n,
  }),
  metric('moneyCarryOverReduction', {
    value: 3377n,
    target: null,
    met: null,
    gapPoints: null,
    pace: null,
    vsPacePoints: null,
    forecast: -50_623n,
    onTrack: null,
    lastYear: -13_000n,
    vsLastYearPoints: 16_377n,
  }),
];

function cell(
  value: bigint | null,
  target: bigint | null,
  met: boolean | null,
  onTrack: boolean | null,
): SummaryCell {
  return { value, target, provisional: false, met, forecast: value, onTrack };
}

const DOCUMENT: SummaryDocument = {
  subject: 'Toàn thành phố – Cục Thi hành án dân sự thành phố Hà Nội (HN)',
  period: reportPeriod(2017, 9),
  date: '2025-11-25',
  place: 'Hà Nội',
  metrics: METRICS,
  metCount: 2,
  allFour: false,
  figures: [
    { label: 'Việc thi hành xong', kind: 'count', value: 3n, lastYear: 1n, changePercent: 20_000n },
    {
      label: 'Tiền thi hành xong',
      kind: 'money',
      value: 2_700_000_000n,
      lastYear: 1_300_000_000n,
      changePercent: 10_769n,
    },
  ],
  table: {
    title: 'Các đơn vị',
    rowHeading: 'Đơn vị',
    rows: [
      {
        rank: 1,
        code: 'HN-BDI',
        name: 'Chi cục THADS quận Ba Đình',
        metrics: {
          caseRate: cell(4286n, 4286n, true, true),
          moneyRate: cell(6071n, 6000n, true, true),
          caseCarryOverReduction: cell(0n, 0n, true, true),
          moneyCarryOverReduction: cell(5926n, 5000n, true, true),
        },
        metCount: 4,
        allFour: true,
        atRisk: [],
      },
      {
        rank: 2,
        code: 'HN',
        name: 'Văn phòng Cục',
        metrics: {
          caseRate: cell(0n, 1000n, false, false),
          moneyRate: cell(2000n, null, null, null),
          caseCarryOverReduction: cell(0n, null, null, null),
          moneyCarryOverReduction: cell(2000n, null, null, null),
        },
        metCount: 0,
        allFour: false,
        atRisk: ['caseRate'],
      },
      {
        rank: null,
        code: 'HN',
        name: 'Toàn thành phố',
        metrics: {
          caseRate: cell(3750n, 4000n, false, false),
          moneyRate: cell(3462n, 3000n, true, false),
          caseCarryOverReduction: cell(0n, 0n, true, false),
          moneyCarryOverReduction: cell(3377n, null, null, null),
        },
        metCount: 2,
        allFour: false,
        atRisk: ['caseRate', 'moneyRate', 'caseCarryOverReduction'],
        emphasis: true,
      },
    ],
  },
};

async function pdfText(
  bytes: Uint8Array,
): Promise<{ pages: number; width: number; lines: string[] }> {
  const pdf = await getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  const lines: string[] = [];
  let width = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    width = (page.view[2] as number) - (page.view[0] as number);
    const content = await page.getTextContent();
    const pieces: { x: number; y: number; s: string }[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      pieces.push({ x: item.transform[4] as number, y: item.transform[5] as number, s: item.str });
    }
    pieces.sort((a, b) => b.y - a.y || a.x - b.x);
    const rows: { y: number; parts: { x: number; s: string }[] }[] = [];
    for (const p of pieces) {
      const row = rows.find((r) => Math.abs(r.y - p.y) < 1.5);
      if (row) row.parts.push(p);
      else rows.push({ y: p.y, parts: [p] });
    }
    for (const r of rows)
      lines.push(
        r.parts
          .sort((a, b) => a.x - b.x)
          .map((p) => p.s)
          .join(' | '),
      );
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { pages, width, lines };
}

describe('the summary page as PDF', () => {
  let out: { pages: number; width: number; lines: string[] };
  beforeAll(async () => {
    out = await pdfText(await renderSummaryPdf(DOCUMENT));
  });

  it('is one A4 portrait page with the title, the subject and the period', () => {
    expect(out.pages).toBe(1);
    expect(out.width).toBeCloseTo(595.28, 1);
    expect(out.lines.slice(0, 4)).toEqual([
      'TÓM TẮT KẾT QUẢ THI HÀNH ÁN DÂN SỰ',
      'Toàn thành phố – Cục Thi hành án dân sự thành phố Hà Nội (HN)',
      '09 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/06/2017',
      'Đạt 2/4 chỉ tiêu',
    ]);
  });

  it('prints each metric with its target, pace, forecast and the same period last year', () => {
    expect(out.lines).toEqual(
      expect.arrayContaining([
        'Tỷ lệ thi hành xong về việc | 37,50 % | 40,00 % | Chưa đạt | 30,00 % | 25,01 % | 25,00 %',
        'còn thiếu 2,50 điểm | vượt tiến độ 7,50 | Dự báo không đạt | tăng 12,50 điểm',
        'Tỷ lệ thi hành xong về tiền | 34,62 % | 30,00 % | Đạt | 22,50 % | 13,84 % | 36,11 %',
        '(tạm tính) | vượt chỉ tiêu 4,62 điểm | vượt tiến độ 12,12 | Dự báo không đạt | giảm 1,49 điểm',
        'Giảm số việc có điều kiện | 0,00 % | 0,00 % | Đạt | – | -200,00 % | -200,00 %',
        'chuyển kỳ sau | bằng chỉ tiêu | Dự báo không đạt | tăng 200,00 điểm',
        'Giảm số tiền có điều kiện | 33,77 % | Chưa giao | Chưa đánh giá | – | -506,23 % | -130,00 %',
        'chuyển kỳ sau | Chưa dự báo được | tăng 163,77 điểm',
      ]),
    );
  });

  it('prints counts plainly and money in tỷ đồng, with the change in percent', () => {
    expect(out.lines).toEqual(
      expect.arrayContaining([
        'Việc thi hành xong | 3 | 1 | tăng 200,00 %',
        'Tiền thi hành xong | 2,7 tỷ đồng | 1,3 tỷ đồng | tăng 107,69 %',
      ]),
    );
  });

  it('prints the ranked table with met marks, targets and the units at risk', () => {
    expect(out.lines).toEqual(
      expect.arrayContaining([
        '3. Các đơn vị',
        '1 | Chi cục THADS quận Ba | 42,86 % ✓ | 60,71 % ✓ | 0,00 % ✓ | 59,26 % ✓ | 4/4',
        'Đình | CT 42,86 % | CT 60,00 % | CT 0,00 % | CT 50,00 %',
        '2 | Văn phòng Cục | 0,00 % ✗ ⚠ | 20,00 % | 0,00 % | 20,00 % | 0/4 | Tỷ lệ về việc',
        'CT 10,00 % | CT: chưa giao | CT: chưa giao | CT: chưa giao',
        'Toàn thành phố | 37,50 % ✗ ⚠ | 34,62 % ✓ ⚠ | 0,00 % ✓ ⚠ | 33,77 % | 2/4 | Tỷ lệ về việc; Tỷ',
      ]),
    );
    expect(out.lines.at(-1)).toBe(
      'Hà Nội, ngày 25 tháng 11 năm 2025. Tiền làm tròn đến 0,1 tỷ đồng; tỷ lệ tính chính xác từ số nguyên, làm tròn hai chữ số thập phân.',
    );
  });
});

describe('the table as XLSX', () => {
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderSummaryTableXlsx(DOCUMENT)).slice().buffer);
    sheet = workbook.worksheets[0]!;
  });
  const R = SUMMARY_XLSX_ROWS;
  const value = (row: number, col: number) => sheet.getCell(row, col).value;

  it('has the title, the subject, the period and the two-row heading', () => {
    expect(sheet.name).toBe('Các đơn vị');
    expect(value(R.title, 1)).toBe('TÓM TẮT KẾT QUẢ THI HÀNH ÁN DÂN SỰ: CÁC ĐƠN VỊ');
    expect(value(R.subject, 1)).toBe(DOCUMENT.subject);
    expect(value(R.period, 1)).toBe('09 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/06/2017');
    expect([1, 2, 3, 4, 8, 12, 16, 20, 21, 22].map((c) => value(R.headingFirst, c))).toEqual([
      'Hạng',
      'Mã',
      'Đơn vị',
      'Tỷ lệ về việc',
      'Tỷ lệ về tiền',
      'Giảm việc chuyển kỳ sau',
      'Giảm tiền chuyển kỳ sau',
      'Số chỉ tiêu đạt',
      'Đạt cả 4 chỉ tiêu',
      'Nguy cơ không đạt (dự báo cuối năm)',
    ]);
    expect([4, 5, 6, 7].map((c) => value(R.headingSecond, c))).toEqual([
      ...SUMMARY_METRIC_SUBCOLUMNS,
    ]);
  });

  it('writes rates as two-decimal numbers, met in words, the rank and the risk', () => {
    const r = R.firstData;
    expect([1, 2, 3, 4, 5, 6, 7, 20, 21, 22].map((c) => value(r, c))).toEqual([
      1,
      'HN-BDI',
      'Chi cục THADS quận Ba Đình',
      42.86,
      42.86,
      'Đạt',
      42.86,
      4,
      'Đạt cả 4',
      '',
    ]);
    expect(sheet.getCell(r, 4).numFmt).toBe('0.00');
    expect((sheet.getCell(r, 4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE3F1E6');
    expect([4, 5, 6, 8, 9, 10, 22].map((c) => value(r + 1, c))).toEqual([
      0,
      10,
      'Chưa đạt',
      20,
      null,
      '',
      'Tỷ lệ về việc',
    ]);
    expect(
      (sheet.getCell(r + 1, 4).fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none',
    ).toBe('none');
    const total = r + 2;
    expect([1, 3, 20].map((c) => value(total, c))).toEqual([null, 'Toàn thành phố', 2]);
    expect(sheet.getCell(total, 3).font.bold).toBe(true);
  });
});
