/**
 * The redacted public copy of a document (GB/T 35273 去标识化): every page is rendered to an
 * image, the personal data the text masking finds (身份证号, 电话, names in 补偿清单) is located on
 * it — through the PDF's text layer, and by OCR where a page has no text layer or carries an
 * embedded image — and painted over with opaque boxes; the pages are rebuilt into an image-only
 * PDF (an image stays a PNG; a DOCX is typeset as a text PDF first). The copy has no text layer: nothing under a box can be selected or
 * extracted. Anything that cannot be checked (unsupported type, unreadable scan) is refused, so
 * the caller can fail closed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "@land/shared";
import type { PersonalDataKind } from "@land/shared/disclosure/public/mask-text";
import PDFDocument from "pdfkit";
import { readDocxPages } from "../docx.ts";
import type { OcrEngine, OcrWord } from "../engine.ts";
import { missingTool } from "../errors.ts";
import { pdfPageCount, renderPdfPage } from "../poppler.ts";
import { imagePdf } from "./image-pdf.ts";
import { groupLines, locatePersonalData, type PlacedWord, type RedactionBox } from "./locate.ts";
import { paintBoxes, pngSize } from "./paint.ts";
import { pagesWithImages, textLayer } from "./text-layer.ts";

const run = promisify(execFile);

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const REDACTABLE_TYPES = ["application/pdf", "image/png", "image/jpeg", DOCX] as const;
/** Typeset DOCX text in the public copy (Debian fonts-noto-cjk). */
export const COPY_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

export interface RedactedPage {
  page: number;
  /** How the words were found: the PDF's text layer, OCR of the rendered page, or both. */
  method: "text" | "ocr" | "text+ocr";
  boxes: number;
  kinds: Partial<Record<PersonalDataKind, number>>;
  /** Mean OCR word confidence (0–100) where OCR ran. */
  ocrConfidence?: number;
}

export interface RedactedDocument {
  bytes: Uint8Array;
  mediaType: "application/pdf" | "image/png";
  pages: RedactedPage[];
  boxes: number;
}

export interface RedactOptions {
  engine: OcrEngine;
  /** Resolution of the public copy's page images; 200 dpi keeps small print legible to readers and OCR (150 dpi turned 川府土 into 川府士). */
  dpi?: number;
  /** Resolution pages are OCRed at (tesseract is tuned for 300). */
  ocrDpi?: number;
  /** A page whose OCR words average below this confidence is refused: its personal data cannot be found reliably. */
  minConfidence?: number;
  /** Shown in errors. */
  fileName?: string;
}

export function redactionFailed(fileName: string, reason: string, reasonZh: string, cause?: unknown): AppError {
  return new AppError("REDACTION_FAILED", `redaction of ${fileName} failed: ${reason}`, {
    messageZh: `文件“${fileName}”脱敏未成功：${reasonZh}`,
    location: { file: fileName },
    cause,
  });
}

const scale = (w: PlacedWord, k: number): PlacedWord => ({
  text: w.text,
  box: { x0: w.box.x0 * k, y0: w.box.y0 * k, x1: w.box.x1 * k, y1: w.box.y1 * k },
});
const placed = (words: readonly OcrWord[]): PlacedWord[] =>
  words.filter((w) => w.text.trim() !== "").map((w) => ({ text: w.text.trim(), box: w.bbox }));

function summarise(page: number, method: RedactedPage["method"], boxes: RedactionBox[], ocrConfidence?: number): RedactedPage {
  const kinds: Partial<Record<PersonalDataKind, number>> = {};
  for (const b of boxes) kinds[b.kind] = (kinds[b.kind] ?? 0) + 1;
  return { page, method, boxes: boxes.length, kinds, ...(ocrConfidence === undefined ? {} : { ocrConfidence: Math.round(ocrConfidence) }) };
}

async function ocrWords(o: Required<Omit<RedactOptions, "fileName">> & { fileName: string }, image: Uint8Array | string, label: string) {
  const r = await o.engine.recognize(image, { words: true, label });
  const words = placed(r.words ?? []);
  if (words.length > 0 && r.confidence < o.minConfidence) {
    throw redactionFailed(
      o.fileName,
      `${label}: OCR confidence ${Math.round(r.confidence)} below ${o.minConfidence}`,
      `${label}识别置信度过低（${Math.round(r.confidence)}），无法确认其中没有个人信息`,
    );
  }
  return { words, confidence: r.confidence };
}

