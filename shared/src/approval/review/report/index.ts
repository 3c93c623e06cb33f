/**
 * 审查意见书 renderers for a ReviewReport: DOCX (with the map as PNG), PDF (map as vectors), and the
 * map alone as SVG or PNG. Everything renders from the report only — no database, no network; the
 * CJK fonts for PDF and PNG come from the system (Debian: fonts-noto-cjk).
 */
import type { ReviewReport } from "../types.ts";
import type { ReportDocumentOptions } from "./document-model.ts";
import { reviewDocx } from "./docx.ts";

export type { ReportDocumentOptions } from "./document-model.ts";

export interface ReviewMapOptions {
  /** Pixels (PNG) or user units (SVG). */
  width: number;
  height: number;
}

export interface ReviewRenderOptions extends ReportDocumentOptions {
  /** Folders searched for the Noto CJK font files before the standard ones. */
  fontDirs?: string[];
}

/** The 审查意见书 as DOCX bytes. */
export async function renderReviewDocx(report: ReviewReport, options: ReviewRenderOptions = {}): Promise<Uint8Array> {
  return reviewDocx(report, null, options);
}
