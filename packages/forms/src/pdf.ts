/**
 * Biểu 01 and Biểu 02 as one printable PDF: A4 landscape, Biểu 01 first, each form starting on a
 * new page.
 *
 * Library: pdfkit. It embeds a subset of a TrueType font with a ToUnicode map, so Vietnamese prints
 * with the right glyphs and copies or extracts back as the same text; it measures text, which the
 * table layout needs to fit 17 columns on a page. It is pure JavaScript and widely used.
 *
 * Fitting: the body font shrinks (8 pt down to 6 pt) until the whole form, header, table and
 * footer, fits on one page; a form with more rows than that allows (well beyond the 31 districts
 * of Hà Nội plus two rows) goes on over more pages, repeating the table heading.
 */
import PDFDocument from 'pdfkit';
import type { FormInput } from './input.js';
import { fontBytes, type FontStyle } from './fonts.js';
import { buildFormLayout, formatCell, type FormLayout } from './layout.js';

type Doc = PDFKit.PDFDocument;

/** A4 landscape in points. */
export const PAGE_WIDTH = 841.89;
export const PAGE_HEIGHT = 595.28;
const MARGIN = 28;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BOTTOM = PAGE_HEIGHT - MARGIN;

const ONE_PAGE_SIZES = [8, 7.5, 7, 6.5, 6];
const MIN_SIZE = 4.5;
const LABEL_MAX_WIDTH = 165;
const RIGHT_BLOCK_WIDTH = 320;
const FOOTER_LEFT_WIDTH = 240;
const SIGNATURE_SPACE = 34;

function use(doc: Doc, style: FontStyle, size: number): Doc {
  return doc.font(style).fontSize(size);
}

/** Everything the table needs at one body font size. */
interface TableMetrics {
  size: number;
  headingSize: number;
  pad: number;
  padY: number;
  /** widths[0] is the label column. */
  widths: number[];
  headingHeights: [number, number];
  numberingHeight: number;
  rowHeights: number[];
}

/** The widest word, measured with its trailing space as pdfkit's line wrapper measures it. */
function longestWordWidth(doc: Doc, text: string): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => doc.widthOfString(`${w} `)));
}

/**
 * The table at body size `size`: null when its columns cannot fit the page width at that size
 * (unless `force`, which scales the columns down and lets long numbers wrap).
 */
function measureTable(
  doc: Doc,
  layout: FormLayout,
  size: number,
  force = false,
): TableMetrics | null {
  const headingSize = Math.max(MIN_SIZE, size - 0.5);
  const pad = Math.max(1.5, size * 0.3);
  const padY = Math.max(1.5, size * 0.3);
  const cellTexts = layout.rows.map((r) => r.cells.map(formatCell));

  use(doc, 'bold', headingSize);
  const headingWord = [
    layout.heading.find((h) => h.col === 0)!.text,
    ...layout.columns.map((c) => c.label),
  ].map((t) => longestWordWidth(doc, t));
  const natural: number[] = [];
  use(doc, 'bold', size);
  const labelNeed = Math.max(...layout.rows.map((r) => doc.widthOfString(r.label)));
  natural.push(Math.min(LABEL_MAX_WIDTH, Math.max(60, labelNeed, headingWord[0]!) + 2 * pad));
  layout.columns.forEach((_, j) => {
    const valueNeed = Math.max(0, ...cellTexts.map((cells) => doc.widthOfString(cells[j]!)));
    natural.push(Math.max(size * 3.2, valueNeed, headingWord[j + 1]!) + 2 * pad);
  });
  const total = natural.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (total <= CONTENT_WIDTH) {
    const extra = (CONTENT_WIDTH - total) / layout.columns.length;
    widths = natural.map((w, i) => (i === 0 ? w : w + extra));
  } else if (force) {
    widths = natural.map((w) => (w * CONTENT_WIDTH) / total);
  } else {
    return null;
  }

  // Heading heights: row 1 holds the grouped columns; a cell spanning both rows must fit in both.
  use(doc, 'bold', headingSize);
  const spanWidth = (col: number, colSpan: number) =>
    widths.slice(col, col + colSpan).reduce((a, b) => a + b, 0);
  const textHeight = (text: string, width: number) =>
    doc.heightOfString(text, { width: width - 2 * pad }) + 2 * padY;
  let row0 = 0;
  let row1 = 0;
  for (const h of layout.heading) {
    if (h.rowSpan === 1 && h.row === 0)
      row0 = Math.max(row0, textHeight(h.text, spanWidth(h.col, h.colSpan)));
    if (h.rowSpan === 1 && h.row === 1)
      row1 = Math.max(row1, textHeight(h.text, spanWidth(h.col, h.colSpan)));
  }
  for (const h of layout.heading) {
    if (h.rowSpan === 2) row1 = Math.max(row1, textHeight(h.text, spanWidth(h.col, 1)) - row0);
  }
  use(doc, 'italic', headingSize);
  const numberingHeight = doc.currentLineHeight(true) + 2 * padY;

  const rowHeights = layout.rows.map((row, i) => {
    use(doc, row.emphasis ? 'bold' : 'regular', size);
    const texts = [row.label, ...cellTexts[i]!];
    return (
      Math.max(
        ...texts.map((t, j) => (t ? doc.heightOfString(t, { width: widths[j]! - 2 * pad }) : 0)),
        doc.currentLineHeight(true),
      ) +
      2 * padY
    );
  });
  return {
    size,
    headingSize,
    pad,
    padY,
    widths,
    headingHeights: [row0, row1],
    numberingHeight,
    rowHeights,
  };
}

