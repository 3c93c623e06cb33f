import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * One PDF page as a PNG for the clerk's side-by-side view: the same poppler call the OCR uses
 * (ocr/src/poppler.ts renderPdfPage), at screen resolution and in colour. The OCR package itself is
 * not imported here because it would pull tesseract.js into the portal bundle.
 */
export async function pdfPagePng(bytes: Uint8Array, page: number, dpi = 110): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), "land-page-"));
  try {
    const file = path.join(dir, "doc.pdf");
    await writeFile(file, bytes);
    const args = ["-r", String(dpi), "-png", "-f", String(page), "-l", String(page), "-singlefile", file];
    const out = await run("pdftoppm", args, { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
    return new Uint8Array(out.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
