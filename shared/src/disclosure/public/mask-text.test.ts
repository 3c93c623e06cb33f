import { describe, expect, it } from "vitest";
import { findPersonalData, maskText } from "./mask-text.ts";

describe("maskText — personal data in public text (GB/T 35273)", () => {
  it("masks 18- and 15-digit ID numbers, keeping region and last four", () => {
    expect(maskText("身份证号：510124198001011234。")).toBe("身份证号：5101**********1234。");
    expect(maskText("证件 51012419900202567X 已核")).toBe("证件 5101**********567X 已核");
    expect(maskText("公民身份号码 510124800101123")).toBe("公民身份号码 5101*******1123");
    expect(maskText("咨询电话 028-87654321")).toBe("咨询电话 028-****4321");
  });

  it("masks mobile and fixed-line numbers, with or without separators", () => {
    expect(maskText("手机13812345678")).toBe("手机138****5678");
    expect(maskText("电话 138-1234-5678")).toBe("电话 138****5678");
    expect(maskText("咨询 028-87654321")).toBe("咨询 028-****4321");
    expect(maskText("联系电话：02887654321")).toBe("联系电话：028-****4321");
  });

  it("masks names after the labels of a list and names in rows beside an ID or phone number", () => {
    expect(maskText("户主：王小明")).toBe("户主：王*明");
    expect(maskText("被征收人 欧阳建国")).toBe("被征收人 欧**国");
    expect(maskText("1 张三丰 510124198001011234 13812345678 1.2亩")).toBe("1 张*丰 5101**********1234 138****5678 1.2亩");
    expect(maskText("2 李四，13900001111")).toBe("2 李*，139****1111");
  });

  it("leaves 批准文号, areas, 索引号, dates and column headers alone", () => {
    const keep = "川府土〔2023〕456号 批准面积 12.3456 公顷 索引号 11510100MB0000000X/2023-00456 2023-05-06 户主 身份证号 联系电话";
    expect(maskText(keep)).toBe(keep);
    expect(maskText("地块编号 510117001001 面积 1234567 平方米")).toBe("地块编号 510117001001 面积 1234567 平方米");
  });

  it("accepts empty input", () => {
    expect(maskText(null)).toBe("");
    expect(maskText("")).toBe("");
  });
});

describe("findPersonalData — where the personal data is (for painting over it on rendered pages)", () => {
  it("locates ID numbers, phones and names in the original text, in order", () => {
    const text = "1 张三丰 510124198001011234 电话 138-1234-5678 批准文号 川府土〔2023〕456号 户主：王小明";
    const spans = findPersonalData(text);
    expect(spans.map((s) => [s.kind, text.slice(s.start, s.end), s.masked])).toEqual([
      ["name", "张三丰", "张*丰"],
      ["id_number", "510124198001011234", "5101**********1234"],
      ["phone", "138-1234-5678", "138****5678"],
      ["name", "王小明", "王*明"],
    ]);
  });

  it("finds nothing in ordinary approval text", () => {
    expect(findPersonalData("川府土〔2023〕456号 批准面积 12.3456 公顷 地块编号 510117001001")).toEqual([]);
  });
});
