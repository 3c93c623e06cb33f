/**
 * A pool of tesseract.js workers (WebAssembly, one core each) reading the Debian traineddata
 * from disk: no download at run time, nothing written to the working directory.
 */
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { AppError } from "@land/shared";
import Tesseract from "tesseract.js";
import {
  DEFAULT_LANGUAGES,
  DEFAULT_TESSDATA,
  type OcrEngine,
  type OcrEngineOptions,
  type OcrResult,
  type OcrWord,
  type RecognizeOptions,
} from "./engine.ts";
import { createWorkerQueue } from "./queue.ts";
import { assertTessdata } from "./tessdata.ts";

export function defaultPoolSize(): number {
  return Math.max(1, cpus().length - 1);
}

/** Parameters both back ends use, so their output (and the bench) compare like for like. */
export const TESSERACT_PARAMETERS = {
  // chi_sim otherwise puts a space between every Han character.
  preserve_interword_spaces: "1",
  // 公文 are one column. Automatic layout analysis (PSM 3) drops short lines such as the
  // 发文字号 under the red header on noisy scans; one uniform block (PSM 6) keeps them
  // (synthetic scans: character accuracy 0.87 → 0.99 on the same page).
  tessedit_pageseg_mode: "6",
} as const;

function wordsOf(page: Tesseract.Page): OcrWord[] {
  const out: OcrWord[] = [];
  for (const block of page.blocks ?? [])
    for (const para of block.paragraphs)
      for (const line of para.lines) for (const w of line.words) out.push({ text: w.text, confidence: w.confidence, bbox: w.bbox });
  return out;
}

export async function createOcrPool(options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  const langPath = options.langPath ?? DEFAULT_TESSDATA;
  const languages = options.languages?.length ? options.languages : [...DEFAULT_LANGUAGES];
  await assertTessdata(langPath, languages);
  const workerOptions: Partial<Tesseract.WorkerOptions> = {
    langPath,
    // Debian installs plain .traineddata files, not the .gz the CDN serves.
    gzip: false,
    // The default cache writes <lang>.traineddata into the current directory.
    cacheMethod: "none",
    cachePath: path.join(tmpdir(), "land-ocr-cache"),
    logger: () => {},
    errorHandler: () => {},
  };
  // tesseract.js types the mode as its PSM enum; the value is the same string the CLI takes.
  const psm = Object.values(Tesseract.PSM).find((v) => v === TESSERACT_PARAMETERS.tessedit_pageseg_mode) ?? Tesseract.PSM.SINGLE_BLOCK;
  const settled = await Promise.allSettled(
    Array.from({ length: size }, async () => {
      const w = await Tesseract.createWorker(languages.join("+"), Tesseract.OEM.LSTM_ONLY, workerOptions);
      await w.setParameters({ ...TESSERACT_PARAMETERS, tessedit_pageseg_mode: psm });
      return w;
    }),
  );
  const workers = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw new AppError("INTERNAL", `tesseract.js worker failed to start: ${String(failed.reason)}`, {
      messageZh: "OCR 识别引擎（tesseract.js）启动失败",
      location: { langPath, languages: languages.join("+") },
      cause: failed.reason,
    });
  }
  const queue = createWorkerQueue(workers, (label, done, pending) => options.onProgress?.({ label, done, pending }));
  let closed = false;
  return {
    kind: "tesseract.js",
    size,
    recognize(image: Uint8Array | string, opts: RecognizeOptions = {}): Promise<OcrResult> {
      if (closed) return Promise.reject(new AppError("INTERNAL", "OCR pool is closed", { messageZh: "OCR 识别池已关闭" }));
      const input = typeof image === "string" ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength);
      return queue.run(opts.label ?? "", async (w) => {
        try {
          const r = await w.recognize(input, {}, { text: true, blocks: opts.words === true });
          return {
            text: r.data.text,
            confidence: r.data.confidence,
            ...(opts.words ? { words: wordsOf(r.data) } : {}),
          };
        } catch (e) {
          throw new AppError("VALIDATION_FAILED", `OCR failed: ${e instanceof Error ? e.message : String(e)}`, {
            messageZh: "图像无法识别（格式不受支持或已损坏）",
            location: { ...(typeof image === "string" ? { file: image } : {}), ...(opts.label ? { page: opts.label } : {}) },
            cause: e,
          });
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
