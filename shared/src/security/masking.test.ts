import { describe, expect, it } from "vitest";
import { maskBankAccount, maskIdNumber, maskName, maskPersonalFields, maskPhone } from "./masking.ts";

describe("masking", () => {
  it("keeps the first 4 and last 4 of an ID number", () => {
    expect(maskIdNumber("51010419900307123X")).toBe("5101**********123X");
    expect(maskIdNumber("510104900307123")).toBe("5101*******7123");
    expect(maskIdNumber("12345678")).toBe("********");
    expect(maskIdNumber("")).toBeNull();
    expect(maskIdNumber(null)).toBeNull();
  });

  it("masks mobiles as 138****1234 and fixed lines by area code", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskPhone("+86 138 1234 1234")).toBe("138****1234");
    expect(maskPhone("028-86123456")).toBe("028-****3456");
    expect(maskPhone("02886123456")).toBe("028-****3456");
    expect(maskPhone("08162345678")).toBe("0816-****5678");
    expect(maskPhone("12345")).toBe("****2345");
    expect(maskPhone("123")).toBe("***");
    expect(maskPhone(undefined)).toBeNull();
  });

  it("shows only the last 4 digits of a bank account", () => {
    expect(maskBankAccount("6222021234567890123")).toBe("**** **** **** 0123");
    expect(maskBankAccount("6222 0212 3456 7890")).toBe("**** **** **** 7890");
    expect(maskBankAccount("123")).toBe("**** **** **** ****");
  });

  it("masks names as 张*某 / 张* and never splits a character", () => {
    expect(maskName("张三丰")).toBe("张*丰");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳修明")).toBe("欧**明");
    expect(maskName("王")).toBe("*");
    expect(maskName("𠀋一二")).toBe("𠀋*二");
  });

  it("masks all personal fields of a row and leaves the rest", () => {
    const row = {
      id: "x",
      holderName: "李四光",
      idNumber: "510104199003071234",
      phone: null,
      bankAccount: "6222021234567890123",
      amount: 5,
    };
    expect(maskPersonalFields(row)).toEqual({
      id: "x",
      holderName: "李*光",
      idNumber: "5101**********1234",
      phone: null,
      bankAccount: "**** **** **** 0123",
      amount: 5,
    });
  });
});
