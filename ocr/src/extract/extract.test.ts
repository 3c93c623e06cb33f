import { describe, expect, it } from "vitest";
import {
  extractAreas,
  extractDates,
  extractDocNumbers,
  extractFields,
  normalizeDocNumber,
  normalizeForExtraction,
  parseChineseNumber,
} from "./index.ts";

const docNumbers = (s: string): string[] => extractDocNumbers(normalizeForExtraction(s)).map((d) => d.value);
const areas = (s: string) => extractAreas(normalizeForExtraction(s)).map((a) => ({ value: a.value, unit: a.unit, m2: a.m2 }));
const dates = (s: string): string[] => extractDates(normalizeForExtraction(s)).map((d) => d.value);

describe("批准文号", () => {
  it.each([
    ["川府土〔2023〕456号", "川府土〔2023〕456号"],
    ["川府土[2023]456号", "川府土〔2023〕456号"],
    ["川府土(2023)456号", "川府土〔2023〕456号"],
    ["川府土（2023）456号", "川府土〔2023〕456号"],
    ["川府土【2023】456号", "川府土〔2023〕456号"],
    ["川府土［２０２３］４５６号", "川府土〔2023〕456号"],
    // OCR: mixed pairs, 〔 read as C, spaces between characters, O for 0, a line break inside.
    ["川府土 【2023] 456号", "川府土〔2023〕456号"],
    ["川府土C2023〕456号", "川府土〔2023〕456号"],
    ["川 府 土 〔 2 0 2 3 〕 4 5 6 号", "川府土〔2023〕456号"],
    ["川府土〔2O23〕456号", "川府土〔2023〕456号"],
    ["川府土〔2023〕45\n6号", "川府土〔2023〕456号"],
    ["川府土〔2023〕\n456号", "川府土〔2023〕456号"],
    ["国函〔2022〕12号", "国函〔2022〕12号"],
    ["成府函(2021)88号", "成府函〔2021〕88号"],
    ["川自然资函[2024]1234号", "川自然资函〔2024〕1234号"],
  ])("%s → %s", (input, want) => {
    expect(docNumbers(input)).toEqual([want]);
  });

  it("takes the issuer, not the sentence before it", () => {
    expect(docNumbers("四川省人民政府关于龙泉驿区用地的批复川府土〔2023〕456号")).toEqual(["川府土〔2023〕456号"]);
    expect(docNumbers("批准文号：国函〔2022〕12号；依据成府发[2020]3号")).toEqual(["国函〔2022〕12号", "成府发〔2020〕3号"]);
    expect(docNumbers("根据省厅川自然资发〔2021〕9号文件")).toEqual(["川自然资发〔2021〕9号"]);
  });

  it("starts a county notice's number after the organ's name that heads it", () => {
    expect(docNumbers("成都市龙泉驿区人民政府\n龙府征预〔2017〕39号")).toEqual(["龙府征预〔2017〕39号"]);
    expect(docNumbers("成都市温江区人民政府文件\n温府征补〔2023〕5号")).toEqual(["温府征补〔2023〕5号"]);
  });

  it("normalises a stored number typed with any brackets", () => {
    expect(normalizeDocNumber("川府土[2023]456号")).toBe("川府土〔2023〕456号");
    expect(normalizeDocNumber("not a number")).toBeNull();
  });
});

describe("批准日期", () => {
  it.each([
    ["2023年5月6日", "2023-05-06"],
    ["2023 年 5 月 6 日", "2023-05-06"],
    ["二〇二三年五月六日", "2023-05-06"],
    ["二○二三年十二月三十一日", "2023-12-31"],
    ["二O二三年五月十六日", "2023-05-16"],
    ["2023.5.6", "2023-05-06"],
    ["2023-05-06", "2023-05-06"],
    ["2023/5/6", "2023-05-06"],
    ["２０２３年５月６日", "2023-05-06"],
    ["2O23年5月6日", "2023-05-06"],
    ["2023年5\n月6日", "2023-05-06"],
  ])("%s → %s", (input, want) => {
    expect(dates(input)).toEqual([want]);
  });

  it("drops impossible dates and area-like decimals", () => {
    expect(dates("2023年2月30日 2023.13.1 12.3456公顷")).toEqual([]);
  });
});