async function renderAll(file: string, dpi: number, dir: string): Promise<string[]> {
  try {
    await run("pdftoppm", ["-r", String(dpi), "-png", file, path.join(dir, "page")], { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw missingTool("pdftoppm", "poppler-utils", e);
    throw e;
  }
  // pdftoppm pads page numbers to the width of the last one: page-01.png … page-12.png.
  return (await readdir(dir))
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort((a, b) => Number(a.slice(5, -4)) - Number(b.slice(5, -4)))
    .map((f) => path.join(dir, f));
}

async function redactPdf(
  file: string,
  o: Required<Omit<RedactOptions, "fileName">> & { fileName: string },
  dir: string,
): Promise<RedactedDocument> {
  const count = await pdfPageCount(file, o.fileName);
  const [layer, imagePages, images] = await Promise.all([
    textLayer(file, o.fileName),
    pagesWithImages(file, undefined, o.fileName),
    renderAll(file, o.dpi, dir),
  ]);
  if (images.length !== count)
    throw redactionFailed(o.fileName, `rendered ${images.length} of ${count} pages`, `只渲染出 ${images.length}/${count} 页`);
  const pages: RedactedPage[] = [];
  const out: Uint8Array[] = [];
  for (let k = 0; k < count; k++) {
    const page = k + 1;
    const png = new Uint8Array(await readFile(images[k] as string));
    const { width } = pngSize(png);
    const lp = layer[k];
    const textLines = lp && lp.lines.length > 0 ? lp.lines.map((l) => l.map((w) => scale(w, width / lp.width))) : [];
    const needsOcr = textLines.length === 0 || imagePages.has(page);
    let boxes = locatePersonalData(textLines, "text");
    let confidence: number | undefined;
    if (needsOcr) {
      const scan = await renderPdfPage(file, page, o.ocrDpi, o.fileName);
      const r = await ocrWords(o, scan, `第${page}页`);
      confidence = r.confidence;
      const k2 = width / pngSize(scan).width;
      boxes = [...boxes, ...locatePersonalData(groupLines(r.words.map((w) => scale(w, k2))), "ocr")];
    }
    pages.push(summarise(page, textLines.length === 0 ? "ocr" : needsOcr ? "text+ocr" : "text", boxes, confidence));
    out.push(paintBoxes(png, boxes));
  }
  return { bytes: await imagePdf(out, o.dpi), mediaType: "application/pdf", pages, boxes: pages.reduce((s, p) => s + p.boxes, 0) };
}

/** Width and height from a JPEG's start-of-frame marker. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = bytes[i + 1] as number;
    const length = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        height: ((bytes[i + 5] as number) << 8) | (bytes[i + 6] as number),
        width: ((bytes[i + 7] as number) << 8) | (bytes[i + 8] as number),
      };
    }
    i += 2 + length;
  }
  throw new Error("no JPEG frame header");
}

/** A JPEG as PNG pixels at its own size: placed on a page of that many points and rendered at 72 dpi. */
async function jpegToPng(bytes: Uint8Array, dir: string): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  const { width, height } = jpegSize(bytes);
  doc.addPage({ size: [width, height], margin: 0 });
  doc.image(Buffer.from(bytes), 0, 0, { width, height });
  doc.end();
  await done;
  const file = path.join(dir, "jpeg.pdf");
  await writeFile(file, Buffer.concat(chunks));
  return renderPdfPage(file, 1, 72);
}

async function redactImage(
  bytes: Uint8Array,
  mediaType: string,
  o: Required<Omit<RedactOptions, "fileName">> & { fileName: string },
  dir: string,
): Promise<RedactedDocument> {
  const png = mediaType === "image/png" ? bytes : await jpegToPng(bytes, dir);
  const r = await ocrWords(o, png, "图像");
  const boxes = locatePersonalData(groupLines(r.words), "ocr");
  return { bytes: paintBoxes(png, boxes), mediaType: "image/png", pages: [summarise(1, "ocr", boxes, r.confidence)], boxes: boxes.length };
}

/**
 * A DOCX as a plain text PDF (its text, page breaks kept, typeset in Noto Sans CJK): the public copy of
 * a Word file is that PDF redacted like any other — the layout of the original is not kept.
 */
async function docxAsPdf(bytes: Uint8Array, fileName: string): Promise<Uint8Array> {
  const pages = await readDocxPages(bytes, fileName);
  let font: Buffer;
  try {
    font = await readFile(COPY_FONT);
  } catch (e) {
    throw redactionFailed(fileName, `font ${COPY_FONT} missing`, `缺少中文字体 ${COPY_FONT}（apt-get install fonts-noto-cjk）`, e);
  }
  const doc = new PDFDocument({ size: "A4", margin: 72, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.registerFont("sans", font, "NotoSansCJKsc-Regular");
  for (const page of pages.length > 0 ? pages : [""]) {
    doc.addPage();
    doc.font("sans").fontSize(12).text(page, { lineGap: 4 });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

export async function redactDocument(bytes: Uint8Array, mediaType: string, options: RedactOptions): Promise<RedactedDocument> {
  const o = { dpi: 200, ocrDpi: 300, minConfidence: 30, fileName: "文件", ...options };
  if (!(REDACTABLE_TYPES as readonly string[]).includes(mediaType)) {
    throw redactionFailed(
      o.fileName,
      `type ${mediaType} cannot be redacted`,
      `不支持对此类型（${mediaType}）的文件脱敏，只能以 PDF、DOCX 或 PNG/JPEG 图像主动公开`,
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), "land-redact-"));
  try {
    if (mediaType === "application/pdf" || mediaType === DOCX) {
      const file = path.join(dir, "in.pdf");
      await writeFile(file, mediaType === DOCX ? await docxAsPdf(bytes, o.fileName) : bytes);
      return await redactPdf(file, o, dir);
    }
    return await redactImage(bytes, mediaType, o, dir);
  } catch (e) {
    if (e instanceof AppError && e.code === "REDACTION_FAILED") throw e;
    const reason = e instanceof Error ? e.message : String(e);
    const zh = e instanceof AppError ? e.messageZh : "处理过程出错";
    throw redactionFailed(o.fileName, reason, zh, e);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
