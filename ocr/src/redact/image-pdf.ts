import PDFDocument from "pdfkit";
import { PNG } from "pngjs";

/**
 * A PDF whose pages are the given PNG images at `dpi` (each page as large as its image): what a
 * scanner's "scan to PDF" produces, and how the redacted public copy is rebuilt — no text layer.
 */
export async function imagePdf(pngs: readonly Uint8Array[], dpi = 200): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Producer: "land redaction", Creator: "land" } });
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  for (const png of pngs) {
    const { width, height } = PNG.sync.read(Buffer.from(png));
    const [wPt, hPt] = [(width * 72) / dpi, (height * 72) / dpi];
    doc.addPage({ size: [wPt, hPt], margin: 0 });
    doc.image(Buffer.from(png), 0, 0, { width: wPt, height: hPt });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
