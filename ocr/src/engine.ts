/** What both OCR back ends (tesseract.js pool, native tesseract CLI) offer. */

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  words?: OcrWord[];
}

export interface RecognizeOptions {
  /** Shown in progress events (e.g. "第3页"). */
  label?: string;
  /** Also return words with boxes (slower). */
  words?: boolean;
}

export interface OcrProgressEvent {
  label: string;
  /** Jobs finished since the engine was created. */
  done: number;
  /** Jobs queued or running now. */
  pending: number;
}

export interface OcrEngine {
  readonly kind: "tesseract.js" | "native";
  /** Pages recognised in parallel. */
  readonly size: number;
  /** An image (PNG, JPEG, TIFF, BMP) as bytes or a file path. */
  recognize(image: Uint8Array | string, options?: RecognizeOptions): Promise<OcrResult>;
  close(): Promise<void>;
}

export interface OcrEngineOptions {
  /** Parallel workers; default max(1, CPUs − 1) so the process serving requests keeps a core. */
  size?: number;
  /** Directory holding <lang>.traineddata (uncompressed, as the Debian packages install it). */
  langPath?: string;
  /** Default ["chi_sim"]; eng is added by callers that need Latin text. */
  languages?: string[];
  onProgress?: (e: OcrProgressEvent) => void;
}

export const DEFAULT_TESSDATA = "/usr/share/tesseract-ocr/5/tessdata";
export const DEFAULT_LANGUAGES: readonly string[] = ["chi_sim"];
