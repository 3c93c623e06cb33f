import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Document, Packer, Paragraph, TextRun } from "docx";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactText } from "../accuracy.ts";
import type { OcrEngine } from "../engine.ts";
import { createOcrPool } from "../pool.ts";
import { renderPdfPage } from "../poppler.ts";
import { PERSONAL, personalDataPdf, personalDataScan } from "../testing/personal-data.ts";
import { SANS_FONT } from "../testing/synthetic.ts";
import { redactDocument } from "./redact-document.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "land-redact-test-"));
let pool: OcrEngine;
beforeAll(async () => {
  pool = await createOcrPool({ size: 1 });
}, 120_000);
afterAll(async () => {
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pdftotext(bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return (await run("pdftotext", ["-enc", "UTF-8", file, "-"])).stdout;
}

/** What a reader of the public copy can get out of it: OCR of page 1 rendered at 300 dpi. */
async function ocrOfPdf(bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, `o-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return compactText((await pool.recognize(await renderPdfPage(file, 1, 300))).text);
}

function expectNoPersonalData(text: string) {
  for (const s of [PERSONAL.idNumber, PERSONAL.mobile, PERSONAL.listName, PERSONAL.labelledName]) expect(text).not.toContain(s);
  // Not even the parts the text masking keeps: the whole value is under the box.
  expect(text).not.toContain("51012419");
  expect(text).not.toMatch(/138\d{4}/);
  expect(text).not.toMatch(/\d{4}5678/);
}

describe("redactDocument — public copies without personal data", () => {
  it("a text PDF: the source carries the data; the copy has no text layer and OCR finds only ordinary text", async () => {
    const source = await personalDataPdf();
    const before = compactText(await pdftotext(source));
    for (const s of [PERSONAL.idNumber, PERSONAL.mobile, PERSONAL.listName, PERSONAL.labelledName, PERSONAL.docNumber])
      expect(before).toContain(s);

    const r = await redactDocument(source, "application/pdf", { engine: pool, fileName: "notice.pdf" });
    expect(r.mediaType).toBe("application/pdf");
    expect(r.pages).toEqual([expect.objectContaining({ page: 1, method: "text" })]);
    // 张三丰, 身份证号, 手机号, 王小明 — and nothing else on the page.
    expect(r.pages[0]?.kinds).toEqual({ name: 2, id_number: 1, phone: 1 });
    expect(r.boxes).toBe(4);

    expect(compactText(await pdftotext(r.bytes))).toBe("");
    const seen = await ocrOfPdf(r.bytes);
    expectNoPersonalData(seen);
    expect(seen).toContain("川府土");
    expect(seen).toContain("456号");
    for (const s of PERSONAL.ordinary) expect(seen).toContain(s);
  }, 180_000);

  it("a scanned PNG page: found by OCR, painted over, the rest still readable", async () => {
    const scan = await personalDataScan();
    const raw = compactText((await pool.recognize(scan)).text);
    for (const s of [PERSONAL.idNumber, PERSONAL.mobile, PERSONAL.listName]) expect(raw).toContain(s);

    const r = await redactDocument(scan, "image/png", { engine: pool, fileName: "scan.png" });
    expect(r.mediaType).toBe("image/png");
    expect(r.pages[0]?.method).toBe("ocr");
    expect(r.boxes).toBeGreaterThanOrEqual(4);
    const seen = compactText((await pool.recognize(r.bytes)).text);
    expectNoPersonalData(seen);
    expect(seen).toContain("川府土");
    expect(seen).toContain("456号");
    expect(seen).toContain("白云村");
  }, 180_000);

  it("a JPEG photo of the page: redacted as a PNG", async () => {
    const src = path.join(dir, "page.pdf");
    writeFileSync(src, await personalDataPdf());
    await run("pdftoppm", ["-r", "250", "-jpeg", "-singlefile", src, path.join(dir, "photo")]);
    const jpeg = new Uint8Array(readFileSync(path.join(dir, "photo.jpg")));
    const r = await redactDocument(jpeg, "image/jpeg", { engine: pool, fileName: "photo.jpg" });
    expect(r.mediaType).toBe("image/png");
    expect(r.boxes).toBeGreaterThanOrEqual(4);
    const seen = compactText((await pool.recognize(r.bytes)).text);
    expectNoPersonalData(seen);
    expect(seen).toContain("白云村");
  }, 180_000);

  it("a text PDF carrying a scanned 补偿清单 as an image: the image is OCRed too (text+ocr)", async () => {
    const doc = new PDFDocument({ size: "A4", margin: 40 });
    const chunks: Buffer[] = [];
    doc.on("data", (b: Buffer) => chunks.push(b));
    const done = new Promise((resolve) => doc.on("end", resolve));
    doc.registerFont("sans", readFileSync(SANS_FONT), "NotoSansCJKsc-Regular");
    doc.font("sans").fontSize(14).text("附件：补偿清单（扫描件）");
    // The scan (300 dpi A4) placed at its real size under the heading.
    doc.image(Buffer.from(await personalDataScan()), 40, 70, { width: 515 });
    doc.end();
    await done;
    const r = await redactDocument(new Uint8Array(Buffer.concat(chunks)), "application/pdf", { engine: pool, fileName: "mixed.pdf" });
    expect(r.pages[0]?.method).toBe("text+ocr");
    expect(r.pages[0]?.kinds).toMatchObject({ id_number: 1, phone: 1 });
    const seen = await ocrOfPdf(r.bytes);
    expectNoPersonalData(seen);
    expect(seen).toContain("补偿清单");
  }, 180_000);

  it("a DOCX: typeset as a PDF, then redacted like one", async () => {
    const lines = [
      "征收土地公告",
      `批准文号：${PERSONAL.docNumber}`,
      `1  ${PERSONAL.listName}  ${PERSONAL.idNumber}  ${PERSONAL.mobile}`,
      `户主：${PERSONAL.labelledName}`,
      "白云村村民委员会",
    ];
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }),
    );
    const r = await redactDocument(new Uint8Array(docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", {
      engine: pool,
      fileName: "gonggao.docx",
    });
    expect(r.mediaType).toBe("application/pdf");
    expect(r.pages[0]?.kinds).toEqual({ name: 2, id_number: 1, phone: 1 });
    expect(compactText(await pdftotext(r.bytes))).toBe("");
    const seen = await ocrOfPdf(r.bytes);
    expectNoPersonalData(seen);
    expect(seen).toContain("川府土");
    expect(seen).toContain("白云村");
  }, 180_000);

  it("refuses what it cannot check: other types, a broken DOCX, a broken PDF", async () => {
    await expect(redactDocument(new Uint8Array([1, 2, 3]), "application/zip", { engine: pool })).rejects.toMatchObject({
      code: "REDACTION_FAILED",
      messageZh: expect.stringContaining("不支持"),
    });
    await expect(
      redactDocument(
        new TextEncoder().encode("PK\u0003\u0004"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        { engine: pool },
      ),
    ).rejects.toMatchObject({
      code: "REDACTION_FAILED",
    });
    await expect(
      redactDocument(new TextEncoder().encode("%PDF-1.4 broken"), "application/pdf", { engine: pool, fileName: "bad.pdf" }),
    ).rejects.toMatchObject({
      code: "REDACTION_FAILED",
      messageZh: expect.stringContaining("bad.pdf"),
    });
  });
});
