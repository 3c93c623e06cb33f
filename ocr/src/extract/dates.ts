/**
 * Dates: 2023年5月6日, 二〇二三年五月六日 (signature lines of official documents), 2023.5.6,
 * 2023-05-06, 2023/5/6. Results are ISO dates; impossible dates are dropped.
 */
import { parseChineseNumber } from "./numerals.ts";

const CN_DIGIT = "〇零○O一二三四五六七八九";
const CN_SMALL = "一二三四五六七八九十";

const PATTERNS: RegExp[] = [
  /(?<!\d)((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/g,
  new RegExp(`([${CN_DIGIT}]{4})年([${CN_SMALL}]{1,3})月([${CN_SMALL}]{1,3})日`, "g"),
  /(?<![\d.])((?:19|20)\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})(?![\d.])/g,
];

export interface DateMatch {
  /** YYYY-MM-DD */
  value: string;
  index: number;
}

function toNumber(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : parseChineseNumber(s);
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Dates in normalised text, in reading order, without repeats. */
export function extractDates(text: string): DateMatch[] {
  const seen = new Set<string>();
  return allDates(text).filter((f) => {
    if (seen.has(f.value)) return false;
    seen.add(f.value);
    return true;
  });
}

/**
 * The last date written in the text (a document's 落款), counting repeats: a notice's 落款 usually
 * repeats the first day of its 公告期限, so the de-duplicated list would end with the period's last day.
 */
export function lastDate(text: string): DateMatch | null {
  return allDates(text).at(-1) ?? null;
}

function allDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const re of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [y, mo, d] = [toNumber(m[1] as string), toNumber(m[2] as string), toNumber(m[3] as string)];
      if (y === null || mo === null || d === null) continue;
      const value = isoDate(y, mo, d);
      if (value) found.push({ value, index: m.index ?? 0 });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
