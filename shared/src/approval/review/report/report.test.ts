import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, describe, expect, it } from "vitest";
import { isAppError } from "../../../errors/app-error.ts";
import { unzipFiles } from "../../../geo/formats/zip.ts";
import type { ReviewReport } from "../types.ts";
import { buildSampleReport } from "./fixtures/sample-report.ts";
import { areaCells } from "./format.ts";
import { renderReviewDocx, renderReviewPdf } from "./index.ts";

const report = buildSampleReport();
const decoder = new TextDecoder();
/** The sample's PDF, rendered once for all tests of this file (each render embeds fonts: about a second). */
let samplePdf: Promise<Uint8Array> | undefined;
const renderSamplePdf = () => {
  samplePdf ??= renderReviewPdf(report);
  return samplePdf;
};

/** Text of all w:t runs, entities decoded, joined without separators. */
function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? "")
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("renderReviewDocx", async () => {
  const bytes = await renderReviewDocx(report, { organisationZh: "成都市规划和自然资源局" });
  const files = await unzipFiles(bytes);
  const byName = new Map(files.map((f) => [f.fileName, f.bytes]));
  const xml = decoder.decode(byName.get("word/document.xml"));
  const text = docxText(xml);

  it("is a zip with a Word document whose XML parts are all well-formed", () => {
    expect(byName.has("[Content_Types].xml")).toBe(true);
    expect(xml).toContain("<w:document");
    for (const f of files.filter((f) => /\.(xml|rels)$/.test(f.fileName))) {
      const errors: string[] = [];
      new DOMParser({ onError: (level: string, msg: string) => void (level === "warning" || errors.push(msg)) }).parseFromString(
        decoder.decode(f.bytes),
        "text/xml",
      );
      expect(errors, f.fileName).toEqual([]);
    }
  });

  it("contains the title, batch, every parcel, the class totals, the authority and the findings", () => {
    expect(text).toContain("建设用地报批审查意见书");
    expect(text).toContain(report.batchNo);
    expect(text).toContain("第 2 版");
    for (const p of report.parcels) expect(text).toContain(p.parcelNo);
    expect(text).toContain("学府路&纬二路 <东侧> 地块"); // escaped in XML, intact as text
    const [m2, ha, mu] = areaCells(report.classTable.total);
    expect([m2, ha, mu]).toEqual(["166,777.47", "16.6777", "250.17"]);
    expect(text).toContain(`合计${m2}${ha}${mu}`);
    expect(text).toContain("应报国务院批准");
    expect(text).toContain("审查未通过");
    for (const f of report.findings) expect(text).toContain(f.code);
    expect(text).toContain("成都市规划和自然资源局");
  });

  it("names CJK fonts for East Asian text and repeats table headers", () => {
    expect(xml).toMatch(/w:eastAsia="宋体"/);
    expect(xml).toMatch(/<w:tblHeader\/>/);
    const fontTable = decoder.decode(byName.get("word/fontTable.xml"));
    expect(fontTable).toContain('<w:font w:name="宋体"><w:altName w:val="SimSun"/>');
    expect(fontTable).toContain('<w:charset w:val="86"/>');
  });

  it("embeds the map PNG", () => {
    const media = files.filter((f) => /^word\/media\/.+\.png$/.test(f.fileName));
    expect(media).toHaveLength(1);
    expect([...(media[0]?.bytes.subarray(0, 8) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("has page numbers in the footer", async () => {
    const footer = decoder.decode(byName.get("word/footer1.xml"));
    expect(footer).toContain("PAGE");
    expect(footer).toContain("NUMPAGES");
  });
});

const pdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
if (!pdftotext) console.warn("report.test.ts: pdftotext not found — PDF text checks skipped (apt-get install poppler-utils)");

describe.skipIf(!pdftotext)("renderReviewPdf (checked with pdftotext)", () => {
  const dir = mkdtempSync(join(tmpdir(), "review-pdf-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  interface PdfPage {
    /** Reading-order text with all whitespace removed (for running text that wraps). */
    flat: string;
    /** Physical-layout lines with whitespace runs collapsed (a table row is one line). */
    lines: string[];
  }

  /** The pages of a PDF as pdftotext sees them (pages are separated by form feeds). */
  async function pages(bytes: Uint8Array, name: string): Promise<PdfPage[]> {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const split = (args: string[]) => {
      const out = spawnSync("pdftotext", [...args, "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      expect(out.status).toBe(0);
      const list = out.stdout.split("\f");
      return list.at(-1)?.trim() === "" ? list.slice(0, -1) : list;
    };
    const raw = split([]);
    const layout = split(["-layout"]);
    expect(layout).toHaveLength(raw.length);
    return raw.map((t, i) => ({
      flat: t.replace(/\s+/g, ""),
      lines: (layout[i] ?? "").split("\n").map((l) => l.trim().replace(/\s+/g, " ")),
    }));
  }

  const hasLine = (list: PdfPage[], text: string) => list.some((p) => p.lines.some((l) => l.includes(text)));

  it("has the same key content as the DOCX and numbers its pages 第 N 页 共 M 页", async () => {
    const list = await pages(await renderSamplePdf(), "sample.pdf");
    const all = list.map((p) => p.flat).join("");
    expect(all).toContain("建设用地报批审查意见书");
    for (const p of report.parcels) expect(all).toContain(p.parcelNo);
    expect(all).toContain("学府路&纬二路<东侧>地块");
    // The totals row of the class tables, as one table row.
    expect(hasLine(list, `合计 ${areaCells(report.classTable.total).join(" ")}`)).toBe(true);
    expect(all).toContain("应报国务院批准");
    expect(all).toContain("图例"); // the vector map's legend is real text
    expect(all).toContain("EPSG:4544");
    list.forEach((page, i) => {
      expect(page.flat).toContain(`第${i + 1}页共${list.length}页`);
    });
  });

  it("breaks a 200-row class table across pages, with the header on each", async () => {
    const long = buildSampleReport({ classRows: 200 });
    const bytes = await renderReviewPdf(long);
    const list = await pages(bytes, "long.pdf");
    const short = await pages(await renderSamplePdf(), "short.pdf");
    // ~27 rows per A4 page at 9 pt: 176 extra rows are at least 5 more pages.
    expect(list.length).toBeGreaterThanOrEqual(short.length + 5);
    // The fixture's extra class rows are named "…（细分 n）"; every page they are on starts with the header row.
    const classPages = list.filter((p) => p.flat.includes("细分"));
    expect(classPages.length).toBeGreaterThanOrEqual(5);
    for (const p of classPages) expect(p.lines).toContain("地类编码 地类名称 三大类 面积（平方米） 面积（公顷） 面积（亩）");
    expect(hasLine(list, `合计 ${areaCells(long.classTable.total).join(" ")}`)).toBe(true);
    list.forEach((page, i) => {
      expect(page.flat).toContain(`第${i + 1}页共${list.length}页`);
    });
  });
});

describe.skipIf(!pdftotext)("edge cases (PDF)", () => {
  const dir = mkdtempSync(join(tmpdir(), "review-pdf-edge-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = (bytes: Uint8Array, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, "");
  };

  it("a passed report with nothing to report says so in every section", async () => {
    const clean: ReviewReport = {
      ...report,
      overlaps: [],
      findings: [],
      declared: [],
      passed: true,
      authority: {
        ...report.authority,
        authority: "SZF",
        basicFarmlandHa: 0,
        reasonsZh: ["不涉及永久基本农田，耕地未超过35公顷，其他土地未超过70公顷"],
      },
    };
    const pdf = text(await renderReviewPdf(clean), "clean.pdf");
    expect(pdf).toContain("审查通过");
    expect(pdf).toContain("均无重叠");
    expect(pdf).toContain("未作比对");
    expect(pdf).toContain("应报四川省人民政府批准");
    const docx = docxText(
      decoder.decode((await unzipFiles(await renderReviewDocx(clean))).find((f) => f.fileName === "word/document.xml")?.bytes),
    );
    expect(docx).toContain("审查通过");
    expect(docx).toContain("应报四川省人民政府批准");
  });

  it("a table cell longer than a page is cut to the page instead of running away", async () => {
    const huge: ReviewReport = {
      ...report,
      overlaps: report.overlaps.map((o, i) => (i === 0 ? { ...o, messageZh: "很长的说明".repeat(600) } : o)),
    };
    const bytes = await renderReviewPdf(huge);
    const pdf = text(bytes, "huge.pdf");
    const pagesMatch = pdf.match(/共(\d+)页/);
    expect(Number(pagesMatch?.[1])).toBeLessThan(12);
    expect(pdf).toContain("七、审查结论");
  });
});

describe("missing fonts", () => {
  it("PDF fails with an AppError that says how to install them", async () => {
    const err = await renderReviewPdf(report, { fontDirs: ["/nonexistent-fonts"] }).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    if (!isAppError(err)) return;
    expect(err.code).toBe("CONFIG_INVALID");
    expect(err.messageZh).toContain("apt-get install fonts-noto-cjk");
  });

  it("DOCX needs them for the map PNG and fails the same way", async () => {
    const err = await renderReviewDocx(report, { fontDirs: ["/nonexistent-fonts"] }).catch((e: unknown) => e);
    expect(isAppError(err) && err.messageZh.includes("fonts-noto-cjk")).toBe(true);
  });
});
