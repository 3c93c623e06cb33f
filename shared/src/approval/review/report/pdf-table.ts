/**
 * A table for pdfkit that breaks across pages: rows are never split, the header row is drawn again
 * at the top of every page the table continues on, and cells wrap their text.
 */
import type { TableColumn } from "./document-model.ts";

export interface PdfTableFonts {
  regular: string;
  bold: string;
  header: string;
}

export interface PdfPageBox {
  left: number;
  width: number;
  top: number;
  /** y below which nothing may be drawn (bottom margin). */
  bottom: number;
}

export interface PdfTableInput {
  columns: TableColumn[];
  rows: string[][];
  total?: string[];
}

const PAD_X = 3;
const PAD_Y = 2.5;
export const TABLE_FONT_SIZE = 9;

function widthsOf(columns: TableColumn[], width: number): number[] {
  const sum = columns.reduce((s, c) => s + c.weight, 0);
  return columns.map((c) => (width * c.weight) / sum);
}

function rowHeight(doc: PDFKit.PDFDocument, cells: string[], widths: number[], font: string): number {
  doc.font(font).fontSize(TABLE_FONT_SIZE);
  let h = 0;
  widths.forEach((w, i) => {
    h = Math.max(h, doc.heightOfString(cells[i] || " ", { width: w - 2 * PAD_X }));
  });
  return h + 2 * PAD_Y;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  cells: string[],
  columns: TableColumn[],
  widths: number[],
  x0: number,
  y: number,
  h: number,
  kind: "header" | "body" | "total",
  fonts: PdfTableFonts,
): void {
  let x = x0;
  const font = kind === "header" ? fonts.header : kind === "total" ? fonts.bold : fonts.regular;
  columns.forEach((c, i) => {
    const w = widths[i] ?? 0;
    if (kind === "header") doc.rect(x, y, w, h).fillColor("#e7e6e6").fillOpacity(1).fill();
    doc.rect(x, y, w, h).lineWidth(0.5).strokeColor("#000000").stroke();
    const text = cells[i] ?? "";
    doc.font(font).fontSize(TABLE_FONT_SIZE).fillColor("#000000");
    const inner = h - 2 * PAD_Y;
    const th = Math.min(inner, doc.heightOfString(text || " ", { width: w - 2 * PAD_X }));
    doc.text(text, x + PAD_X, y + (h - th) / 2, {
      width: w - 2 * PAD_X,
      height: inner,
      ellipsis: true,
      align: kind === "header" ? "center" : c.align,
      lineBreak: true,
    });
    x += w;
  });
}

/**
 * Draws the table from doc.y, adding pages as needed (`newPage` adds one and returns the box).
 * Leaves doc.y below the table. Returns the number of pages the table started or continued on.
 */
export function drawPdfTable(
  doc: PDFKit.PDFDocument,
  table: PdfTableInput,
  box: PdfPageBox,
  fonts: PdfTableFonts,
  newPage: () => void,
): number {
  const widths = widthsOf(table.columns, box.width);
  const header = table.columns.map((c) => c.header);
  const headerH = rowHeight(doc, header, widths, fonts.header);
  const body: { cells: string[]; kind: "body" | "total" }[] = [
    ...table.rows.map((cells) => ({ cells, kind: "body" as const })),
    ...(table.total ? [{ cells: table.total, kind: "total" as const }] : []),
  ];
  let y = doc.y;
  let pages = 1;
  const firstH = body[0] ? rowHeight(doc, body[0].cells, widths, fonts.regular) : 0;
  // Never leave a header alone at the foot of a page.
  if (y + headerH + firstH > box.bottom) {
    newPage();
    y = box.top;
  }
  drawRow(doc, header, table.columns, widths, box.left, y, headerH, "header", fonts);
  y += headerH;
  let rowsOnPage = 0;
  const maxRow = box.bottom - box.top - headerH;
  for (const row of body) {
    // A row taller than a whole page (pathological text) is cut to the page rather than looping over blank pages.
    const h = Math.min(maxRow, rowHeight(doc, row.cells, widths, row.kind === "total" ? fonts.bold : fonts.regular));
    if (y + h > box.bottom && rowsOnPage > 0) {
      newPage();
      pages++;
      rowsOnPage = 0;
      y = box.top;
      drawRow(doc, header, table.columns, widths, box.left, y, headerH, "header", fonts);
      y += headerH;
    }
    drawRow(doc, row.cells, table.columns, widths, box.left, y, h, row.kind, fonts);
    y += h;
    rowsOnPage++;
  }
  doc.x = box.left;
  doc.y = y;
  return pages;
}
