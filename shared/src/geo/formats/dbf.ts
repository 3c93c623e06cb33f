/**
 * dBASE III table writer for the Shapefile's attributes. Hand-written because the `dbf` package that
 * @mapbox/shp-write uses stores each UTF-16 code unit as one byte, which garbles Chinese; this one
 * encodes text as GBK (declared by language driver 0x4D and a .cpg) or UTF-8.
 */
import iconv from "iconv-lite";

export interface DbfField {
  name: string;
  type: "C" | "N";
  length: number;
  decimals?: number;
}

function encode(text: string, encoding: "gbk" | "utf8"): Uint8Array {
  const buf = encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Text cut to `max` bytes without splitting a character. */
function fit(text: string, max: number, encoding: "gbk" | "utf8"): Uint8Array {
  let s = text;
  let bytes = encode(s, encoding);
  while (bytes.length > max) {
    s = Array.from(s).slice(0, -1).join("");
    bytes = encode(s, encoding);
  }
  return bytes;
}

export function writeDbf(
  fields: readonly DbfField[],
  rows: readonly Record<string, string | number | null>[],
  encoding: "gbk" | "utf8",
): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(out.buffer);
  const now = new Date();
  out[0] = 0x03;
  out[1] = now.getUTCFullYear() - 1900;
  out[2] = now.getUTCMonth() + 1;
  out[3] = now.getUTCDate();
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  out[29] = encoding === "gbk" ? 0x4d : 0x00;
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    // Field names are at most 10 bytes (a Chinese name of 5 characters in GBK).
    out.set(fit(f.name, 10, encoding), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20;
    for (const f of fields) {
      const v = row[f.name];
      out.fill(0x20, at, at + f.length);
      if (v !== null && v !== undefined && v !== "") {
        if (f.type === "N") {
          const s = typeof v === "number" ? v.toFixed(f.decimals ?? 0) : String(v);
          const b = new TextEncoder().encode(s.slice(-f.length));
          out.set(b, at + f.length - b.length);
        } else out.set(fit(String(v), f.length, encoding), at);
      }
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}