function headerBlockHeight(doc: Doc, layout: FormLayout): number {
  return drawHeaderBlock(doc, layout, MARGIN, false) - MARGIN;
}

/** Draws (or, with draw = false, only measures) the header; returns the y below it. */
function drawHeaderBlock(doc: Doc, layout: FormLayout, top: number, draw = true): number {
  const rightX = PAGE_WIDTH - MARGIN - RIGHT_BLOCK_WIDTH;
  use(doc, 'bold', 9);
  if (draw) doc.text(layout.formNumber, MARGIN, top, { lineBreak: false });
  let left = top + doc.currentLineHeight(true);
  let right = top;
  for (const [text, style] of [
    [layout.reportingUnitLine, 'regular'],
    [layout.receivingUnitLine, 'regular'],
    [layout.unitOfMeasureLine, 'italic'],
  ] as const) {
    use(doc, style, 8.5);
    const opts = { width: RIGHT_BLOCK_WIDTH, align: 'left' as const };
    if (draw) doc.text(text, rightX, right, opts);
    right += doc.heightOfString(text, opts);
  }
  let y = Math.max(left, right) + 4;
  use(doc, 'bold', 12);
  if (draw) doc.text(layout.title, MARGIN, y, { width: CONTENT_WIDTH, align: 'center' });
  y += doc.heightOfString(layout.title, { width: CONTENT_WIDTH }) + 1;
  use(doc, 'italic', 9);
  if (draw) doc.text(layout.periodLine, MARGIN, y, { width: CONTENT_WIDTH, align: 'center' });
  y += doc.heightOfString(layout.periodLine, { width: CONTENT_WIDTH }) + 6;
  left = y;
  return left;
}

function cellBox(doc: Doc, x: number, y: number, w: number, h: number): void {
  doc.rect(x, y, w, h).stroke();
}

/** Text in a box, vertically centred. */
function boxText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  m: TableMetrics,
  align: 'left' | 'center' | 'right',
): void {
  if (!text) return;
  const opts = { width: w - 2 * m.pad, align };
  const th = doc.heightOfString(text, opts);
  doc.text(text, x + m.pad, y + Math.max(m.padY * 0.5, (h - th) / 2), opts);
}

function columnX(m: TableMetrics, col: number): number {
  return MARGIN + m.widths.slice(0, col).reduce((a, b) => a + b, 0);
}

function headingHeight(m: TableMetrics): number {
  return m.headingHeights[0] + m.headingHeights[1] + m.numberingHeight;
}

function drawHeading(doc: Doc, layout: FormLayout, m: TableMetrics, top: number): number {
  use(doc, 'bold', m.headingSize);
  for (const h of layout.heading) {
    const x = columnX(m, h.col);
    const y = h.row === 0 ? top : top + m.headingHeights[0];
    const w = m.widths.slice(h.col, h.col + h.colSpan).reduce((a, b) => a + b, 0);
    const hh =
      h.rowSpan === 2
        ? m.headingHeights[0] + m.headingHeights[1]
        : m.headingHeights[h.row as 0 | 1];
    cellBox(doc, x, y, w, hh);
    boxText(doc, h.text, x, y, w, hh, m, 'center');
  }
  const y = top + m.headingHeights[0] + m.headingHeights[1];
  use(doc, 'italic', m.headingSize);
  layout.numbering.forEach((text, col) => {
    const x = columnX(m, col);
    cellBox(doc, x, y, m.widths[col]!, m.numberingHeight);
    boxText(doc, text, x, y, m.widths[col]!, m.numberingHeight, m, 'center');
  });
  return y + m.numberingHeight;
}

