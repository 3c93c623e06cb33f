import {
  createNativeOcr,
  type DocumentText,
  defaultPoolSize,
  extractPages,
  type FieldSummary,
  type OcrEngine,
  readDocument,
  summarize,
} from "@land/ocr";
import { type AppConfig, AppError, loadConfig } from "@land/shared";
import { EXIT, log, printJson } from "../output.ts";
import { type Progress, progress } from "../progress.ts";

export interface OcrExtractOptions {
  json?: boolean;
  workers?: string;
  engine?: string;
}

function usage(message: string, messageZh: string, option: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { messageZh, location: { option } });
}

/** Options as commander passes them (strings), checked; a bad value is a usage error (exit 1). */
function parseOptions(o: OcrExtractOptions): { json: boolean; workers: number | null; engine: "tesseract.js" | "native" } {
  const workers = o.workers === undefined ? null : Number(o.workers);
  if (workers !== null && (!Number.isInteger(workers) || workers < 1 || workers > 64))
    throw usage(`--workers must be an integer 1–64, got ${o.workers}`, `--workers 必须是 1–64 的整数，而不是 ${o.workers}`, "--workers");
  const engine = o.engine ?? "tesseract.js";
  if (engine !== "tesseract.js" && engine !== "native")
    throw usage(
      `--engine must be tesseract.js or native, got ${engine}`,
      `--engine 只能是 tesseract.js 或 native，而不是 ${engine}`,
      "--engine",
    );
  return { json: o.json === true, workers, engine };
}

function printHuman(d: DocumentText, s: FieldSummary): void {
  log(`文件 file: ${d.file}（${d.kind}，${d.pages.length} 页，其中 OCR ${d.ocrPages} 页，置信度 ${d.confidence}）`);
  for (const p of d.pages)
    log(
      `  第${p.page}页: ${p.source === "ocr" ? "OCR" : p.source === "text-layer" ? "文字层" : "文本"}，置信度 ${p.confidence.toFixed(0)}`,
    );
  log(`批准文号 doc numbers: ${s.docNumbers.join("、") || "—"}`);
  log(`日期 dates: ${s.dates.join("、") || "—"}`);
  log(`面积 areas: ${s.areas.map((a) => `${a.value}${a.unit}（${a.m2} m²，第${a.page}页）`).join("、") || "—"}`);
  log(`地名 places: ${s.places.join("、") || "—"}`);
  for (const n of s.noticePeriods) log(`公告期 notice period: ${n.text}${n.from ? `，${n.from} 至 ${n.to}` : ""}（第${n.page}页）`);
  for (const n of s.names) log(`${n.kind === "batch" ? "批次" : "项目"} name: ${n.name}（第${n.page}页）`);
}

/**
 * `land ocr extract FILE [--json]`: text of a PDF (text layer, OCR for scanned pages), image,
 * .docx or text file, and the fields found in it. Document numbers come out in the 〔〕 form.
 */
export async function ocrExtractCommand(file: string, rawOpts: OcrExtractOptions): Promise<number> {
  const opts = parseOptions(rawOpts);
  const config: AppConfig = loadConfig();
  const engineOptions = { langPath: config.tessdataPath, size: opts.workers ?? defaultPoolSize() };
  let bar: Progress | null = null;
  // The native engine is cheap to create (no workers); the pool starts only if a page needs
  // OCR, so text PDFs never pay for it.
  const engine: OcrEngine | null = opts.engine === "native" ? await createNativeOcr(engineOptions) : null;
  try {
    const d = await readDocument(file, {
      engineOptions,
      ...(engine ? { engine } : {}),
      onPage: (p) => {
        if (p.total < 2) return;
        bar ??= progress("识别 reading", p.total);
        bar.tick(`第${p.page}页`);
      },
    });
    (bar as Progress | null)?.stop();
    const s = summarize(extractPages(d.pages.map((p) => p.text)));
    if (opts.json) {
      printJson({
        ok: true,
        file: d.file,
        kind: d.kind,
        pages: d.pages.length,
        ocrPages: d.ocrPages,
        confidence: d.confidence,
        pageSources: d.pages.map((p) => ({ page: p.page, source: p.source, confidence: p.confidence })),
        ...s,
        text: d.text,
      });
    } else printHuman(d, s);
    return EXIT.ok;
  } finally {
    (bar as Progress | null)?.stop();
    await engine?.close();
  }
}
