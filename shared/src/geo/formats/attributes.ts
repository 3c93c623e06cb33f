/** Attribute fields of a parcel feature, found by the names GIS data of 国土 projects commonly use. */

export type ParcelField = "number" | "name" | "landClass" | "area" | "use";

/** Accepted field names per parcel field, compared case-insensitively after trimming. First match wins. */
export const FIELD_NAMES: Record<ParcelField, readonly string[]> = {
  number: ["地块编号", "DKBH", "BH", "parcel_no", "parcelno", "parcel_number", "编号"],
  name: ["地块名称", "DKMC", "MC", "name", "名称"],
  landClass: ["地类编码", "DLBM", "land_class"],
  area: ["地块面积", "DKMJ", "MJ", "area_ha", "面积"],
  use: ["地块用途", "DKYT", "YT", "land_use", "用途"],
};

/** The GIS column names the writers use (ASCII: GeoPackage's binding and many DBF tools cannot take Chinese names). */
export const WRITE_FIELD_NAMES: Record<ParcelField, string> = {
  number: "DKBH",
  name: "DKMC",
  landClass: "DLBM",
  area: "DKMJ",
  use: "DKYT",
};

export interface ParcelAttributes {
  number: string | null;
  name: string;
  landClass: string;
  use: string;
  /** 地块面积 as written (公顷), or null when absent/empty. */
  area: { value: number; decimals: number } | null;
  /** The area value when present but not a number. */
  badArea: string | null;
  /** The field the number came from, or null. */
  numberField: string | null;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return "";
}

function find(props: Record<string, unknown>, field: ParcelField): { key: string; value: unknown } | null {
  const keys = Object.keys(props);
  for (const want of FIELD_NAMES[field]) {
    const key = keys.find((k) => k.trim().toLowerCase() === want.toLowerCase());
    if (key !== undefined && text(props[key]) !== "") return { key, value: props[key] };
  }
  return null;
}

function decimalsOf(s: string): number {
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

export function parcelAttributes(props: Record<string, unknown>): ParcelAttributes {
  const number = find(props, "number");
  const area = find(props, "area");
  let parsedArea: ParcelAttributes["area"] = null;
  let badArea: string | null = null;
  if (area) {
    const s = text(area.value);
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) && Number.isFinite(Number(s))) {
      // A DBF/GeoPackage number comes as a double: its shortest decimal form is what the author typed.
      const n = Number(s);
      parsedArea = { value: n, decimals: decimalsOf(/e/i.test(s) ? String(n) : s) };
    } else badArea = s;
  }
  return {
    number: number ? text(number.value) : null,
    numberField: number?.key ?? null,
    name: text(find(props, "name")?.value),
    landClass: text(find(props, "landClass")?.value),
    use: text(find(props, "use")?.value),
    area: parsedArea,
    badArea,
  };
}
