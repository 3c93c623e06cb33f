/**
 * Documents carrying personal data for the redaction tests: a 补偿安置 notice with a 补偿清单
 * typeset in Noto CJK (a text PDF), and the same page "scanned" (a degraded PNG, no text layer).
 */
import { readFile } from "node:fs/promises";
import PDFDocument from "pdfkit";
import { SANS_FONT, scanPages } from "./synthetic.ts";

export const PERSONAL = {
  docNumber: "川府土〔2023〕456号",
  idNumber: "510124198001011234",
  mobile: "13812345678",
  listName: "张三丰",
  labelledName: "王小明",
  /** Plain text that must stay readable. */
  ordinary: ["批准文号", "征地补偿安置方案公告", "白云村"],
};

export async function personalDataPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", margins: { top: 72, bottom: 72, left: 72, right: 72 } });
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.registerFont("sans", await readFile(SANS_FONT), "NotoSansCJKsc-Regular");
  doc.font("sans").fontSize(20).text("征地补偿安置方案公告", { align: "center" }).moveDown(0.8);
  doc.fontSize(14);
  doc.text(`批准文号：${PERSONAL.docNumber}`).moveDown(0.4);
  doc.text("拟征收郫都区红光街道白云村集体土地，补偿清单如下：").moveDown(0.4);
  doc.text(`1  ${PERSONAL.listName}  ${PERSONAL.idNumber}  ${PERSONAL.mobile}  1.2亩`).moveDown(0.4);
  doc.text(`户主：${PERSONAL.labelledName}    地块编号 510117001001`).moveDown(0.4);
  doc.text("异议请于公告之日起三十日内向白云村村民委员会提出。");
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The same page scanned at 300 dpi (the resolution OCR is tuned for), lightly skewed. */
export async function personalDataScan(): Promise<Uint8Array> {
  const [page] = await scanPages(await personalDataPdf(), { dpi: 300, maxSkew: 0.2, grain: 8, seed: 7 });
  if (!page) throw new Error("no page rendered");
  return page;
}
