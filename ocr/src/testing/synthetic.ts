/**
 * Synthetic 批复 for tests and the bench: a text PDF typeset with Noto CJK (fonts-noto-cjk), its
 * pages rendered by pdftoppm as a scanner would, slightly rotated and noised with pngjs, and
 * wrapped back into an image-only PDF. The source text and fields come along for assertions.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "@land/shared";
import PDFDocument from "pdfkit";
import { PNG } from "pngjs";

const run = promisify(execFile);

export const SERIF_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
export const SANS_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

export interface SyntheticReply {
  docNumber: string;
  approvedOn: string;
  areaHa: number;
  places: string[];
  /** The lines drawn on the page, in reading order (the reference for character accuracy). */
  lines: string[];
}

const DISTRICTS = ["龙泉驿区", "新都区", "温江区", "双流区", "郫都区", "青白江区"];
const STREETS = ["大面街道", "十陵街道", "龙泉街道", "柳城街道", "大丰街道", "永宁街道"];
const VILLAGES = ["青龙村", "洪河社区", "白鹭村", "桂湖社区", "光华村", "万春村", "金马村", "清泉村"];
const CN = "〇一二三四五六七八九";

function cnYear(y: number): string {
  return [...String(y)].map((d) => CN[Number(d)]).join("");
}
function cnSmall(n: number): string {
  if (n < 10) return CN[n] as string;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : CN[tens]}十${n % 10 === 0 ? "" : CN[n % 10]}`;
}

/** The k-th reply: numbers, places and dates vary with k so every page is different. */
export function syntheticReply(k: number): SyntheticReply {
  const district = DISTRICTS[k % DISTRICTS.length] as string;
  const street = STREETS[(k * 7) % STREETS.length] as string;
  const v1 = VILLAGES[k % VILLAGES.length] as string;
  const v2 = VILLAGES[(k + 3) % VILLAGES.length] as string;
  const year = 2019 + (k % 6);
  const month = 1 + ((k * 5) % 12);
  const day = 1 + ((k * 11) % 28);
  const conv = Number((8 + ((k * 1.7311) % 20)).toFixed(4));
  const extra = Number((1 + ((k * 0.3917) % 3)).toFixed(4));
  const areaHa = Number((conv + extra).toFixed(4));
  const mu = (areaHa * 15).toFixed(2);
  const docNumber = `川府土〔${year}〕${100 + ((k * 37) % 800)}号`;
  const batch = `成都市${district}${year}年度第${1 + (k % 9)}批次城镇建设用地`;
  return {
    docNumber,
    approvedOn: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    areaHa,
    places: [v1, v2],
    lines: [
      "四川省人民政府",
      docNumber,
      `四川省人民政府关于${batch}的批复`,
      "成都市人民政府：",
      `你市《关于${batch}的请示》收悉。经研究，现批复如下：`,
      `一、同意将${district}${street}${v1}、${v2}集体农用地${conv.toFixed(4)}公顷转为建设用地并办理征收手续，另征收集体建设用地${extra.toFixed(4)}公顷，共计征收土地${areaHa.toFixed(4)}公顷（合${mu}亩）。`,
      "二、征地补偿安置方案公告期不少于30日。请严格按照批准的用途和面积供地，不得擅自改变用途。",
      "三、你市要切实做好被征地农民的补偿安置和社会保障工作，确保被征地农民原有生活水平不降低、长远生计有保障。",
      "四川省人民政府",
      // GB/T 9704-2012 writes the 成文日期 in Arabic numerals (the 1999 edition used 二〇二三年…).
      k % 5 === 4 ? `${cnYear(year)}年${cnSmall(month)}月${cnSmall(day)}日` : `${year}年${month}月${day}日`,
    ],
  };
}

async function font(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new AppError("CONFIG_INVALID", `CJK font missing: ${file} (apt-get install fonts-noto-cjk)`, {
      messageZh: `生成中文 PDF 需要 Noto CJK 字体（${file}），请安装：sudo apt-get install -y fonts-noto-cjk`,
      location: { file },
      cause: e,
    });
  }
}

/** A text PDF, one reply per page, typeset like a 公文 (red header, centred number and title). */
export async function replyPdf(replies: readonly SyntheticReply[]): Promise<Uint8Array> {
  const [serif, sans] = await Promise.all([font(SERIF_FONT), font(SANS_FONT)]);
  const doc = new PDFDocument({ size: "A4", margins: { top: 72, bottom: 72, left: 80, right: 80 }, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.registerFont("serif", serif, "NotoSerifCJKsc-Regular");
  doc.registerFont("sans", sans, "NotoSansCJKsc-Regular");
  for (const r of replies) {
    doc.addPage();
    const [header, number, title, to, ...rest] = r.lines as [string, string, string, string, ...string[]];
    const body = rest.slice(0, -2);
    const [sign, date] = rest.slice(-2) as [string, string];
    doc.font("sans").fontSize(24).fillColor("#c00000").text(header, { align: "center", characterSpacing: 4 });
    doc.moveDown(0.4).font("serif").fontSize(13).fillColor("black").text(number, { align: "center" });
    doc.moveDown(0.8).font("sans").fontSize(16).text(title, { align: "center" });
    doc.moveDown(0.8).font("serif").fontSize(13).text(to);
    for (const p of body) doc.text(p, { indent: 26, lineGap: 5, align: "justify" }).moveDown(0.2);
    doc.moveDown(1.5).text(sign, { align: "right" }).text(date, { align: "right" });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Deterministic noise (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ScanOptions {
  /** Scanner resolution. */
  dpi?: number;
  /** Maximum skew in degrees (the actual one is drawn from ±this). */
  maxSkew?: number;
  /** Grain amplitude, grey levels. */
  grain?: number;
  seed?: number;
}

/** Skews a grey page and adds paper tone, grain and specks, as a cheap office scanner does. */
export function degradePng(png: Uint8Array, options: ScanOptions = {}): Uint8Array {
  const random = rng(options.seed ?? 1);
  const src = PNG.sync.read(Buffer.from(png));
  const { width: w, height: h, data } = src;
  const out = new PNG({ width: w, height: h });
  const angle = ((random() * 2 - 1) * (options.maxSkew ?? 0.5) * Math.PI) / 180;
  const [cos, sin, cx, cy] = [Math.cos(angle), Math.sin(angle), w / 2, h / 2];
  const grain = options.grain ?? 12;
  const paper = 236 + Math.floor(random() * 14);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      let v = paper;
      if (sx >= 0 && sy >= 0 && sx < w && sy < h) v = Math.min(paper, data[(sy * w + sx) * 4] as number);
      v += (random() - 0.5) * grain;
      if (random() < 0.0001) v = 30 + random() * 60;
      const c = Math.max(0, Math.min(255, Math.round(v)));
      const o = (y * w + x) * 4;
      out.data[o] = c;
      out.data[o + 1] = c;
      out.data[o + 2] = c;
      out.data[o + 3] = 255;
    }
  return new Uint8Array(PNG.sync.write(out, { colorType: 0 }));
}

/** Every page of `pdf` as a degraded greyscale PNG ("scanned" at `dpi`). */
export async function scanPages(pdf: Uint8Array, options: ScanOptions = {}): Promise<Uint8Array[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "land-ocr-scan-"));
  try {
    await writeFile(path.join(dir, "in.pdf"), pdf);
    try {
      await run("pdftoppm", ["-r", String(options.dpi ?? 200), "-gray", "-png", path.join(dir, "in.pdf"), path.join(dir, "p")]);
    } catch (e) {
      throw new AppError("CONFIG_INVALID", "pdftoppm failed (apt-get install poppler-utils)", {
        messageZh: "生成扫描件需要 pdftoppm，请安装：sudo apt-get install -y poppler-utils",
        cause: e,
      });
    }
    const files = (await readdir(dir)).filter((f) => f.startsWith("p") && f.endsWith(".png")).sort();
    const pages: Uint8Array[] = [];
    for (const [k, f] of files.entries())
      pages.push(degradePng(new Uint8Array(await readFile(path.join(dir, f))), { ...options, seed: (options.seed ?? 1) + k }));
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Image-only PDF of scanned pages (what a scanner's "scan to PDF" produces: no text layer). */
export { imagePdf } from "../redact/image-pdf.ts";
