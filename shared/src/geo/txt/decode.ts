/** Bytes → text for the TXT format: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK. */
import iconv from "iconv-lite";
import type { TxtEncoding } from "./types.ts";

export interface DecodedText {
  text: string;
  encoding: TxtEncoding;
  bom: boolean;
  /** Number of U+FFFD replacement characters the decoder had to insert. */
  replaced: number;
}

const BOM = [0xef, 0xbb, 0xbf] as const;

function countReplacements(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === "\uFFFD") n++;
  return n;
}

/**
 * A file that decodes as strict UTF-8 is UTF-8: GBK text of any length practically never is valid UTF-8
 * (its lead bytes 0x81–0xFE are followed by bytes that break UTF-8 sequences), and pure ASCII is both.
 * Otherwise GBK (iconv-lite), the encoding of files from older desktop software.
 */
export function decodeTxtBytes(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: "utf8", bom, replaced: 0 };
  } catch {
    if (bom) {
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
      return { text, encoding: "utf8", bom, replaced: countReplacements(text) };
    }
    const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "gbk");
    return { text, encoding: "gbk", bom: false, replaced: countReplacements(text) };
  }
}

/** Text → bytes (no BOM). */
export function encodeTxtText(text: string, encoding: TxtEncoding): Uint8Array {
  if (encoding === "utf8") return new TextEncoder().encode(text);
  const buf = iconv.encode(text, "gbk");
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
