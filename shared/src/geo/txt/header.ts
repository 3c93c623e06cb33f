/** The [属性描述] section: canonical keys, accepted spellings, value parsers. */
import type { ZoneWidth } from "../crs/index.ts";
import type { TxtAreaUnit, TxtHeader } from "./types.ts";

export type HeaderTextField =
  | "formatVersion"
  | "producer"
  | "producedOn"
  | "coordinateSystem"
  | "projection"
  | "unit"
  | "precision"
  | "transformParameters";
export type HeaderField = HeaderTextField | "zoneWidth" | "zone";

/** Canonical key order (the order the writer uses) and the spellings real files use for each key (spaces removed before matching). */
export const HEADER_FIELDS: readonly { field: HeaderField; key: string; pattern: RegExp }[] = [
  { field: "formatVersion", key: "格式版本号", pattern: /^(格式)?版本号?$|^格式版本$/ },
  { field: "producer", key: "数据产生单位", pattern: /^(数据)?(产生|生产|提供)单位$/ },
  { field: "producedOn", key: "数据产生日期", pattern: /^(数据)?(产生|生产|提供)日期$/ },
  { field: "coordinateSystem", key: "坐标系", pattern: /^坐标系(统|名称)?$/ },
  { field: "zoneWidth", key: "几度分带", pattern: /^(几度)?分带(方式|类型|宽度)?$|^投影分带$/ },
  { field: "projection", key: "投影类型", pattern: /^投影(类型|方式|方法)?$/ },
  { field: "unit", key: "计量单位", pattern: /^(坐标)?(计量)?单位$/ },
  { field: "zone", key: "带号", pattern: /^(投影)?带号$|^分带号$/ },
  { field: "precision", key: "精度", pattern: /^(坐标)?精度$/ },
  { field: "transformParameters", key: "转换参数", pattern: /^(坐标)?转换参数$/ },
];

/** 面积单位=…, 地块面积单位=…, 面积计量单位=… */
export const AREA_UNIT_KEY = /^(地块)?面积(计量)?单位$/;
/** 中央经线=105 / 中央子午线=105: a zone when 带号 is missing. */
export const CENTRAL_MERIDIAN_KEY = /^中央(经线|子午线)$/;

export function fieldForKey(key: string): HeaderField | null {
  return HEADER_FIELDS.find((f) => f.pattern.test(key))?.field ?? null;
}

/** "3", "3度", "3度带", "三度分带", "3°" → 3; likewise 6. null if not recognisable. */
export function parseZoneWidth(value: string): ZoneWidth | null {
  const v = value.replace(/\s+/g, "");
  if (/^(3|三)(度|°)?(分)?带?$/.test(v)) return 3;
  if (/^(6|六)(度|°)?(分)?带?$/.test(v)) return 6;
  return null;
}

/** "35", "35带", "第35带" → 35; null if there is no number. */
export function parseZone(value: string): number | null {
  const m = /^第?(\d{1,2})带?$/.exec(value.replace(/\s+/g, ""));
  return m?.[1] ? Number(m[1]) : null;
}

export function parseAreaUnit(value: string): TxtAreaUnit | null {
  const v = value.replace(/\s+/g, "").toLowerCase();
  if (/^(公顷|ha|hm2|hm²|hm\^2)$/.test(v)) return "ha";
  if (/^(平方米|m2|m²|㎡|m\^2|平米)$/.test(v)) return "m2";
  if (/^(亩|mu)$/.test(v)) return "mu";
  return null;
}

export function emptyHeader(): TxtHeader {
  return {
    formatVersion: "",
    producer: "",
    producedOn: "",
    coordinateSystem: "",
    zoneWidth: null,
    projection: "",
    unit: "",
    zone: null,
    precision: "",
    transformParameters: "",
    areaUnit: "ha",
    extra: [],
  };
}
