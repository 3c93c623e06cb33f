/** A read parcel's rings as polygons (outer ring + its holes), in GK plane or lon/lat, for the writers. */
import { AppError } from "../../errors/app-error.ts";
import type { ZoneSpec } from "../crs/index.ts";
import type { Parcel, TxtRing } from "../txt/index.ts";

/** Parts of a parcel: each outer ring with the holes whose parent it is. Rings keep the survey orientation (outer clockwise). */
export function polygonsOfParcel(p: Parcel): TxtRing[][] {
  const outers = p.rings.filter((r) => r.role === "outer");
  return outers.map((o) => [o, ...p.rings.filter((h) => h.role === "hole" && h.parent === o.ringNumber)]);
}

/** The zone of a parcel, required by the writers of plane formats. */
export function zoneOfParcel(p: Parcel, fallback: ZoneSpec | null): ZoneSpec {
  const zone = p.zone ?? fallback;
  if (!zone) {
    throw new AppError("VALIDATION_FAILED", `parcel ${p.number}: zone unknown, cannot write`, {
      messageZh: `地块 ${p.number} 的投影带未知，无法写出`,
      location: { parcel: p.number },
    });
  }
  return { width: zone.width, zone: zone.zone, prefixed: false };
}

/** Closed ring in GIS order [easting, northing] without zone prefix. */
export function planeRing(r: TxtRing): [number, number][] {
  const ring = r.points.map((pt): [number, number] => [pt.y, pt.x]);
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return ring;
}

export function requireGeometry(p: Parcel): NonNullable<Parcel["geometry"]> {
  if (!p.geometry) {
    throw new AppError("VALIDATION_FAILED", `parcel ${p.number} has no geometry, cannot write`, {
      messageZh: `地块 ${p.number} 没有可用的图形，无法写出`,
      location: { parcel: p.number },
    });
  }
  return p.geometry;
}

/** Attributes every GIS writer puts on a parcel (ASCII names, see attributes.ts WRITE_FIELD_NAMES). */
export function parcelProperties(p: Parcel): Record<string, string | number | null> {
  return {
    DKBH: p.number,
    DKMC: p.name,
    DLBM: p.landClass,
    DKYT: p.use,
    DKMJ: p.declaredAreaHa === null ? null : Math.round(p.declaredAreaHa * 1e4) / 1e4,
    PMMJ: p.planeAreaM2 === null ? null : Math.round(p.planeAreaM2 * 100) / 100,
    TQMJ: p.ellipsoidalAreaM2 === null ? null : Math.round(p.ellipsoidalAreaM2 * 100) / 100,
  };
}
