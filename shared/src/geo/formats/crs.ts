/**
 * Coordinate reference systems of boundary files: recognising CGCS2000 Gauss–Krüger zones and geographic
 * CGCS2000/WGS84 from an EPSG code or a WKT (.prj of ArcGIS/QGIS, GeoPackage srs definition, WKT1 or WKT2),
 * and writing the WKT of a zone.
 *
 * GeoJSON, KML and WGS84 data in general are treated as CGCS2000: the two frames differ by a few
 * centimetres in China (both geocentric, ellipsoids with the same a and flattening to 1e-10), far below
 * the accuracy of any boundary survey converted through lon/lat.
 */
import {
  CGCS2000_EPSG,
  centralMeridian,
  epsgFor,
  isGaussKrugerEpsg,
  isValidZone,
  type ZoneSpec,
  type ZoneWidth,
  zoneFromEpsg,
} from "../crs/index.ts";

export type CrsInfo =
  | { kind: "plane"; zone: ZoneSpec; epsg: number; name: string }
  | { kind: "geographic"; name: string }
  | { kind: "unsupported"; name: string }
  | { kind: "unknown"; name: string };

/** Zone number → spec: 25–45 are 3° zones, 13–23 6° zones (the ranges do not overlap). */
export function zoneOption(zone: number): { width: ZoneWidth; zone: number } | null {
  if (isValidZone(3, zone)) return { width: 3, zone };
  if (isValidZone(6, zone)) return { width: 6, zone };
  return null;
}

export function crsFromEpsg(code: number, name = `EPSG:${code}`): CrsInfo {
  if (isGaussKrugerEpsg(code)) return { kind: "plane", zone: zoneFromEpsg(code), epsg: code, name };
  if (code === CGCS2000_EPSG || code === 4326 || code === 4479 || code === 4480) return { kind: "geographic", name };
  if ([2327, 2328, 4610, 4214].includes(code) || (code >= 2331 && code <= 2442) || (code >= 21413 && code <= 21483))
    return { kind: "unsupported", name };
  return { kind: "unknown", name };
}

const NOT_CGCS2000 = /xian|xi'an|西安|beijing|北京|1954|1980|krassowsky|krasovsky|IAG_1975/i;
const CGCS2000 = /CGCS|China[_ ]?(Geodetic[_ ]Coordinate[_ ]System[_ ])?2000|China_2000|2000国家/i;

function param(wkt: string, names: RegExp): number | null {
  for (const m of wkt.matchAll(/PARAMETER\[\s*"([^"]+)"\s*,\s*([-+\d.eE]+)/gi)) {
    if (names.test(m[1] ?? "")) return Number(m[2]);
  }
  return null;
}

/** The zone named in a projected CRS name: "CGCS2000 / 3-degree Gauss-Kruger zone 35", "CGCS2000_3_Degree_GK_CM_105E", … */
function zoneFromName(name: string): ZoneSpec | null {
  const n = name.replace(/[_\s-]+/g, " ");
  const three = /\b3 Degree\b/i.test(n);
  const zoneM = /(?:GK|Gauss Kruger) Zone (\d{2})\b/i.exec(n);
  const cmM = /(?:GK|Gauss Kruger) CM (\d{2,3})E\b/i.exec(n);
  const width: ZoneWidth = three ? 3 : 6;
  if (zoneM) {
    const zone = Number(zoneM[1]);
    return isValidZone(width, zone) ? { width, zone, prefixed: true } : null;
  }
  if (cmM) {
    const cm = Number(cmM[1]);
    const zone = width === 3 ? cm / 3 : (cm + 3) / 6;
    return isValidZone(width, zone) ? { width, zone, prefixed: false } : null;
  }
  return null;
}

