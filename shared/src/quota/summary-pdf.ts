/**
 * The printable 计划指标 summary for leadership (PDF, A4): a year's balances per 区县, the trend over
 * the years, 批而未供 by age and 已供土地 by 闲置 stage — the dashboard's tables on paper, with the
 * Noto CJK fonts embedded (the same lookup as the 审查意见书).
 */
import PDFDocument from "pdfkit";
import { type CjkFonts, type FontFace, locateCjkFonts } from "../approval/review/report/cjk-fonts.ts";

export interface QuotaSummary {
  title: string;
  asOf: string;
  generatedBy: string;
  sections: { heading: string; headers: string[]; rows: (string | number)[][] }[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

function register(doc: PDFKit.PDFDocument, name: string, face: FontFace): void {
  if (face.postscriptName) doc.registerFont(name, face.path, face.postscriptName);
  else doc.registerFont(name, face.path);
}

/** Fonts default to the installed Noto CJK (AppError CONFIG_INVALID with the install command when missing). */
export async function quotaSummaryPdf(s: QuotaSummary, fonts: CjkFonts = locateCjkFonts()): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: { Title: s.title },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  register(doc, "sans", fonts.sans);
  register(doc, "bold", fonts.sansBold);
  const width = A4.width - 2 * MARGIN;
  const bottom = A4.height - MARGIN;
  doc.font("bold").fontSize(16).text(s.title, { align: "center" });
  doc.moveDown(0.3).font("sans").fontSize(9).fillColor("#334155").text(`截至 ${s.asOf} · 制表 ${s.generatedBy}`, { align: "center" });
  doc.fillColor("#000000");
  for (const section of s.sections) {
    doc.moveDown(0.8).font("bold").fontSize(11).text(section.heading, MARGIN);
    const colW = width / section.headers.length;
    const line = (cells: (string | number)[], font: string) => {
      if (doc.y + 16 > bottom) doc.addPage();
      const y = doc.y;
      doc.font(font).fontSize(8.5);
      cells.forEach((c, i) => {
        const numeric = typeof c === "number";
        doc.text(numeric ? c.toFixed(2) : c, MARGIN + i * colW + 2, y, {
          width: colW - 4,
          align: numeric ? "right" : "left",
          lineBreak: false,
        });
      });
      doc
        .moveTo(MARGIN, y + 13)
        .lineTo(MARGIN + width, y + 13)
        .lineWidth(0.3)
        .strokeColor("#94a3b8")
        .stroke();
      doc.y = y + 16;
    };
    line(section.headers, "bold");
    for (const r of section.rows) line(r, "sans");
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font("sans")
      .fontSize(8)
      .text(`第 ${i + 1} 页 共 ${range.count} 页`, MARGIN, A4.height - MARGIN + 20, { width, align: "center", lineBreak: false });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
