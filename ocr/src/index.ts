// @land/ocr — tesseract.js worker pool, PDF rendering and field extraction (disclosure subsystem).
// Its pieces land with the disclosure issue; `land doctor` already checks chi_sim and poppler.
export const OCR_LANGUAGE = "chi_sim";
