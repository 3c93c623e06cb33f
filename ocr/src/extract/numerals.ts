/**
 * Chinese numerals as written in official documents: 十二点三五, 一百二十, 一千二百三十四点五,
 * 二〇二三 (digit by digit, for years), 两, and the financial forms 壹贰叁… (amounts, some areas).
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  "○": 0,
  O: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters a Chinese numeral is made of (for building regular expressions). */
export const CN_NUMERAL_CHARS = `${Object.keys(DIGITS).join("")}${Object.keys(SMALL_UNITS).join("")}${Object.keys(BIG_UNITS).join("")}点`;

function parseInteger(s: string): number | null {
  if (s === "") return 0;
  const chars = [...s];
  // No unit characters: digit by digit (二〇二三 → 2023).
  if (chars.every((c) => c in DIGITS)) return Number(chars.map((c) => DIGITS[c]).join(""));
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of chars) {
    if (c in DIGITS) {
      digit = DIGITS[c] as number;
    } else if (c in SMALL_UNITS) {
      // 十二 = 12: a unit without a digit before it counts once.
      section += (digit ?? 1) * (SMALL_UNITS[c] as number);
      digit = null;
    } else if (c === "亿") {
      total = (total + section + (digit ?? 0)) * 100_000_000;
      section = 0;
      digit = null;
    } else if (c in BIG_UNITS) {
      // 三亿五千万: 万 scales only the section after 亿.
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** The value of a Chinese numeral, or null if `s` is not one. */
export function parseChineseNumber(s: string): number | null {
  if (s === "" || s === "点") return null;
  const [intPart = "", frac, ...rest] = s.split("点");
  if (rest.length > 0) return null;
  const whole = parseInteger(intPart);
  if (whole === null) return null;
  if (frac === undefined) return whole;
  if (frac === "" || ![...frac].every((c) => c in DIGITS)) return null;
  return Number(`${whole}.${[...frac].map((c) => DIGITS[c]).join("")}`);
}

/** Arabic (with thousands separators) or Chinese numeral. */
export function parseNumber(s: string): number | null {
  const t = s.replace(/,/g, "");
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return parseChineseNumber(t);
}
