/**
 * The native `tesseract` CLI behind the same interface as the pool: the fallback where
 * WebAssembly is not wanted, and the bench's reference. Each process is held to one thread
 * (OMP_THREAD_LIMIT=1) so `size` processes use `size` cores, like the pool.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "@land/shared";
import {
  DEFAULT_LANGUAGES,
  DEFAULT_TESSDATA,
  type OcrEngine,
  type OcrEngineOptions,
  type OcrResult,
  type OcrWord,
  type RecognizeOptions,
} from "./engine.ts";
import { missingTool } from "./errors.ts";
import { defaultPoolSize, TESSERACT_PARAMETERS } from "./pool.ts";
import { createWorkerQueue } from "./queue.ts";
import { assertTessdata } from "./tessdata.ts";

const run = promisify(execFile);

/** Words from tesseract's TSV (level 5 rows carry a word, its box and its confidence). */
export function parseTsvWords(tsv: string): OcrWord[] {
  const out: OcrWord[] = [];
  for (const line of tsv.split("\n").slice(1)) {
    const c = line.split("\t");
    if (c[0] !== "5" || c.length < 12) continue;
    const conf = Number(c[10]);
    const text = c[11] ?? "";
    if (conf < 0 || text.trim() === "") continue;
    const [x, y, w, h] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
    out.push({ text, confidence: conf, bbox: { x0: x, y0: y, x1: x + w, y1: y + h } });
  }
  return out;
}

export async function createNativeOcr(options: OcrEngineOptions & { binary?: string } = {}): Promise<OcrEngine> {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  const langPath = options.langPath ?? DEFAULT_TESSDATA;
  const languages = options.languages?.length ? options.languages : [...DEFAULT_LANGUAGES];
  const binary = options.binary ?? "tesseract";
  await assertTessdata(langPath, languages);
  try {
    await run(binary, ["--version"]);
  } catch (e) {
    throw missingTool(binary, "tesseract-ocr", e);
  }
  const queue = createWorkerQueue(
    Array.from({ length: size }, (_, k) => k),
    (label, done, pending) => options.onProgress?.({ label, done, pending }),
  );
  // The CLI takes the page segmentation mode as --psm, everything else as -c.
  const params = Object.entries(TESSERACT_PARAMETERS).flatMap(([k, v]) =>
    k === "tessedit_pageseg_mode" ? ["--psm", v] : ["-c", `${k}=${v}`],
  );
  return {
    kind: "native",
    size,
    recognize(image: Uint8Array | string, opts: RecognizeOptions = {}): Promise<OcrResult> {
      return queue.run(opts.label ?? "", async () => {
        const dir = await mkdtemp(path.join(tmpdir(), "land-ocr-"));
        try {
          let input = image;
          if (typeof input !== "string") {
            const file = path.join(dir, "in.img");
            await writeFile(file, input);
            input = file;
          }
          const out = path.join(dir, "out");
          try {
            await run(binary, [input, out, "--tessdata-dir", langPath, "-l", languages.join("+"), ...params, "txt", "tsv"], {
              env: { ...process.env, OMP_THREAD_LIMIT: "1" },
              maxBuffer: 64 * 1024 * 1024,
            });
          } catch (e) {
            throw new AppError("VALIDATION_FAILED", `tesseract failed: ${(e as Error).message}`, {
              messageZh: "图像无法识别（格式不受支持或已损坏）",
              location: { ...(typeof image === "string" ? { file: image } : {}), ...(opts.label ? { page: opts.label } : {}) },
              cause: e,
            });
          }
          const [text, tsv] = await Promise.all([readFile(`${out}.txt`, "utf8"), readFile(`${out}.tsv`, "utf8")]);
          const words = parseTsvWords(tsv);
          const confidence = words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
          return { text, confidence, ...(opts.words ? { words } : {}) };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    },
    async close() {},
  };
}
