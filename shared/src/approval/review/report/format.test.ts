import { describe, expect, it } from "vitest";
import { buildReportDocument } from "./document-model.ts";
import { buildSampleReport } from "./fixtures/sample-report.ts";
import { areaCells, escapeXml, formatArea, formatDateZh, formatNumber, formatPercent } from "./format.ts";

describe("report number formatting", () => {
  it("prints each unit at its precision with thousands separators, never re-rounding", () => {
    expect(formatArea(166777.47, "m2")).toBe("166,777.47");
    expect(formatArea(16.6777, "ha")).toBe("16.6777");
    expect(formatArea(1250.1, "mu")).toBe("1,250.10");
    expect(formatArea(0, "ha")).toBe("0.0000");
    expect(areaCells({ m2: 1234567.8, ha: 123.4568, mu: 1851.85 })).toEqual(["1,234,567.80", "123.4568", "1,851.85"]);
    // Already-rounded figures print exactly, including the classic binary-rounding traps.
    expect(formatArea(1.005, "m2")).toBe("1.01");
    expect(formatArea(0.0001, "ha")).toBe("0.0001");
  });

  it("shows no negative zero and a dash for non-numbers", () => {
    expect(formatNumber(-0, 2)).toBe("0.00");
    expect(formatNumber(Number.NaN, 2)).toBe("—");
    expect(formatPercent(0.0312)).toBe("3.12%");
  });

  it("dates are Beijing dates", () => {
    expect(formatDateZh("2026-11-27T15:59:00Z")).toBe("2026年11月27日");
    expect(formatDateZh("2026-11-27T16:00:00Z")).toBe("2026年11月28日");
    expect(formatDateZh("not a date")).toBe("not a date");
  });

  it("escapes XML specials", () => {
    expect(escapeXml(`a&b <c> "d" 'e'`)).toBe("a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
  });
});

describe("document model", () => {
  const report = buildSampleReport();
  const blocks = buildReportDocument(report, { organisationZh: "成都市规划和自然资源局" });

  it("has the seven sections in order, then the map and the signature", () => {
    const headings = blocks.filter((b) => b.kind === "heading").map((b) => b.text);
    expect(headings).toEqual([
      "一、审查依据",
      "二、地块概况",
      "三、土地分类面积汇总表",
      "四、与申报面积比对",
      "五、叠加分析",
      "六、批准机关",
      "七、审查结论",
    ]);
    expect(blocks.at(-2)?.kind).toBe("map");
    expect(blocks.at(-1)).toMatchObject({ kind: "signature" });
  });

  it("lists findings once per parcel mention, code inside the sentence", () => {
    const r = {
      ...report,
      findings: [
        { code: "REVIEW_ECO_REDLINE", severity: "blocking" as const, messageZh: "地块 P1 占用生态保护红线。", message: "", parcelNo: "P1" },
        { code: "REVIEW_X", severity: "warning" as const, messageZh: "边界有缝隙", message: "", parcelNo: "P2" },
      ],
    };
    const texts = buildReportDocument(r).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    expect(texts).toContain("1. 地块 P1 占用生态保护红线（REVIEW_ECO_REDLINE）。");
    expect(texts).toContain("1. 【地块 P2】边界有缝隙（REVIEW_X）。");
  });

  it("class tables end with the report's own total, formatted, and list every class", () => {
    const tables = blocks.filter((b) => b.kind === "table");
    const total = areaCells(report.classTable.total);
    const classTable = tables.find((t) => t.columns[0]?.header === "地类编码");
    expect(classTable?.rows).toHaveLength(report.classTable.byClass.length);
    for (const t of tables.filter((t) => t.total && t.columns.some((c) => c.header === "面积（公顷）"))) {
      expect(t.total?.slice(-3)).toEqual(total);
    }
  });
});
