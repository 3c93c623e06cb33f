/**
 * How the 审查意见书 writes numbers, dates and codes — one place, so DOCX, PDF and the map agree.
 *
 * Areas: the report's AreaFigures are already rounded (m² 0.01, 公顷 0.0001, 亩 0.01, balanced by
 * the engine), so they are only *printed* here with exactly those decimals and a thousands
 * separator in the integer part (12,345.67 m², 1.2346 公顷, 18.52 亩). Nothing here rounds an area
 * to fewer digits than the report holds; the one place that derives figures (a parcel's 公顷 and 亩
 * from its plane m²) uses areaFigures from geo/crs, i.e. the contract's own rule.
 */
import { AREA_PRECISION, type AreaUnit } from "../../../geo/crs/area.ts";
import type { AreaFigures } from "../types.ts";

const grouping = new Map<number, Intl.NumberFormat>();

function formatterFor(digits: number): Intl.NumberFormat {
  let f = grouping.get(digits);
  if (!f) {
    // en-US grouping (comma every 3 digits, dot decimal) is what 勘测定界 and 报批 tables print.
    f = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
    grouping.set(digits, f);
  }
  return f;
}

/** A number with `digits` decimals and thousands separators; "—" for a non-finite value. */
export function formatNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return "—";
  const s = formatterFor(digits).format(value);
  return s === `-${formatterFor(digits).format(0)}` ? formatterFor(digits).format(0) : s; // no "-0.00"
}

/** An area in one unit at that unit's AREA_PRECISION. */
export function formatArea(value: number, unit: AreaUnit): string {
  return formatNumber(value, AREA_PRECISION[unit]);
}

/** [m², 公顷, 亩] cells of one AreaFigures. */
export function areaCells(a: AreaFigures): [string, string, string] {
  return [formatArea(a.m2, "m2"), formatArea(a.ha, "ha"), formatArea(a.mu, "mu")];
}

/** "12,345.67 平方米（1.2346 公顷，18.52 亩）" for running text. */
export function formatAreaText(a: AreaFigures): string {
  return `${formatArea(a.m2, "m2")} 平方米（${formatArea(a.ha, "ha")} 公顷，${formatArea(a.mu, "mu")} 亩）`;
}

/** A ratio as a percentage with 2 decimals: 0.0123 → "1.23%". */
export function formatPercent(ratio: number): string {
  return `${formatNumber(ratio * 100, 2)}%`;
}

const CHINA_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * "2026年11月27日" in Beijing time (an ISO instant near midnight UTC belongs to the next day there).
 * Returns the input unchanged when it is no date, so a bad value is visible rather than hidden.
 */
export function formatDateZh(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const [y, m, day] = CHINA_DATE.format(d).split("-");
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"));
}
