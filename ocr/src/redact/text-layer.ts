import { poppler } from "../poppler.ts";
import type { PlacedWord } from "./locate.ts";

export interface TextLayerPage {
  /** Page size in PDF points (1/72 inch), as pdftotext reports it. */
  width: number;
  height: number;
  /** Words by line in reading order, boxes in points from the top left. */
  lines: PlacedWord[][];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? ""),
  );

/** Parses `pdftotext -bbox-layout` output (XHTML: page → flow → block → line → word). */
export function parseBboxLayout(xhtml: string): TextLayerPage[] {
  const pages: TextLayerPage[] = [];
  for (const pm of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: PlacedWord[][] = [];
    for (const lm of (pm[3] ?? "").matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)) {
      const words: PlacedWord[] = [];
      for (const wm of (lm[1] ?? "").matchAll(
        /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g,
      )) {
        words.push({
          text: decodeEntities(wm[5] ?? ""),
          box: { x0: Number(wm[1]), y0: Number(wm[2]), x1: Number(wm[3]), y1: Number(wm[4]) },
        });
      }
      if (words.length > 0) lines.push(words);
    }
    pages.push({ width: Number(pm[1]), height: Number(pm[2]), lines });
  }
  return pages;
}

/** The text layer of every page with word boxes. */
export async function textLayer(file: string, shownAs = file): Promise<TextLayerPage[]> {
  return parseBboxLayout(String(await poppler("pdftotext", ["-bbox-layout", "-enc", "UTF-8", file, "-"], shownAs, "utf8")));
}

/** Pages (1-based) carrying an embedded image of at least `minPixels` (a scan, a photo, a stamped table). */
export async function pagesWithImages(file: string, minPixels = 150 * 150, shownAs = file): Promise<Set<number>> {
  const listing = String(await poppler("pdfimages", ["-list", file], shownAs, "utf8"));
  const pages = new Set<number>();
  for (const line of listing.split("\n").slice(2)) {
    const c = line.trim().split(/\s+/);
    const [page, width, height, type] = [Number(c[0]), Number(c[3]), Number(c[4]), c[2]];
    // smask rows are the alpha channels of images already listed.
    if (type === "image" && width * height >= minPixels) pages.add(page);
  }
  return pages;
}