/**
 * CRS of a WKT. The outermost EPSG authority wins when it is a known one; otherwise the name, then the
 * projection parameters (central meridian, false easting) decide. A central meridian that is both a 3°
 * and a 6° one (e.g. 105°E: 3° zone 35, 6° zone 18) is taken as 3° unless the name says otherwise:
 * 勘测定界 and cadastral data at 1:500–1:2000 use 3° zones.
 */
export function crsFromWkt(wkt: string): CrsInfo {
  const text = wkt.trim();
  const name = /^\s*[A-Z_]+\[\s*"([^"]*)"/i.exec(text)?.[1] ?? text.slice(0, 80);
  const authorities = [...text.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const last = authorities[authorities.length - 1];
  // WKT1 writes the CRS's own AUTHORITY last; WKT2 its ID last as well.
  if (last) {
    const byCode = crsFromEpsg(Number(last[1]), name);
    if (byCode.kind !== "unknown") return byCode;
  }
  if (NOT_CGCS2000.test(text) && !CGCS2000.test(text)) return { kind: "unsupported", name };
  const projected = /^\s*(PROJCS|PROJCRS|PROJECTEDCRS)\[/i.test(text);
  if (!projected) {
    if (/^\s*(GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\[/i.test(text) && (CGCS2000.test(text) || /WGS[_ ]?(19)?84/i.test(text)))
      return { kind: "geographic", name };
    return { kind: "unknown", name };
  }
  if (!CGCS2000.test(text)) return { kind: "unknown", name };
  const named = zoneFromName(name);
  const cm = param(text, /^(central[_ ]meridian|longitude[_ ]of[_ ]natural[_ ]origin|longitude[_ ]of[_ ]origin)$/i);
  const fe = param(text, /^false[_ ]easting$/i);
  const scale = param(text, /^scale[_ ]factor(\s+at\s+natural\s+origin)?$/i);
  if (scale !== null && Math.abs(scale - 1) > 1e-9) return { kind: "unknown", name };
  let spec: ZoneSpec | null = named;
  if (cm !== null) {
    const prefixedByFe = fe !== null && fe >= 1e7;
    const widths: ZoneWidth[] = /\b6[_ ]?Degree\b/i.test(name) ? [6] : [3, 6];
    spec = null;
    for (const width of named ? [named.width] : widths) {
      const zone = prefixedByFe && fe !== null ? Math.floor(fe / 1e6) : width === 3 ? cm / 3 : (cm + 3) / 6;
      if (isValidZone(width, zone) && centralMeridian({ width, zone }) === cm) {
        spec = { width, zone, prefixed: prefixedByFe };
        break;
      }
    }
  }
  if (!spec) return { kind: "unknown", name };
  return { kind: "plane", zone: spec, epsg: epsgFor(spec), name };
}

/** The EPSG name of a zone: "CGCS2000 / 3-degree Gauss-Kruger CM 105E", "CGCS2000 / Gauss-Kruger zone 18". */
export function zoneName(spec: ZoneSpec): string {
  return `CGCS2000 / ${spec.width === 3 ? "3-degree " : ""}Gauss-Kruger ${spec.prefixed ? `zone ${spec.zone}` : `CM ${centralMeridian(spec)}E`}`;
}

/** ESRI-style WKT (.prj) of a CGCS2000 Gauss–Krüger zone, with the EPSG name and code, as ArcGIS and QGIS read it. */
export function zoneWkt(spec: ZoneSpec): string {
  const cm = centralMeridian(spec);
  const epsg = epsgFor(spec);
  const fe = spec.prefixed ? spec.zone * 1e6 + 500000 : 500000;
  const label = zoneName(spec);
  return (
    `PROJCS["${label}",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],` +
    `PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],` +
    `PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",${cm}],PARAMETER["scale_factor",1],` +
    `PARAMETER["false_easting",${fe}],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","${epsg}"]]`
  );
}

export function zoneLabel(spec: { width: ZoneWidth; zone: number }): string {
  return `${spec.width}° 第 ${spec.zone} 带`;
}