describe("面积", () => {
  it.each([
    ["12.3456公顷", 12.3456, "公顷", 123456],
    ["12.3456 公顷", 12.3456, "公顷", 123456],
    ["１２．３４５６公顷", 12.3456, "公顷", 123456],
    ["十二点三五公顷", 12.35, "公顷", 123500],
    ["一百二十亩", 120, "亩", 80000],
    ["185.18亩", 185.18, "亩", 123453.333333],
    ["123,456平方米", 123456, "平方米", 123456],
    ["5000m²", 5000, "平方米", 5000],
    ["5000㎡", 5000, "平方米", 5000],
    ["1.2万平方米", 12000, "平方米", 12000],
    ["零点五公顷", 0.5, "公顷", 5000],
    ["一千二百三十四点五平方米", 1234.5, "平方米", 1234.5],
    // OCR: 顷 read as 项, O for 0, l for 1, a line break inside the number.
    ["12.3456公项", 12.3456, "公顷", 123456],
    ["12.3O56公顷", 12.3056, "公顷", 123056],
    ["l2.35公顷", 12.35, "公顷", 123500],
    ["12.34\n56公顷", 12.3456, "公顷", 123456],
    ["12.\n3456公顷", 12.3456, "公顷", 123456],
    ["12.3456\n公顷", 12.3456, "公顷", 123456],
  ])("%s → %d %s", (input, value, unit, m2) => {
    expect(areas(input)).toEqual([{ value, unit, m2 }]);
  });

  it("keeps table rows of bare numbers apart and ignores prices per 亩", () => {
    expect(areas("1  2.1111\n2  3.5公顷")).toEqual([{ value: 3.5, unit: "公顷", m2: 35000 }]);
    expect(areas("补偿标准 50000元/亩")).toEqual([]);
  });

  it("reads Chinese numerals", () => {
    expect(parseChineseNumber("十二点三五")).toBe(12.35);
    expect(parseChineseNumber("一百二十")).toBe(120);
    expect(parseChineseNumber("一百零五")).toBe(105);
    expect(parseChineseNumber("一万二千")).toBe(12000);
    expect(parseChineseNumber("二〇二三")).toBe(2023);
    expect(parseChineseNumber("两千")).toBe(2000);
    expect(parseChineseNumber("三亿五千万")).toBe(350_000_000);
    expect(parseChineseNumber("壹佰贰拾")).toBe(120);
    expect(parseChineseNumber("点")).toBeNull();
    expect(parseChineseNumber("十二点")).toBeNull();
  });
});

const REPLY = `四川省人民政府
川府土〔2023〕456号
四川省人民政府关于成都市龙泉驿区2023年度第3批次城镇建设用地的批复
成都市人民政府：
你市《关于龙泉驿区2023年度第3批次城镇建设用地的请示》收悉。经研究，现批复如下：
一、同意将龙泉驿区大面街道洪河社区、十陵街道青龙村集体农用地10.2345公顷转为建设用地并办理征收手续，
另征收集体建设用地2.1111公顷，共计征收土地12.3456公顷（合185.18亩）。涉及青龙村村民小组3个。
二、征地补偿安置方案公告期不少于30日，自2023年5月10日起至2023年6月8日止。
三、该批次城镇建设用地用于成都东部新区道路建设项目。
四川省人民政府
2023年5月6日`;

describe("a whole 批复", () => {
  const f = extractFields(REPLY);

  it("finds the number, dates and every area", () => {
    expect(f.docNumbers.map((d) => d.value)).toEqual(["川府土〔2023〕456号"]);
    expect(f.dates.map((d) => d.value)).toEqual(["2023-05-10", "2023-06-08", "2023-05-06"]);
    expect(f.areas.map((a) => `${a.value}${a.unit}`)).toEqual(["10.2345公顷", "2.1111公顷", "12.3456公顷", "185.18亩"]);
  });

  it("finds villages, communities and streets, not generic words (城镇, 村民)", () => {
    expect(f.places.map((p) => p.name)).toEqual(["大面街道", "洪河社区", "十陵街道", "青龙村"]);
  });

  it("does not run a name back into the previous line once line breaks are gone", () => {
    const names = (s: string) => extractFields(s).places.map((p) => p.name);
    expect(names("建设用地的批复\n同意征收青龙村集体土地十二点三公顷。")).toEqual(["青龙村"]);
    expect(names("成都市人民政府：\n同意征收白鹭村、洪河社区集体土地")).toEqual(["白鹭村", "洪河社区"]);
  });

  it("finds the notice period with its span", () => {
    expect(f.noticePeriods).toEqual([
      expect.objectContaining({ length: 30, unit: "日", atLeast: true, from: "2023-05-10", to: "2023-06-08" }),
    ]);
  });

  it("finds the batch and the project name", () => {
    expect(f.names.map((n) => [n.kind, n.name])).toEqual([
      ["batch", "成都市龙泉驿区2023年度第3批次城镇建设用地"],
      ["project", "成都东部新区道路建设项目"],
    ]);
  });

  it("reads a 预公告 period in working days and Chinese numerals", () => {
    const p = extractFields("本预公告公告时间为十个工作日。").noticePeriods;
    expect(p).toEqual([expect.objectContaining({ length: 10, unit: "工作日", atLeast: false })]);
  });
});
