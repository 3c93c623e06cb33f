/**
 * Second look at the 版头 (header zone) of a scanned page. The 发文字号 is one short line under a
 * large red title; on noisy scans tesseract sometimes reads it as noise while the body comes out
 * fine. Recognised on its own (the top third of the page), the same line usually comes out right.
 * Used only when the first pass found no document number, so clean pages pay nothing.
 */
import { PNG } from "pngjs";
import type { OcrEngine } from "./engine.ts";
import { extractDocNumbers } from "./extract/doc-number.ts";
import { normalizeForExtraction } from "./extract/normalize.ts";

const HEADER_FRACTION = 1 / 3;

export function hasDocNumber(text: string): boolean {
  return extractDocNumbers(normalizeForExtraction(text)).length > 0;
}

/** The top third of a PNG page, as PNG; null if the bytes are not a PNG. */
export function headerZone(png: Uint8Array): Uint8Array | null {
  let src: PNG;
  try {
    src = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch {
    return null;
  }
  const height = Math.max(1, Math.round(src.height * HEADER_FRACTION));
  const out = new PNG({ width: src.width, height });
  PNG.bitblt(src, out, 0, 0, src.width, height, 0, 0);
  return new Uint8Array(PNG.sync.write(out));
}

/**
 * The line(s) carrying the document number, read again from the header zone; null when that
 * finds none either. Only those lines are returned: the rest of the zone was read in the first
 * pass, and repeating it would count the title twice.
 */
export async function rereadHeader(engine: OcrEngine, png: Uint8Array, label: string): Promise<string | null> {
  const zone = headerZone(png);
  if (!zone) return null;
  const r = await engine.recognize(zone, { label: `${label}（版头）` });
  const lines = r.text.split("\n").filter((l) => hasDocNumber(l));
  return lines.length > 0 ? lines.join("\n") : null;
}
