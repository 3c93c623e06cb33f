import type { PublicCopyRedactor } from "@land/shared/disclosure/public/public-copy";
import type { OcrEngine } from "../engine.ts";
import { createOcrPool } from "../pool.ts";
import { redactDocument } from "./redact-document.ts";

/**
 * The redactor the server hands to the public-copy use cases: redactDocument with a tesseract.js
 * pool started on the first scan that needs it (one worker by default — publication is rare and
 * the process also serves requests).
 */
export function createPublicCopyRedactor(o: { langPath?: string; size?: number } = {}): PublicCopyRedactor & { close(): Promise<void> } {
  let pool: Promise<OcrEngine> | null = null;
  const engine: OcrEngine = {
    kind: "tesseract.js",
    size: o.size ?? 1,
    async recognize(image, options) {
      pool ??= createOcrPool({ size: o.size ?? 1, ...(o.langPath ? { langPath: o.langPath } : {}) });
      return (await pool).recognize(image, options);
    },
    async close() {},
  };
  return {
    redact: ({ bytes, mediaType, fileName }) => redactDocument(bytes, mediaType, { engine, fileName }),
    async close() {
      const p = pool;
      pool = null;
      if (p) await (await p).close();
    },
  };
}
