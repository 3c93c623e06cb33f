/**
 * The 审查意见书 as PDF (pdfkit): A4 with 公文 margins, the Noto CJK fonts embedded (subset), the
 * tables breaking across pages with repeated headers, the map as vectors, and "第 N 页 共 M 页" in the
 * footer (pages are buffered so the total is known when the footers are written).
 */
import PDFDocument from "pdfkit";
import type { ReviewReport } from "../types.ts";
import type { CjkFonts, FontFace } from "./cjk-fonts.ts";
import { buildReportDocument, pageHeaderText, REPORT_TITLE, type ReportBlock, type ReportDocumentOptions } from "./document-model.ts";
import { buildMapScene } from "./map-scene.ts";
import { drawMapScene } from "./pdf-map.ts";
import { drawPdfTable, type PdfPageBox } from "./pdf-table.ts";

const MM = 72 / 25.4;
/** GB/T 9704 公文 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const A4 = { width: 595.28, height: 841.89 };

const FONT = { body: "body", bold: "body-bold", hei: "hei", sans: "sans" } as const;

function register(doc: PDFKit.PDFDocument, name: string, face: FontFace): void {
  if (face.postscriptName) doc.registerFont(name, face.path, face.postscriptName);
  else doc.registerFont(name, face.path);
}

export async function reviewPdf(report: ReviewReport, fonts: CjkFonts, options: ReportDocumentOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    autoFirstPage: true,
    // Screen readers pick the Chinese voice, and viewers show the title rather than a file name.
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: `${REPORT_TITLE}（${report.batchNo}）`,
      Author: report.createdBy,
      Subject: `${report.batchName} 第 ${report.version} 版审查意见`,
      CreationDate: new Date(report.createdAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  register(doc, FONT.body, fonts.serif);
  register(doc, FONT.bold, fonts.serifBold);
  register(doc, FONT.hei, fonts.sansBold);
  register(doc, FONT.sans, fonts.sans);

  const box: PdfPageBox = {
    left: MARGINS.left,
    width: A4.width - MARGINS.left - MARGINS.right,
    top: MARGINS.top,
    bottom: A4.height - MARGINS.bottom,
  };
  const newPage = () => {
    doc.addPage();
    doc.x = box.left;
    doc.y = box.top;
  };
  const room = () => box.bottom - doc.y;
  /** Starts a new page unless `need` points fit, so a heading is not left alone at the foot of a page. */
  const keep = (need: number) => {
    if (room() < need) newPage();
  };

  const blocks = buildReportDocument(report, options);
  for (const block of blocks) renderBlock(doc, block, report, box, { newPage, keep });

  // Header and footer on every page, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not trigger pdfkit's automatic page break.
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font(FONT.sans).fontSize(8).fillColor("#555555");
    doc.text(pageHeaderText(report, options), box.left, MARGINS.top - 30, {
      width: box.width,
      align: "right",
      lineBreak: false,
    });
    doc
      .moveTo(box.left, MARGINS.top - 18)
      .lineTo(box.left + box.width, MARGINS.top - 18)
      .lineWidth(0.5)
      .strokeColor("#888888")
      .stroke();
    doc.font(FONT.body).fontSize(10).fillColor("#000000");
    doc.text(`第 ${i - range.start + 1} 页 共 ${range.count} 页`, box.left, A4.height - MARGINS.bottom + 30, {
      width: box.width,
      align: "center",
      lineBreak: false,
    });
    doc.page.margins = saved;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

interface Flow {
  newPage: () => void;
  keep: (need: number) => void;
}

function renderBlock(doc: PDFKit.PDFDocument, block: ReportBlock, report: ReviewReport, box: PdfPageBox, flow: Flow): void {
  const at = { width: box.width };
  switch (block.kind) {
    case "title":
      doc
        .font(FONT.bold)
        .fontSize(22)
        .fillColor("#000000")
        .text(block.text, box.left, doc.y, { ...at, align: "center" });
      doc.moveDown(1);
      return;
    case "fields": {
      const labelWidth = 70;
      for (const [label, value] of block.rows) {
        const y = doc.y;
        doc.font(FONT.hei).fontSize(11).text(`${label}：`, box.left, y, { width: labelWidth });
        const yLabel = doc.y;
        doc
          .font(FONT.body)
          .fontSize(11)
          .text(value, box.left + labelWidth, y, { width: box.width - labelWidth });
        doc.y = Math.max(doc.y, yLabel) + 2;
      }
      doc.x = box.left;
      doc.moveDown(0.5);
      return;
    }
    case "heading":
      flow.keep(90);
      doc.moveDown(0.6);
      doc.font(FONT.hei).fontSize(14).fillColor("#000000").text(block.text, box.left, doc.y, at);
      doc.moveDown(0.4);
      return;
    case "subheading":
      flow.keep(70);
      doc.moveDown(0.3);
      doc.font(FONT.bold).fontSize(12).text(block.text, box.left, doc.y, at);
      doc.moveDown(0.3);
      return;
    case "paragraph":
      doc
        .font(block.emphasis ? FONT.bold : FONT.body)
        .fontSize(11)
        .fillColor("#000000")
        .text(block.text, box.left, doc.y, { ...at, indent: 22, lineGap: 3, paragraphGap: 3, align: "left" });
      return;
    case "table":
      drawPdfTable(doc, block, box, { regular: FONT.sans, bold: FONT.hei, header: FONT.hei }, flow.newPage);
      if (block.note) {
        doc.moveDown(0.3);
        doc.font(FONT.body).fontSize(8.5).text(`注：${block.note}`, box.left, doc.y, at);
      }
      doc.moveDown(0.8);
      return;
    case "map": {
      const width = box.width;
      const height = Math.round(width * 0.75);
      flow.keep(height + 30);
      const scene = buildMapScene(report, { width, height });
      const y = doc.y + 6;
      drawMapScene(doc, scene, box.left, y, { regular: FONT.sans, bold: FONT.hei });
      doc
        .font(FONT.body)
        .fontSize(9)
        .fillColor("#000000")
        .text(block.caption, box.left, y + height + 4, { ...at, align: "center" });
      doc.moveDown(0.8);
      return;
    }
    case "signature":
      flow.keep(100);
      doc.moveDown(1.5);
      for (const line of block.lines) {
        doc
          .font(FONT.body)
          .fontSize(12)
          .text(line, box.left, doc.y, { width: box.width - 24, align: "right" });
        doc.moveDown(0.5);
      }
      return;
  }
}
