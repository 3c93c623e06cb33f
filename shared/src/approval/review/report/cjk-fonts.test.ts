import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAppError } from "../../../errors/app-error.ts";
import { locateCjkFonts, STANDARD_FONT_DIRS } from "./cjk-fonts.ts";

const sans = STANDARD_FONT_DIRS.map((d) => join(d, "NotoSansCJK-Regular.ttc")).find((p) => existsSync(p));
if (!sans)
  console.warn("cjk-fonts.test.ts: NotoSansCJK-Regular.ttc not installed — fallback test skipped (apt-get install fonts-noto-cjk)");

describe("locateCjkFonts", () => {
  const dir = mkdtempSync(join(tmpdir(), "cjk-fonts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!sans)("falls back to sans regular when only that file is installed", () => {
    symlinkSync(sans ?? "", join(dir, "NotoSansCJK-Regular.ttc"));
    const fonts = locateCjkFonts([dir]);
    expect(fonts.sans).toEqual({
      path: join(dir, "NotoSansCJK-Regular.ttc"),
      postscriptName: "NotoSansCJKsc-Regular",
      family: "Noto Sans CJK SC",
    });
    expect(fonts.serif).toEqual(fonts.sans);
    expect(fonts.serifBold).toEqual(fonts.sans);
    expect(fonts.sansBold).toEqual(fonts.sans);
  });

  it("throws CONFIG_INVALID naming the install command when nothing is found", () => {
    let caught: unknown;
    try {
      locateCjkFonts(["/nonexistent-a", "/nonexistent-b"]);
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught)).toBe(true);
    if (!isAppError(caught)) return;
    expect(caught.code).toBe("CONFIG_INVALID");
    expect(caught.messageZh).toContain("apt-get install fonts-noto-cjk");
    expect(caught.message).toContain("/nonexistent-b");
  });
});
