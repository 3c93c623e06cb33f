import { describe, expect, it } from "vitest";
import { locateCjkFonts } from "../approval/review/report/cjk-fonts.ts";
import { quotaSummaryPdf } from "./summary-pdf.ts";

let fonts: ReturnType<typeof locateCjkFonts> | null = null;
try {
  fonts = locateCjkFonts();
} catch {
  fonts = null;
}

describe("计划指标 PDF summary", () => {
  it.skipIf(!fonts)("renders an A4 PDF with the tables, paging long ones", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`区县${i}`, i * 1.5, i, 0, i / 2]);
    const pdf = await quotaSummaryPdf(
      {
        title: "2025 年度计划指标汇总",
        asOf: "2026-11-27",
        generatedBy: "领导",
        sections: [{ heading: "分区县", headers: ["区县", "下达", "已使用", "调剂", "可用"], rows }],
      },
      fonts as NonNullable<typeof fonts>,
    );
    const text = Buffer.from(pdf).toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});
