/**
 * Synthetic 批文 and 公告 PDFs with embedded CJK text (Noto Sans CJK SC from Debian fonts-noto-cjk,
 * subset by pdfkit), and "scans" of them: pages rendered with pdftoppm, slightly rotated and noised
 * (deterministic, pngjs), wrapped back into an image-only PDF.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import PDFDocument from "pdfkit";
import { PNG } from "pngjs";
import { AppError } from "../../errors/app-error.ts";
import { createRng } from "../city/random.ts";

const run = promisify(execFile);

export const CJK_FONT_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const CJK_FONT_NAME = "NotoSansCJKsc-Regular";

let fontCache: Buffer | null = null;
async function cjkFont(): Promise<Buffer> {
  if (fontCache) return fontCache;
  try {
    fontCache = await readFile(CJK_FONT_PATH);
    return fontCache;
  } catch (e) {
    throw new AppError("CONFIG_INVALID", `CJK font missing: ${CJK_FONT_PATH}`, {
      messageZh: `生成中文 PDF 需要 Noto CJK 字体（${CJK_FONT_PATH}），请安装：apt-get install fonts-noto-cjk`,
      cause: e,
    });
  }
}

export interface PdfParcelRow {
  no: string;
  ha: string;
  mu: string;
  landClass: string;
  villages: string;
}

export interface PdfContent {
  /** Issuing body on the red header, e.g. 四川省人民政府. */
  issuer: string;
  /** 文件 / 公告 */
  headerSuffix: string;
  docNumber: string;
  title: string;
  /** Body paragraphs. */
  paragraphs: string[];
  parcels: PdfParcelRow[];
  totalRow: { ha: string; mu: string };
  signature: string;
  dateZh: string;
  /** Fixed creation date (keeps the bytes deterministic). */
  creationDate: Date;
}

export async function renderPdf(c: PdfContent): Promise<Uint8Array> {
  const font = await cjkFont();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    info: {
      Title: c.title,
      Author: c.issuer,
      Creator: "land seed",
      Producer: "pdfkit",
      CreationDate: c.creationDate,
      ModDate: c.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.registerFont("cjk", font, CJK_FONT_NAME);
  doc.font("cjk");
  const width = doc.page.width - 144;
  doc.fillColor("#c00000").fontSize(26).text(`${c.issuer}${c.headerSuffix}`, { align: "center", characterSpacing: 2 });
  doc.moveDown(0.4).fontSize(12).fillColor("black").text(c.docNumber, { align: "center" });
  const y = doc.y + 6;
  doc
    .moveTo(72, y)
    .lineTo(72 + width, y)
    .lineWidth(1.5)
    .strokeColor("#c00000")
    .stroke();
  doc.y = y + 14;
  doc.fontSize(17).fillColor("black").text(c.title, { align: "center" });
  doc.moveDown(0.8).fontSize(11.5);
  for (const p of c.paragraphs) doc.text(p, { indent: 23, lineGap: 4, align: "justify" }).moveDown(0.3);
  if (c.parcels.length > 0) {
    doc.moveDown(0.5);
    const cols = [0, 60, 150, 240, 300];
    const head = ["地块编号", "面积（公顷）", "面积（亩）", "主要地类", "所在村（社区）"];
    const row = (cells: string[]): void => {
      if (doc.y > doc.page.height - 110) doc.addPage();
      const top = doc.y;
      let bottom = top;
      cells.forEach((cell, k) => {
        const x = 72 + (cols[k] as number);
        const w = (k + 1 < cols.length ? (cols[k + 1] as number) : width) - (cols[k] as number) - 6;
        doc.text(cell, x, top, { width: w });
        bottom = Math.max(bottom, doc.y);
      });
      doc.x = 72;
      doc.y = bottom + 3;
    };
    doc.fontSize(10.5);
    row(head);
    for (const p of c.parcels) row([p.no, p.ha, p.mu, p.landClass, p.villages]);
    row(["合计", c.totalRow.ha, c.totalRow.mu, "", ""]);
  }
  doc.moveDown(1.5).fontSize(11.5);
  doc.text(c.signature, 72, doc.y, { align: "right", width });
  doc.text(c.dateZh, 72, doc.y, { align: "right", width });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const SCAN_DPI = 100;

/** Rotates by `degrees` around the centre (nearest neighbour) and adds grain and specks, in place of a grey RGBA image. */
function degrade(png: PNG, seed: string): PNG {
  const rng = createRng(`scan:${seed}`);
  const { width: w, height: h, data } = png;
  const out = new PNG({ width: w, height: h, colorType: 0 });
  const angle = ((rng.next() * 2 - 1) * 1.3 * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = w / 2;
  const cy = h / 2;
  const shade = 238 + rng.int(12);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      let v = shade;
      if (sx >= 0 && sy >= 0 && sx < w && sy < h) v = Math.min(shade, data[(sy * w + sx) * 4] as number);
      v += (rng.next() - 0.5) * 26;
      if (rng.next() < 0.0008) v = 40 + rng.int(60);
      const o = (y * w + x) * 4;
      const c = Math.max(0, Math.min(255, Math.round(v)));
      out.data[o] = c;
      out.data[o + 1] = c;
      out.data[o + 2] = c;
      out.data[o + 3] = 255;
    }
  }
  return out;
}

/** A "scan" of a PDF: every page rendered, degraded and wrapped into an image-only PDF. */
export async function scanPdf(pdf: Uint8Array, seed: string, creationDate: Date): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), "land-scan-"));
  try {
    const input = path.join(dir, "in.pdf");
    await writeFile(input, pdf);
    try {
      await run("pdftoppm", ["-r", String(SCAN_DPI), "-gray", "-png", input, path.join(dir, "page")]);
    } catch (e) {
      throw new AppError("CONFIG_INVALID", "pdftoppm failed (is poppler-utils installed?)", {
        messageZh: "生成扫描件需要 pdftoppm，请安装：apt-get install poppler-utils",
        cause: e,
      });
    }
    const pages = (await readdir(dir)).filter((f) => f.startsWith("page") && f.endsWith(".png")).sort();
    const doc = new PDFDocument({
      autoFirstPage: false,
      info: { Title: "扫描件", Producer: "scanner", CreationDate: creationDate, ModDate: creationDate },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (b: Buffer) => chunks.push(b));
    const done = new Promise<void>((resolve, reject) => {
      doc.on("end", () => resolve());
      doc.on("error", reject);
    });
    for (const [k, page] of pages.entries()) {
      const png = PNG.sync.read(await readFile(path.join(dir, page)));
      const noisy = degrade(png, `${seed}:${k}`);
      const bytes = PNG.sync.write(noisy, { colorType: 0 });
      const wPt = (noisy.width * 72) / SCAN_DPI;
      const hPt = (noisy.height * 72) / SCAN_DPI;
      doc.addPage({ size: [wPt, hPt], margin: 0 });
      doc.image(bytes, 0, 0, { width: wPt, height: hPt });
    }
    doc.end();
    await done;
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
