import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { DEMO_PASSWORD } from "../seed/demo-accounts.ts";
import { assertPasswordAcceptable, newPasswordSchema, PASSWORD_POLICY, passwordProblems } from "./password-policy.ts";

const rules = (password: string, username = "zhangsan") => passwordProblems(password, username).map((p) => p.rule);

describe("password policy (等保2.0 三级 身份鉴别)", () => {
  it("accepts long passwords with three or four character classes", () => {
    expect(rules("Jinjiang-river9")).toEqual([]);
    expect(rules("tianfu square 2026")).toEqual([]); // lower + symbol (space) + digit
    expect(rules("ABCDEFGH-1234")).toEqual([]);
  });

  it("requires at least 12 characters, counting characters not bytes", () => {
    expect(rules("Abc-12345678")).toEqual([]);
    expect(rules("Abc-1234567")).toEqual(["length"]);
    expect(rules("成都市规划局Ab-123")).toEqual([]);
    expect(rules("成都规划Ab-12")).toEqual(["length"]);
    expect(rules(`Aa1-${"x".repeat(PASSWORD_POLICY.maxLength)}`)).toEqual(["length"]);
  });

  it("requires three of lower case, upper case, digits and symbols", () => {
    expect(rules("abcdefghijklmn")).toEqual(["classes"]);
    expect(rules("abcdefgh123456")).toEqual(["classes"]);
    expect(rules("abcdefgh12345!")).toEqual([]);
    expect(rules("ABCDEFGHIJKabc")).toEqual(["classes"]);
  });

  it("refuses passwords that contain the username, in any case", () => {
    expect(rules("Zhangsan-2026!", "zhangsan")).toEqual(["username"]);
    expect(rules("xx-ZHANGSAN-99", "zhangsan")).toEqual(["username"]);
    expect(rules("Zhangsan-2026!", "lisi.wang")).toEqual([]);
  });

  it("refuses common passwords, including the published demo password", () => {
    expect(rules("P@ssw0rd1234")).toEqual(["common"]);
    expect(rules("1qaz@WSX3edc")).toEqual(["common"]);
    expect(rules(DEMO_PASSWORD)).toEqual(["common"]);
  });

  it("reports every broken rule at once, in Chinese, through the zod schema", () => {
    const r = newPasswordSchema("abc").safeParse("abc");
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toHaveLength(3);
    expect(messages.join("；")).toMatch(/至少 12|长度/);
    expect(messages.join("；")).toContain("用户名");
    const e = (() => {
      try {
        assertPasswordAcceptable("short", "abc");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("VALIDATION_FAILED");
    expect((e as AppError).messageZh).toContain("口令不符合要求");
  });
});
