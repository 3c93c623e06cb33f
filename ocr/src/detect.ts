/** What kind of input a file is, by its first bytes (extensions lie; scanners name TIFFs .pdf). */
export type InputKind = "pdf" | "image" | "docx" | "text";

export function detectInputKind(bytes: Uint8Array, fileName = ""): InputKind {
  const b = (k: number): number => bytes[k] ?? -1;
  const ascii = (from: number, s: string): boolean => [...s].every((c, k) => b(from + k) === c.charCodeAt(0));
  if (ascii(0, "%PDF")) return "pdf";
  if (b(0) === 0x89 && ascii(1, "PNG")) return "image";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image";
  if ((ascii(0, "II") && b(2) === 42 && b(3) === 0) || (ascii(0, "MM") && b(2) === 0 && b(3) === 42)) return "image";
  if (ascii(0, "BM") && /\.bmp$/i.test(fileName)) return "image";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image";
  if (ascii(0, "PK\u0003\u0004")) return "docx";
  return "text";
}

/** UTF-8 when it decodes cleanly, else GB18030 (a superset of the GBK older systems export). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}
