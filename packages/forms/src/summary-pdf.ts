/**
 * The leadership summary page as a PDF (A4 portrait, DejaVu Sans Condensed embedded as in the
 * official forms): the title, who and which period, the four metrics against their targets with
 * pace, forecast and the same period last year, the figures behind them, and the table of units or
 * officers (ranked, met marks, units at risk). Tables that do not fit go on over more pages,
 * repeating their heading.
 */
import PDFDocument from 'pdfkit';
import { fontBytes, type FontStyle } from './fonts.js';
import { placeAndDate } from './layout.js';
import {
  MARKS_NOTE,
  RANKING_NOTE,
  SUMMARY_TITLE,
  atRiskText,
  cellText,
  figureTexts,
  metCountText,
  metricTexts,
  summaryPeriodText,
  type SummaryDocument,
} from './summary.js';
import { UNIT_METRICS, UNIT_METRIC_SHORT_LABELS_VI } from '@thads/domain';

type Doc = PDFKit.PDFDocument;

/** A4 portrait in points. */
export const SUMMARY_PAGE_WIDTH = 595.28;
export const SUMMARY_PAGE_HEIGHT = 841.89;
const MARGIN = 36;
const WIDTH = SUMMARY_PAGE_WIDTH - 2 * MARGIN;
const BOTTOM = SUMMARY_PAGE_HEIGHT - MARGIN;
const BODY = 8;
const PAD = 3;
const ALL_FOUR_FILL = '#e3f1e6';
const HEADING_FILL = '#eef0f3';

function use(doc: Doc, style: FontStyle, size: number): Doc {
  return doc.font(style).fontSize(size);
}

interface Column {
  heading: string;
  /** Share of the table width. */
  share: number;
  align: 'left' | 'right' | 'center';
}

interface TableRow {
  cells: string[];
  bold?: boolean;
  fill?: string;
}

function widthsOf(columns: readonly Column[]): number[] {
  const total = columns.reduce((a, c) => a + c.share, 0);
  return columns.map((c) => (c.share / total) * WIDTH);
}

function rowHeight(doc: Doc, cells: readonly string[], widths: readonly number[]): number {
  return (
    Math.max(
      doc.currentLineHeight(true),
      ...cells.map((t, i) => (t ? doc.heightOfString(t, { width: widths[i]! - 2 * PAD }) : 0)),
    ) +
    2 * PAD
  );
}

function drawCells(
  doc: Doc,
  cells: readonly string[],
  columns: readonly Column[],
  widths: readonly number[],
  y: number,
  h: number,
  fill: string | undefined,
  headingRow: boolean,
): void {
  let x = MARGIN;
  cells.forEach((text, i) => {
    const w = widths[i]!;
    if (fill) doc.save().rect(x, y, w, h).fill(fill).restore();
    doc.rect(x, y, w, h).stroke();
    if (text) {
      doc.fillColor('#000').text(text, x + PAD, y + PAD, {
        width: w - 2 * PAD,
        align: headingRow ? 'center' : columns[i]!.align,
      });
    }
    x += w;
  });
}

/** Draws a table from `y`; returns the y below it. */
function drawTable(
  doc: Doc,
  columns: readonly Column[],
  rows: readonly TableRow[],
  y: number,
): number {
  const widths = widthsOf(columns);
  const headings = columns.map((c) => c.heading);
  const heading = (top: number): number => {
    use(doc, 'bold', BODY);
    const h = rowHeight(doc, headings, widths);
    drawCells(doc, headings, columns, widths, top, h, HEADING_FILL, true);
    return top + h;
  };
  use(doc, 'bold', BODY);
  if (y + rowHeight(doc, headings, widths) * 2 > BOTTOM) y = newPage(doc);
  y = heading(y);
  for (const row of rows) {
    use(doc, row.bold ? 'bold' : 'regular', BODY);
    const h = rowHeight(doc, row.cells, widths);
    if (y + h > BOTTOM) {
      y = heading(newPage(doc));
      use(doc, row.bold ? 'bold' : 'regular', BODY);
    }
    drawCells(doc, row.cells, columns, widths, y, h, row.fill, false);
    y += h;
  }
  return y;
}

function newPage(doc: Doc): number {
  doc.addPage();
  doc.lineWidth(0.5);
  return MARGIN;
}

function paragraph(
  doc: Doc,
  text: string,
  y: number,
  style: FontStyle,
  size: number,
  align: 'left' | 'center' = 'left',
): number {
  use(doc, style, size);
  const h = doc.heightOfString(text, { width: WIDTH });
  if (y + h > BOTTOM) y = newPage(doc);
  doc.fillColor('#000').text(text, MARGIN, y, { width: WIDTH, align });
  return y + h;
}

