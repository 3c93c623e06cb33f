/**
 * 审查意见书 renderers for a ReviewReport: DOCX (with the map as PNG), PDF (map as vectors), and the
 * map alone as SVG or PNG. Everything renders from the report only — no database, no network; the
 * CJK fonts for PDF and PNG come from the system (Debian: fonts-noto-cjk).
 */
import type { ReviewReport } from "../types.ts";
import { locateCjkFonts, STANDARD_FONT_DIRS } from "./cjk-fonts.ts";
import type { ReportDocumentOptions } from "./document-model.ts";
import { buildMapScene } from "./map-scene.ts";
import { mapSceneToSvg } from "./map-svg.ts";

export { type CjkFonts, FONT_INSTALL_HINT, locateCjkFonts, STANDARD_FONT_DIRS } from "./cjk-fonts.ts";
export { buildReportDocument, REPORT_TITLE, type ReportBlock, type ReportDocumentOptions, type TableColumn } from "./document-model.ts";
export { areaCells, formatArea, formatDateZh, formatNumber, formatPercent } from "./format.ts";

export interface ReviewMapOptions {
  /** Pixels (PNG) or user units (SVG), 100–20000 each. */
  width: number;
  height: number;
  /** Folders searched for the Noto CJK fonts instead of the standard locations (PNG only). */
  fontDirs?: string[];
}

export interface ReviewRenderOptions extends ReportDocumentOptions {
  /** Folders searched for the Noto CJK fonts instead of the standard locations. */
  fontDirs?: string[];
}

// docx, pdfkit and resvg are imported on first use: this module is reachable from every `land` command
// and from the portal, and loading them up front costs start-up time for everyone else.

/** Pixel size of the map PNG embedded in the DOCX: 16 cm wide at about 250 dpi. */
const DOCX_MAP = { width: 1600, height: 1200 } as const;

/** The map alone: parcels (holes open), overlaps by kind with a legend, labels, scale bar, north arrow. */
export function renderReviewMapSvg(report: ReviewReport, options: ReviewMapOptions): string {
  return mapSceneToSvg(buildMapScene(report, options));
}

/** The map as PNG (resvg with the installed Noto CJK fonts). AppError CONFIG_INVALID when the fonts are missing. */
export async function renderReviewMapPng(report: ReviewReport, options: ReviewMapOptions): Promise<Uint8Array> {
  const fonts = locateCjkFonts(options.fontDirs ?? STANDARD_FONT_DIRS);
  const { svgToPng } = await import("./map-png.ts");
  return svgToPng(renderReviewMapSvg(report, options), fonts);
}

/** The 审查意见书 as DOCX bytes, the map embedded as PNG. */
export async function renderReviewDocx(report: ReviewReport, options: ReviewRenderOptions = {}): Promise<Uint8Array> {
  const png = await renderReviewMapPng(report, { ...DOCX_MAP, ...(options.fontDirs ? { fontDirs: options.fontDirs } : {}) });
  const { reviewDocx } = await import("./docx.ts");
  return reviewDocx(report, { png, ...DOCX_MAP }, options);
}

/** The 审查意见书 as PDF bytes (A4, Noto CJK embedded, map as vectors, 第 N 页 共 M 页). */
export async function renderReviewPdf(report: ReviewReport, options: ReviewRenderOptions = {}): Promise<Uint8Array> {
  const { reviewPdf } = await import("./pdf.ts");
  return reviewPdf(report, locateCjkFonts(options.fontDirs ?? STANDARD_FONT_DIRS), options);
}
