import { createOcrPool, type OcrEngine, type OcrEngineOptions } from "@land/ocr";

/** An OCR pool started on the first scan that needs it (most harvested files have a text layer). */
export function lazyOcrPool(options: OcrEngineOptions = {}): OcrEngine {
  let pool: Promise<OcrEngine> | null = null;
  const get = () => {
    pool ??= createOcrPool(options);
    return pool;
  };
  return {
    kind: "tesseract.js",
    get size() {
      return options.size ?? 1;
    },
    async recognize(image, o) {
      return (await get()).recognize(image, o);
    },
    async close() {
      if (pool) await (await pool).close();
      pool = null;
    },
  };
}