function drawRow(
  doc: Doc,
  layout: FormLayout,
  m: TableMetrics,
  index: number,
  top: number,
): number {
  const row = layout.rows[index]!;
  const h = m.rowHeights[index]!;
  use(doc, row.emphasis ? 'bold' : 'regular', m.size);
  cellBox(doc, MARGIN, top, m.widths[0]!, h);
  boxText(doc, row.label, MARGIN, top, m.widths[0]!, h, m, row.emphasis ? 'center' : 'left');
  row.cells.forEach((cell, j) => {
    const x = columnX(m, j + 1);
    cellBox(doc, x, top, m.widths[j + 1]!, h);
    boxText(doc, formatCell(cell), x, top, m.widths[j + 1]!, h, m, 'right');
  });
  return top + h;
}

const FOOTER_GAP = 8;

function drawFooter(doc: Doc, layout: FormLayout, top: number, draw = true): number {
  const { footer } = layout;
  const rightW = RIGHT_BLOCK_WIDTH;
  const rightX = PAGE_WIDTH - MARGIN - rightW;
  const leftX = MARGIN;
  const put = (
    text: string,
    style: FontStyle,
    size: number,
    x: number,
    y: number,
    width: number,
  ) => {
    use(doc, style, size);
    if (draw && text) doc.text(text, x, y, { width, align: 'center' });
    return doc.currentLineHeight(true);
  };
  let y = top;
  y += put(footer.placeDate, 'italic', 9, rightX, y, rightW);
  const titleH = Math.max(
    put(footer.preparedByTitle, 'bold', 9.5, leftX, y, FOOTER_LEFT_WIDTH),
    put(footer.signerTitle, 'bold', 9.5, rightX, y, rightW),
  );
  y += titleH;
  const hintH = Math.max(
    put(footer.preparedByHint, 'italic', 8, leftX, y, FOOTER_LEFT_WIDTH),
    put(footer.signerHint, 'italic', 8, rightX, y, rightW),
  );
  y += hintH + SIGNATURE_SPACE;
  const nameH = Math.max(
    put(footer.preparedBy, 'bold', 9.5, leftX, y, FOOTER_LEFT_WIDTH),
    put(footer.signer, 'bold', 9.5, rightX, y, rightW),
  );
  return y + nameH;
}

/** The body size: the largest that fits the form on one page, else the largest that fits the width. */
function chooseMetrics(doc: Doc, layout: FormLayout): TableMetrics {
  const fixed =
    headerBlockHeight(doc, layout) + FOOTER_GAP + (drawFooter(doc, layout, 0, false) - 0);
  for (const size of ONE_PAGE_SIZES) {
    const m = measureTable(doc, layout, size);
    if (!m) continue;
    const body = m.rowHeights.reduce((a, b) => a + b, 0);
    if (MARGIN + fixed + headingHeight(m) + body <= BOTTOM) return m;
  }
  for (let size = ONE_PAGE_SIZES[0]!; size >= MIN_SIZE; size -= 0.25) {
    const m = measureTable(doc, layout, size);
    if (m) return m;
  }
  return measureTable(doc, layout, MIN_SIZE, true)!;
}

function drawForm(doc: Doc, layout: FormLayout): void {
  const m = chooseMetrics(doc, layout);
  doc.addPage();
  doc.lineWidth(0.5);
  const footerHeight = drawFooter(doc, layout, 0, false);
  let y = drawHeaderBlock(doc, layout, MARGIN);
  y = drawHeading(doc, layout, m, y);
  let rowsOnPage = 0;
  layout.rows.forEach((_, i) => {
    // The last row goes with the footer, so that no page holds the signatures alone.
    const last = i === layout.rows.length - 1;
    const need = m.rowHeights[i]! + (last ? FOOTER_GAP + footerHeight : 0);
    if (y + need > BOTTOM && rowsOnPage > 0) {
      doc.addPage();
      doc.lineWidth(0.5);
      y = drawHeading(doc, layout, m, MARGIN);
      rowsOnPage = 0;
    }
    y = drawRow(doc, layout, m, i, y);
    rowsOnPage += 1;
  });
  if (y + FOOTER_GAP + footerHeight > BOTTOM) {
    doc.addPage();
    y = MARGIN - FOOTER_GAP;
  }
  drawFooter(doc, layout, y + FOOTER_GAP);
}

/** Biểu 01 (cases) then Biểu 02 (money) as the bytes of one PDF, A4 landscape, fonts embedded. */
export async function renderFormsPdf(input: FormInput): Promise<Uint8Array> {
  const layouts = [buildFormLayout(input, 'cases'), buildFormLayout(input, 'money')];
  const stamp = new Date(`${input.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    // Margins are handled here; pdfkit's own are 0 so that it never breaks a page by itself.
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    info: {
      Title: `${layouts[0]!.title}; ${layouts[1]!.title}`,
      Author: input.reportingUnit.name,
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
  for (const layout of layouts) drawForm(doc, layout);
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
