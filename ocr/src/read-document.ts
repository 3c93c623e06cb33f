/**
 * Text of a PDF, image, .docx or text file, page by page. PDF pages with a text layer are read
 * directly; pages without enough text (scans) are rendered with pdftoppm and OCR'd. The OCR
 * engine starts only when a page needs it.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeText, detectInputKind, type InputKind } from "./detect.ts";
import { readDocxPages } from "./docx.ts";
import type { OcrEngine, OcrEngineOptions } from "./engine.ts";
import { unreadableInput } from "./errors.ts";
import { hasDocNumber, rereadHeader } from "./header-zone.ts";
import { createOcrPool } from "./pool.ts";
import { pdfPageCount, pdfTextPages, renderPdfPage } from "./poppler.ts";
import { createWorkerQueue } from "./queue.ts";

export interface DocumentPage {
  /** 1-based. */
  page: number;
  text: string;
  /** Where the text came from: the PDF text layer, OCR of a rendered page or image, or a text/docx file. */
  source: "text-layer" | "ocr" | "text";
  /** 0–100; 100 for text that was not OCR'd. */
  confidence: number;
}

export interface DocumentText {
  file: string;
  kind: InputKind;
  pages: DocumentPage[];
  text: string;
  /** Mean over pages, 0–100. */
  confidence: number;
  ocrPages: number;
}

export interface PageProgress {
  page: number;
  total: number;
  source: DocumentPage["source"];
}

export interface ReadDocumentOptions {
  /** Use this engine (not closed here); otherwise a pool is created on demand and closed after. */
  engine?: OcrEngine;
  engineOptions?: OcrEngineOptions;
  /** A page with fewer letters, digits and Han characters than this in its text layer is OCR'd. */
  minTextChars?: number;
  dpi?: number;
  onPage?: (p: PageProgress) => void;
}

const meaningfulChars = (s: string): number => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;

export async function readDocument(file: string, options: ReadDocumentOptions = {}): Promise<DocumentText> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw unreadableInput(
      file,
      code === "ENOENT" ? "文件不存在 (not found)" : code === "EISDIR" ? "是目录 (a directory)" : String(code),
      e,
    );
  }
  return readDocumentBytes(bytes, file, options);
}

export async function readDocumentBytes(bytes: Uint8Array, file: string, options: ReadDocumentOptions = {}): Promise<DocumentText> {
  const kind = detectInputKind(bytes, file);
  let engine = options.engine ?? null;
  let ownEngine: OcrEngine | null = null;
  const getEngine = async (): Promise<OcrEngine> => {
    if (engine) return engine;
    ownEngine = await createOcrPool(options.engineOptions);
    engine = ownEngine;
    return engine;
  };
  try {
    const pages = await readPages(bytes, file, kind, getEngine, options);
    const confidence = pages.length === 0 ? 0 : pages.reduce((s, p) => s + p.confidence, 0) / pages.length;
    return {
      file,
      kind,
      pages,
      text: pages.map((p) => p.text).join("\n\f"),
      confidence: Math.round(confidence * 10) / 10,
      ocrPages: pages.filter((p) => p.source === "ocr").length,
    };
  } finally {
    await (ownEngine as OcrEngine | null)?.close();
  }
}

async function readPages(
  bytes: Uint8Array,
  file: string,
  kind: InputKind,
  getEngine: () => Promise<OcrEngine>,
  options: ReadDocumentOptions,
): Promise<DocumentPage[]> {
  if (kind === "text") {
    options.onPage?.({ page: 1, total: 1, source: "text" });
    return [{ page: 1, text: decodeText(bytes), source: "text", confidence: 100 }];
  }
  if (kind === "docx") {
    const texts = await readDocxPages(bytes, file);
    texts.forEach((_, k) => {
      options.onPage?.({ page: k + 1, total: texts.length, source: "text" });
    });
    return texts.map((text, k) => ({ page: k + 1, text, source: "text", confidence: 100 }));
  }
  if (kind === "image") {
    const engine = await getEngine();
    const r = await engine.recognize(bytes, { label: "第1页" });
    const header = hasDocNumber(r.text) ? null : await rereadHeader(engine, bytes, "第1页");
    options.onPage?.({ page: 1, total: 1, source: "ocr" });
    return [{ page: 1, text: header ? `${header.trim()}\n${r.text}` : r.text, source: "ocr", confidence: r.confidence }];
  }
  return readPdfPages(bytes, file, getEngine, options);
}

async function readPdfPages(
  bytes: Uint8Array,
  file: string,
  getEngine: () => Promise<OcrEngine>,
  options: ReadDocumentOptions,
): Promise<DocumentPage[]> {
  // poppler reads files; a copy in a private directory also covers bytes that never were one.
  const dir = await mkdtemp(path.join(tmpdir(), "land-ocr-pdf-"));
  try {
    const pdf = path.join(dir, "in.pdf");
    await writeFile(pdf, bytes);
    const total = await pdfPageCount(pdf, file);
    const layer = await pdfTextPages(pdf, total, file);
    const min = options.minTextChars ?? 10;
    const pages: DocumentPage[] = [];
    const scanned: number[] = [];
    layer.forEach((text, k) => {
      if (meaningfulChars(text) >= min) {
        pages[k] = { page: k + 1, text, source: "text-layer", confidence: 100 };
        options.onPage?.({ page: k + 1, total, source: "text-layer" });
      } else scanned.push(k + 1);
    });
    if (scanned.length > 0) {
      const engine = await getEngine();
      // Render no further ahead than the engine can read, so a 500-page scan does not fill /tmp.
      const renderSlots = createWorkerQueue(Array.from({ length: engine.size }, (_, k) => k));
      await Promise.all(
        scanned.map(async (page) => {
          const png = await renderSlots.run(`第${page}页`, () => renderPdfPage(pdf, page, options.dpi ?? 300, file));
          const r = await engine.recognize(png, { label: `第${page}页` });
          let text = r.text;
          // The 发文字号 sits on the first pages; a second look at the header zone if it was lost.
          if (page <= 2 && !hasDocNumber(text)) {
            const header = await rereadHeader(engine, png, `第${page}页`);
            if (header) text = `${header.trim()}\n${text}`;
          }
          pages[page - 1] = { page, text, source: "ocr", confidence: r.confidence };
          options.onPage?.({ page, total, source: "ocr" });
        }),
      );
    }
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
