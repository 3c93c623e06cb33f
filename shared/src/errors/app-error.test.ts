import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES, AppError, toAppError } from "./app-error.ts";

describe("AppError", () => {
  it("maps every code to an HTTP status and a Chinese message", () => {
    for (const [code, spec] of Object.entries(APP_ERROR_CODES)) {
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
      expect(spec.zh, code).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it("serialises code, status, messages and location", () => {
    const e = new AppError("VALIDATION_FAILED", "bad area", {
      messageZh: "面积不符",
      location: { file: "a.txt", line: 12, field: "地块面积" },
    });
    expect(e.toJSON()).toEqual({
      code: "VALIDATION_FAILED",
      status: 400,
      message: "bad area",
      messageZh: "面积不符",
      location: { file: "a.txt", line: 12, field: "地块面积" },
    });
  });

  it("wraps unknown errors as INTERNAL", () => {
    const e = toAppError(new TypeError("boom"));
    expect(e.code).toBe("INTERNAL");
    expect(e.status).toBe(500);
    expect(e.cause).toBeInstanceOf(TypeError);
  });
});
