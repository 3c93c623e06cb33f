/** The text of a .docx (word/document.xml), paragraph per line, split at explicit page breaks. */
import yauzl from "yauzl";
import { unreadableInput } from "./errors.ts";

/** A document.xml beyond this is not a letter or a notice; refuse rather than inflate a zip bomb. */
const MAX_XML_BYTES = 64 * 1024 * 1024;

function readEntry(bytes: Uint8Array, name: string, file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(unreadableInput(file, "不是有效的 docx (not a zip)", err));
      let found = false;
      zip.on("error", (e: Error) => reject(unreadableInput(file, "docx 已损坏 (corrupt zip)", e)));
      zip.on("end", () => {
        if (!found) reject(unreadableInput(file, `docx 中没有 ${name}`));
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        found = true;
        if (entry.uncompressedSize > MAX_XML_BYTES) return reject(unreadableInput(file, `${name} 过大`));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(unreadableInput(file, "docx 已损坏", e));
          const chunks: Buffer[] = [];
          let total = 0;
          stream.on("data", (c: Buffer) => {
            total += c.length;
            if (total > MAX_XML_BYTES) stream.destroy(new Error("too large"));
            else chunks.push(c);
          });
          stream.on("error", (se) => reject(unreadableInput(file, "docx 已损坏", se)));
          stream.on("end", () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
        });
      });
      zip.readEntry();
    });
  });
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e.startsWith("#x") || e.startsWith("#X")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? all;
  });
}

/** Only w:t runs count: deleted text (w:delText) and field codes (w:instrText) are not shown. */
const TOKEN = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\b[^>]*\/>|<w:br\b([^>]*)\/>|<w:cr\b[^>]*\/>|<\/w:p>/g;

export function documentXmlPages(xml: string): string[] {
  const pages: string[] = [];
  let cur = "";
  for (const m of xml.matchAll(TOKEN)) {
    const tag = m[0];
    if (m[1] !== undefined) cur += decodeEntities(m[1]);
    else if (tag.startsWith("<w:tab")) cur += "\t";
    else if (tag.startsWith("<w:br") && /w:type="page"/.test(m[2] ?? "")) {
      pages.push(cur);
      cur = "";
    } else cur += "\n";
  }
  pages.push(cur);
  return pages.map((p) => p.replace(/\n{3,}/g, "\n\n").trim());
}

export async function readDocxPages(bytes: Uint8Array, file: string): Promise<string[]> {
  const xml = (await readEntry(bytes, "word/document.xml", file)).toString("utf8");
  return documentXmlPages(xml);
}
