/** Field extraction from the text of approval documents and notices, one page at a time. */
import { type AreaMatch, type AreaUnit, extractAreas } from "./areas.ts";
import { type DateMatch, extractDates, lastDate } from "./dates.ts";
import { type DocNumberMatch, extractDocNumbers } from "./doc-number.ts";
import { extractNames, type NameMatch } from "./names.ts";
import { normalizeForExtraction } from "./normalize.ts";
import { extractNoticePeriods, type NoticePeriodMatch } from "./notice-periods.ts";
import { extractPlaces, type PlaceMatch } from "./places.ts";

export interface ExtractedFields {
  docNumbers: DocNumberMatch[];
  dates: DateMatch[];
  areas: AreaMatch[];
  places: PlaceMatch[];
  noticePeriods: NoticePeriodMatch[];
  names: NameMatch[];
}

export interface PageFields extends ExtractedFields {
  /** 1-based. */
  page: number;
  /** The normalised text the fields were read from (checks search it for names too). */
  normalized: string;
}

export function extractFields(text: string): ExtractedFields {
  const t = normalizeForExtraction(text);
  return {
    docNumbers: extractDocNumbers(t),
    dates: extractDates(t),
    areas: extractAreas(t),
    places: extractPlaces(t),
    noticePeriods: extractNoticePeriods(t),
    names: extractNames(t),
  };
}

export function extractPages(pages: readonly string[]): PageFields[] {
  return pages.map((text, k) => ({ page: k + 1, normalized: normalizeForExtraction(text), ...extractFields(text) }));
}

/**
 * The date a document was signed (its 落款): the last date written on the last page that has one,
 * repeats counted (a notice's 落款 repeats the first day of its 公告期限).
 */
export function signedDate(pages: readonly PageFields[]): { page: number; value: string } | null {
  for (const p of [...pages].reverse()) {
    const d = lastDate(p.normalized);
    if (d) return { page: p.page, value: d.value };
  }
  return null;
}

/** The document-level summary printed by `land ocr extract`. */
export interface FieldSummary {
  docNumbers: string[];
  dates: string[];
  areas: { value: number; unit: AreaUnit; m2: number; page: number }[];
  places: string[];
  noticePeriods: (Omit<NoticePeriodMatch, "index"> & { page: number })[];
  names: { kind: NameMatch["kind"]; name: string; page: number }[];
}

export function summarize(pages: readonly PageFields[]): FieldSummary {
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  const areaKeys = new Set<string>();
  const areas: FieldSummary["areas"] = [];
  for (const p of pages)
    for (const a of p.areas) {
      const key = `${a.value}${a.unit}`;
      if (areaKeys.has(key)) continue;
      areaKeys.add(key);
      areas.push({ value: a.value, unit: a.unit, m2: a.m2, page: p.page });
    }
  return {
    docNumbers: uniq(pages.flatMap((p) => p.docNumbers.map((d) => d.value))),
    dates: uniq(pages.flatMap((p) => p.dates.map((d) => d.value))),
    areas,
    places: uniq(pages.flatMap((p) => p.places.map((x) => x.name))),
    noticePeriods: pages.flatMap((p) => p.noticePeriods.map(({ index: _i, ...n }) => ({ ...n, page: p.page }))),
    names: pages.flatMap((p) => p.names.map((n) => ({ kind: n.kind, name: n.name, page: p.page }))),
  };
}

export { type AreaMatch, type AreaUnit, areaToHa, extractAreas, M2_PER } from "./areas.ts";
export { type DateMatch, extractDates, isoDate } from "./dates.ts";
export { type DocNumberMatch, extractDocNumbers, KNOWN_ISSUERS, normalizeDocNumber } from "./doc-number.ts";
export { extractNames, type NameMatch } from "./names.ts";
export { normalizeForExtraction } from "./normalize.ts";
export { extractNoticePeriods, type NoticePeriodMatch, spanDays } from "./notice-periods.ts";
export { parseChineseNumber, parseNumber } from "./numerals.ts";
export { extractPlaces, type PlaceLevel, type PlaceMatch } from "./places.ts";
