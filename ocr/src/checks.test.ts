import { describe, expect, it } from "vitest";
import { checkAgainstRecord, completeness } from "./checks.ts";
import { extractPages } from "./extract/index.ts";
import { REQUIRED_DOCUMENT_KINDS } from "./required-documents.ts";

const PAGE1 = "四川省人民政府文件\n川府土[2023]456号\n关于成都市龙泉驿区2023年度第3批次城镇建设用地的批复";
const PAGE2 = "同意征收龙泉驿区十陵街道青龙村、洪河社区集体土地12.53公顷（合187.95亩）。\n四川省人民政府\n二〇二三年五月七日";

const expected = { docNumber: "川府土〔2023〕456号", approvedOn: "2023-05-06", areaHa: 12.3456, places: ["青龙村", "洪河社区"] };

describe("checkAgainstRecord", () => {
  it("passes a document that agrees with the record (any bracket form, area within 1%)", () => {
    const pages = extractPages([PAGE1, PAGE2.replace("12.53公顷（合187.95亩）", "12.35公顷").replace("七日", "六日")]);
    expect(checkAgainstRecord(pages, expected)).toEqual([]);
  });

  it("locates each mismatch on its page with a Chinese message", () => {
    const findings = checkAgainstRecord(extractPages([PAGE1, PAGE2]), { ...expected, places: [...expected.places, "白鹭村"] });
    expect(findings.map((f) => f.messageZh)).toEqual([
      "第2页: 批准日期 2023-05-07 ≠ 库内 2023-05-06",
      "第2页: 面积 12.53公顷 ≠ 库内 12.3456公顷（相差 1.49%，允许 1%）",
      "全文: 未找到地名 白鹭村（库内）",
    ]);
    expect(findings[1]).toMatchObject({ field: "area", page: 2, found: "12.53公顷", expected: "12.3456公顷", severity: "error" });
  });

  it("reports a wrong document number and areas written in 亩 with their 公顷 value", () => {
    const pages = extractPages(["川府土〔2023〕465号 征收土地200亩"]);
    const f = checkAgainstRecord(pages, { docNumber: "川府土〔2023〕456号", areaHa: 12.3456 });
    expect(f.map((x) => x.messageZh)).toEqual([
      "第1页: 批准文号 川府土〔2023〕465号 ≠ 库内 川府土〔2023〕456号",
      "第1页: 面积 200亩（13.3333公顷） ≠ 库内 12.3456公顷（相差 8.00%，允许 1%）",
    ]);
  });

  it("honours the tolerance option and reports values found nowhere", () => {
    const pages = extractPages([PAGE2]);
    expect(checkAgainstRecord(pages, { areaHa: 12.3456, places: ["青龙村", "洪河社区"] }, { areaTolerance: 0.02 })).toEqual([]);
    expect(checkAgainstRecord(extractPages(["无关文字"]), expected).map((f) => f.code)).toEqual([
      "doc_number_missing",
      "date_missing",
      "area_missing",
      "place_missing",
      "place_missing",
    ]);
  });

  it("flags a place read with one wrong character for review instead of calling it missing", () => {
    const f = checkAgainstRecord(extractPages(["征收白览村集体土地"]), { places: ["白鹭村"] });
    expect(f).toEqual([
      expect.objectContaining({
        code: "place_uncertain",
        severity: "warning",
        page: 1,
        messageZh: "第1页: 地名 白览村 与库内 白鹭村 相差一字（可能是识别误差，请人工核对）",
      }),
    ]);
  });

  it("warns about villages in the document that the record does not name", () => {
    const f = checkAgainstRecord(extractPages([PAGE2]), { places: ["青龙村"] });
    expect(f).toEqual([expect.objectContaining({ code: "place_unexpected", severity: "warning", page: 1, found: "洪河社区" })]);
  });

  it("checks a notice's 落款 against its 发布日期 even when its 公告期限 repeats that date", () => {
    const notice = (signed: string) =>
      extractPages(["征收土地预公告\n五、公告期限：2023年5月6日至2023年6月5日。", `成都市温江区人民政府\n${signed}`]);
    expect(checkAgainstRecord(notice("2023年5月6日"), { signedOn: "2023-05-06" })).toEqual([]);
    // On one page the 落款 repeats the period's first day: it is still the last date written.
    const onePage = extractPages(["五、公告期限：2023年5月6日至2023年6月5日。\n成都市温江区人民政府\n2023年5月6日"]);
    expect(checkAgainstRecord(onePage, { signedOn: "2023-05-06" })).toEqual([]);
    // The wrong 落款 passes a "some date matches" rule (the period starts on 5月6日) but not this one.
    expect(checkAgainstRecord(notice("2023年5月16日"), { approvedOn: "2023-05-06" })).toEqual([]);
    expect(checkAgainstRecord(notice("二〇二三年五月十六日"), { signedOn: "2023-05-06" })).toEqual([
      expect.objectContaining({
        code: "signed_date_mismatch",
        field: "signedOn",
        page: 2,
        found: "2023-05-16",
        messageZh: "第2页: 落款日期 2023-05-16 ≠ 库内发布日期 2023-05-06",
      }),
    ]);
    expect(checkAgainstRecord(extractPages(["没有日期的公告"]), { signedOn: "2023-05-06" })).toEqual([
      expect.objectContaining({ code: "signed_date_missing", page: null }),
    ]);
  });

  it("rejects malformed expectations at the boundary", () => {
    expect(() => checkAgainstRecord([], { approvedOn: "6.5.2023" })).toThrow();
  });
});

describe("completeness", () => {
  it("lists the required kinds a record lacks, in code-table order", () => {
    const have = REQUIRED_DOCUMENT_KINDS.urban_batch.filter((k) => k !== "compensation_notice" && k !== "approval_doc");
    expect(completeness("urban_batch", have)).toEqual([
      { kind: "compensation_notice", name: "征地补偿安置方案公告", stage: "批前" },
      { kind: "approval_doc", name: "用地批文", stage: "批复" },
    ]);
    expect(completeness("urban_batch", REQUIRED_DOCUMENT_KINDS.urban_batch)).toEqual([]);
  });

  it("does not ask for 征收 material where nothing is expropriated", () => {
    const missing = completeness("collective_commercial", []).map((m) => m.kind);
    expect(missing).toContain("approval_doc");
    expect(missing).not.toContain("compensation_notice");
  });

  it("rejects unknown record types and kinds", () => {
    expect(() => completeness("nope" as "urban_batch", [])).toThrow();
    expect(() => completeness("urban_batch", ["nope" as "approval_doc"])).toThrow();
  });
});
