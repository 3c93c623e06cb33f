/** The poppler-utils tools: page count, text layer, page rendering. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { missingTool, unreadableInput } from "./errors.ts";

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

/**
 * Runs a poppler tool; a missing tool or an unreadable file becomes a located error. `shownAs` is the
 * name errors give the file (callers pass poppler a private copy).
 */
export async function poppler(
  tool: string,
  args: string[],
  shownAs: string,
  encoding: "utf8" | "buffer",
  page?: number,
): Promise<string | Buffer> {
  try {
    const r = await run(tool, args, { maxBuffer: MAX_BUFFER, encoding });
    return r.stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string | Buffer };
    if (err.code === "ENOENT") throw missingTool(tool, "poppler-utils", e);
    const detail = String(err.stderr ?? err.message)
      .trim()
      .split("\n")[0];
    const err2 = unreadableInput(shownAs, `${tool}: ${detail}`, e);
    if (page !== undefined && err2.location) err2.location.page = page;
    throw err2;
  }
}

export async function pdfPageCount(file: string, shownAs = file): Promise<number> {
  const out = String(await poppler("pdfinfo", [file], shownAs, "utf8"));
  const m = /^Pages:\s+(\d+)/m.exec(out);
  if (!m) throw unreadableInput(shownAs, "pdfinfo 未报告页数 (no page count)");
  return Number(m[1]);
}

/** The text layer of every page (`-layout` keeps table columns apart); pages split on form feeds. */
export async function pdfTextPages(file: string, pages: number, shownAs = file): Promise<string[]> {
  const out = String(await poppler("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], shownAs, "utf8"));
  const parts = out.split("\f");
  return Array.from({ length: pages }, (_, k) => parts[k] ?? "");
}

/** One page as a greyscale PNG (300 dpi is what tesseract is tuned for). */
export async function renderPdfPage(file: string, page: number, dpi = 300, shownAs = file): Promise<Uint8Array> {
  const args = ["-r", String(dpi), "-gray", "-png", "-f", String(page), "-l", String(page), "-singlefile", file];
  const out = await poppler("pdftoppm", args, shownAs, "buffer", page);
  return new Uint8Array(out as Buffer);
}
