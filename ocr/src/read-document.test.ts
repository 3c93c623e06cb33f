import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppError } from "@land/shared";
import { Document, Packer, PageBreak, Paragraph, TextRun } from "docx";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { characterAccuracy } from "./accuracy.ts";
import { checkAgainstRecord } from "./checks.ts";
import type { OcrEngine } from "./engine.ts";
import { extractPages, summarize } from "./extract/index.ts";
import { createNativeOcr } from "./native.ts";
import { createOcrPool } from "./pool.ts";
import { readDocument } from "./read-document.ts";
import { imagePdf, replyPdf, type SyntheticReply, scanPages, syntheticReply } from "./testing/synthetic.ts";

const dir = mkdtempSync(path.join(tmpdir(), "land-ocr-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Uint8Array | string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

/** Everything a correct reading of a synthetic reply must yield: no error findings. */
function errorsAgainst(pagesText: string[], r: SyntheticReply): string[] {
  return checkAgainstRecord(extractPages(pagesText), r)
    .filter((f) => f.severity === "error")
    .map((f) => f.messageZh);
}

describe("text documents (no OCR)", () => {
  it("reads a text PDF through its text layer, page by page", async () => {
    const replies = [syntheticReply(1), syntheticReply(4)];
    const seen: number[] = [];
    const d = await readDocument(file("text.pdf", await replyPdf(replies)), {
      // An engine that must not be used: text pages never reach OCR.
      engine: { kind: "native", size: 1, recognize: () => Promise.reject(new Error("OCR used")), close: async () => {} },
      onPage: (p) => seen.push(p.page),
    });
    expect(d).toMatchObject({ kind: "pdf", ocrPages: 0, confidence: 100 });
    expect(d.pages.map((p) => p.source)).toEqual(["text-layer", "text-layer"]);
    expect(seen).toEqual([1, 2]);
    for (const [k, r] of replies.entries()) {
      expect(errorsAgainst([d.pages[k]?.text ?? ""], r)).toEqual([]);
      expect(characterAccuracy(d.pages[k]?.text ?? "", r.lines.join(""))).toBeGreaterThan(0.99);
    }
  });

  it("reads .docx paragraphs (split at page breaks) and GBK text files", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun("批准文号：川府土[2023]456号")] }),
            new Paragraph({ children: [new PageBreak(), new TextRun("面积十二点三五公顷，涉及青龙村。")] }),
          ],
        },
      ],
    });
    const docx = await readDocument(file("a.docx", new Uint8Array(await Packer.toBuffer(doc))));
    expect(docx.kind).toBe("docx");
    expect(docx.pages.map((p) => p.text)).toEqual(["批准文号：川府土[2023]456号", "面积十二点三五公顷，涉及青龙村。"]);
    const txt = await readDocument(file("gbk.txt", new Uint8Array(iconv.encode("二〇二三年五月六日 川府土（2023）456号", "gbk"))));
    expect(summarize(extractPages(txt.pages.map((p) => p.text)))).toMatchObject({
      docNumbers: ["川府土〔2023〕456号"],
      dates: ["2023-05-06"],
    });
  });

  it("rejects unreadable input with the file named", async () => {
    await expect(readDocument(path.join(dir, "missing.pdf"))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      location: { file: path.join(dir, "missing.pdf") },
    });
    const broken = file("broken.pdf", "%PDF-1.4\nnot really a pdf");
    await expect(readDocument(broken)).rejects.toMatchObject({ code: "VALIDATION_FAILED", location: { file: broken } });
  });

  it("names the apt package when poppler or chi_sim is missing", async () => {
    const pdf = file("p.pdf", await replyPdf([syntheticReply(3)]));
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      await expect(readDocument(pdf)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.messageZh.includes("poppler-utils"));
    } finally {
      process.env.PATH = saved;
    }
    await expect(createOcrPool({ langPath: dir })).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === "CONFIG_INVALID" && e.messageZh.includes("tesseract-ocr-chi-sim"),
    );
  });
});

// One page each through the pool and the CLI; the machines are shared, so time is generous.
describe("synthetic scans (OCR)", { timeout: 240_000 }, () => {
  const reply = syntheticReply(1);
  let scan: Uint8Array;
  let pool: OcrEngine;
  const progress: string[] = [];
  beforeAll(async () => {
    [scan] = (await scanPages(await replyPdf([reply]), { seed: 6 })) as [Uint8Array];
    pool = await createOcrPool({ size: 1, onProgress: (e) => progress.push(`${e.label} ${e.done}`) });
  });
  afterAll(() => pool.close());

  it("OCRs an image-only PDF page with the tesseract.js pool and finds every field", async () => {
    // Rendered at the scan's own resolution: upsampling to 300 dpi adds pixels, not detail.
    const d = await readDocument(file("scan.pdf", await imagePdf([scan])), { engine: pool, dpi: 200 });
    expect(d).toMatchObject({ kind: "pdf", ocrPages: 1 });
    expect(d.pages[0]?.source).toBe("ocr");
    expect(d.confidence).toBeGreaterThan(70);
    // One event per job: the page, and the header zone if the first pass lost the 发文字号.
    expect(progress[0]).toBe("第1页 1");
    expect(errorsAgainst([d.pages[0]?.text ?? ""], reply)).toEqual([]);
    expect(characterAccuracy(d.pages[0]?.text ?? "", reply.lines.join(""))).toBeGreaterThan(0.9);
  });

  it("gives the same fields through the native tesseract CLI behind the same interface", async () => {
    const native = await createNativeOcr({ size: 1 });
    try {
      const r = await native.recognize(scan, { words: true });
      expect(r.words?.length).toBeGreaterThan(10);
      expect(errorsAgainst([r.text], reply)).toEqual([]);
    } finally {
      await native.close();
    }
  });
});
