import type { ReviewReport } from "../types.ts";
import type { CjkFonts } from "./cjk-fonts.ts";
import type { ReportDocumentOptions } from "./document-model.ts";

export async function reviewPdf(_report: ReviewReport, _fonts: CjkFonts, _options: ReportDocumentOptions = {}): Promise<Uint8Array> {
  throw new Error("not yet");
}
