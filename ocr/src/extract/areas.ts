/**
 * Areas with their unit: 12.3456公顷, 185.18亩, 123456平方米 / m2 / ㎡ / m², 1.2万平方米, and Chinese
 * numerals (十二点三五公顷, 一百二十亩). OCR reads 顷 as 项 or 倾; those are accepted. Every area
 * carries its value in m² for comparison: 1 公顷 = 10 000 m², 1 亩 = 10 000/15 m².
 */
import { CN_NUMERAL_CHARS, parseNumber } from "./numerals.ts";

export type AreaUnit = "公顷" | "亩" | "平方米" | "平方公里";

export interface AreaMatch {
  value: number;
  unit: AreaUnit;
  m2: number;
  /** As written (after normalisation), for messages. */
  text: string;
  index: number;
}

export const M2_PER: Record<AreaUnit, number> = { 公顷: 10_000, 亩: 10_000 / 15, 平方米: 1, 平方公里: 1_000_000 };

const UNIT_OF: Record<string, AreaUnit> = {
  公顷: "公顷",
  公项: "公顷",
  公倾: "公顷",
  亩: "亩",
  平方米: "平方米",
  m2: "平方米",
  平方公里: "平方公里",
  km2: "平方公里",
};

const NUMBER = `\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[${CN_NUMERAL_CHARS}]+`;
const AREA_RE = new RegExp(`(?<![\\d.])(${NUMBER})[ \\t]*(万)?[ \\t]*(公顷|公项|公倾|亩|平方公里|平方米|(?:km2|m2)(?![A-Za-z0-9]))`, "g");

/** Rounds away binary noise so 12.3456 公顷 is 123456 m², not 123455.99999999999. */
const clean = (n: number): number => Number(n.toPrecision(12));

/** Areas in normalised text, in reading order (repeats kept: the same figure may appear twice). */
export function extractAreas(text: string): AreaMatch[] {
  const out: AreaMatch[] = [];
  for (const m of text.matchAll(AREA_RE)) {
    let numText = m[1] as string;
    // 共计十二点三五公顷: the Chinese run may start with a verb-like 一 (一共); a numeral run never
    // starts with 点 and parseNumber rejects anything else that is not a numeral.
    numText = numText.replace(/^点+/, "");
    const n = parseNumber(numText);
    if (n === null || !Number.isFinite(n)) continue;
    const unit = UNIT_OF[m[3] as string] as AreaUnit;
    const value = clean(m[2] ? n * 10_000 : n);
    out.push({ value, unit, m2: clean(value * M2_PER[unit]), text: m[0], index: m.index ?? 0 });
  }
  return out;
}

export function areaToHa(a: { m2: number }): number {
  return clean(a.m2 / 10_000);
}
