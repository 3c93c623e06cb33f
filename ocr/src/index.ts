// @land/ocr — reading approval documents (text layer, tesseract.js OCR of scans, .docx, text),
// extracting their fields and checking them against the database record (disclosure subsystem).
export { characterAccuracy, compactText, editDistance } from "./accuracy.ts";
export {
  type CheckOptions,
  checkAgainstRecord,
  completeness,
  type ExpectedRecord,
  expectedRecordSchema,
  type Finding,
  type FindingField,
  type MissingDocument,
} from "./checks.ts";
export { decodeText, detectInputKind, type InputKind } from "./detect.ts";
export {
  DEFAULT_LANGUAGES,
  DEFAULT_TESSDATA,
  type OcrEngine,
  type OcrEngineOptions,
  type OcrProgressEvent,
  type OcrResult,
  type OcrWord,
  type RecognizeOptions,
} from "./engine.ts";
export { tessdataPackage } from "./errors.ts";
export * from "./extract/index.ts";
export { createNativeOcr } from "./native.ts";
export { createOcrPool, defaultPoolSize, TESSERACT_PARAMETERS } from "./pool.ts";
export { pdfPageCount, pdfTextPages, renderPdfPage } from "./poppler.ts";
export {
  type DocumentPage,
  type DocumentText,
  type PageProgress,
  type ReadDocumentOptions,
  readDocument,
  readDocumentBytes,
} from "./read-document.ts";
export { REQUIRED_DOCUMENT_KINDS } from "./required-documents.ts";

/** The language the system reads by default (Debian package tesseract-ocr-chi-sim). */
export const OCR_LANGUAGE = "chi_sim";
export {
  REDACTABLE_TYPES,
  type RedactedDocument,
  type RedactedPage,
  type RedactOptions,
  redactDocument,
  redactionFailed,
} from "./redact/redact-document.ts";
export { createPublicCopyRedactor } from "./redact/redactor.ts";