const METRIC_COLUMNS: readonly Column[] = [
  { heading: 'Chỉ tiêu', share: 20, align: 'left' },
  { heading: 'Kết quả', share: 9, align: 'right' },
  { heading: 'Chỉ tiêu giao', share: 10, align: 'right' },
  { heading: 'Đánh giá', share: 17, align: 'left' },
  { heading: 'Tiến độ', share: 15, align: 'left' },
  { heading: 'Dự báo cuối năm', share: 14, align: 'left' },
  { heading: 'Cùng kỳ năm trước', share: 14, align: 'left' },
];

const FIGURE_COLUMNS: readonly Column[] = [
  { heading: 'Số liệu', share: 34, align: 'left' },
  { heading: 'Kỳ này', share: 18, align: 'right' },
  { heading: 'Cùng kỳ năm trước', share: 18, align: 'right' },
  { heading: 'Tăng, giảm', share: 18, align: 'left' },
];

function tableColumns(rowHeading: string): Column[] {
  return [
    { heading: 'Hạng', share: 5, align: 'center' },
    { heading: rowHeading, share: 20, align: 'left' },
    ...UNIT_METRICS.map((m) => ({
      heading: UNIT_METRIC_SHORT_LABELS_VI[m],
      share: 12,
      align: 'right' as const,
    })),
    { heading: 'Số chỉ tiêu đạt', share: 7, align: 'center' },
    { heading: 'Nguy cơ không đạt', share: 15, align: 'left' },
  ];
}

/** The summary page as the bytes of a PDF. */
export async function renderSummaryPdf(input: SummaryDocument): Promise<Uint8Array> {
  const stamp = new Date(`${input.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    info: {
      Title: `${SUMMARY_TITLE} – ${input.subject}`,
      Author: input.subject,
      Creator: 'THADS',
      Producer: 'THADS',
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  const chunks: Uint8Array[] = [];
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const style of ['regular', 'bold', 'italic'] as const) {
    doc.registerFont(style, fontBytes(style));
  }

  let y = newPage(doc);
  y = paragraph(doc, SUMMARY_TITLE, y, 'bold', 14, 'center') + 2;
  y = paragraph(doc, input.subject.normalize('NFC'), y, 'bold', 11, 'center') + 1;
  y = paragraph(doc, summaryPeriodText(input.period), y, 'italic', 9.5, 'center') + 6;
  y = paragraph(doc, metCountText(input.metCount), y, 'bold', 10.5) + 6;

  y = paragraph(doc, '1. Bốn chỉ tiêu', y, 'bold', 10) + 3;
  y = drawTable(
    doc,
    METRIC_COLUMNS,
    input.metrics.map((m) => {
      const t = metricTexts(m);
      return { cells: [t.label, t.value, t.target, t.met, t.pace, t.forecast, t.lastYear] };
    }),
    y,
  );
  y += 10;
  y = paragraph(doc, '2. Số liệu (việc: số việc; tiền: tỷ đồng)', y, 'bold', 10) + 3;
  y = drawTable(
    doc,
    FIGURE_COLUMNS,
    input.figures.map((f) => ({ cells: figureTexts(f) })),
    y,
  );
  y += 10;
  if (input.table) {
    const table = input.table;
    y = paragraph(doc, `3. ${table.title}`, y, 'bold', 10) + 3;
    y = drawTable(
      doc,
      tableColumns(table.rowHeading),
      table.rows.map((row) => ({
        cells: [
          row.rank === null ? '' : String(row.rank),
          row.name.normalize('NFC'),
          ...UNIT_METRICS.map((m) => cellText(row.metrics[m])),
          `${row.metCount}/4`,
          atRiskText(row.atRisk),
        ],
        ...(row.emphasis ? { bold: true } : {}),
        ...(row.allFour ? { fill: ALL_FOUR_FILL } : {}),
      })),
      y,
    );
    y += 4;
    y = paragraph(doc, `${MARKS_NOTE} Nền xanh: đạt cả 4 chỉ tiêu.`, y, 'italic', 7.5);
    y = paragraph(doc, RANKING_NOTE, y, 'italic', 7.5);
  }
  y += 8;
  paragraph(
    doc,
    `${placeAndDate(input.place, input.date)}. Tiền làm tròn đến 0,1 tỷ đồng; tỷ lệ tính chính xác từ số nguyên, làm tròn hai chữ số thập phân.`,
    y,
    'italic',
    8,
  );

  doc.end();
  await finished;
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
