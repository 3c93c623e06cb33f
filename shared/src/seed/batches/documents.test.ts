import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderPdf, scanPdf } from "./documents.ts";
import { approvalPdf } from "./text.ts";

const hasPdftoppm = (() => {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const content = approvalPdf(
  {
    batchName: "成都市龙泉驿区2021年度第一批次城镇建设用地",
    countyName: "龙泉驿区",
    villages: ["洛带镇宝胜村"],
    parcels: [{ no: "1", ha: "1.2345", mu: "18.52", landClass: "水田", villages: "洛带镇宝胜村" }],
    totalHa: "1.2345",
    purpose: "实施城市规划进行建设",
  },
  {
    docNumber: "川府土〔2021〕123号",
    title: "四川省人民政府关于成都市龙泉驿区2021年度第一批次城镇建设用地的批复",
    issuer: "四川省人民政府",
    approvedOn: "2021-05-12",
    areaHa: "1.2345",
    national: false,
    date: new Date("2021-05-12T01:00:00Z"),
  },
);

describe("generated PDFs", () => {
  it("are deterministic and embed the CJK font", async () => {
    const a = await renderPdf(content);
    const b = await renderPdf(content);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const s = Buffer.from(a).toString("latin1");
    expect(s.startsWith("%PDF-")).toBe(true);
    expect(s).toContain("NotoSansCJK");
  });

  it.skipIf(!hasPdftoppm)("scans to an image-only PDF, deterministically", async () => {
    const pdf = await renderPdf(content);
    const a = await scanPdf(pdf, "s", new Date("2021-05-12T01:00:00Z"));
    const b = await scanPdf(pdf, "s", new Date("2021-05-12T01:00:00Z"));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const s = Buffer.from(a).toString("latin1");
    expect(s).toContain("/Subtype /Image");
    expect(s).not.toContain("NotoSansCJK");
  });
});
