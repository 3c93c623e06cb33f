/**
 * GeoJSON reader. RFC 7946 GeoJSON is lon/lat (WGS84, taken as CGCS2000: see crs.ts); the pre-RFC `crs`
 * member is honoured when it names an EPSG code, so GK-plane GeoJSON exported by QGIS/GDAL reads too.
 * Feature lines are found by scanning the text for the n-th `"type": "Feature"` (JSON.parse gives none).
 */
import { decodeTxtBytes } from "../txt/index.ts";
import { type CrsInfo, crsFromEpsg } from "./crs.ts";
import { buildParcels, type SourceFeature } from "./features.ts";
import { type GeometryLike, polygonsOf } from "./geometry-parts.ts";
import { issueList } from "./issues.ts";
import type { ParcelFileReadResult, ReadParcelFileOptions } from "./types.ts";

interface FeatureLike {
  type?: unknown;
  geometry?: GeometryLike | null;
  properties?: Record<string, unknown> | null;
}

function lineStarts(text: string, pattern: RegExp): number[] {
  const lines: number[] = [];
  let line = 1;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    lines.push(line);
  }
  return lines;
}

interface GeoJsonDoc {
  type?: unknown;
  features?: unknown;
  crs?: { properties?: { name?: unknown } };
}

function parseJson(text: string, fail: (message: string) => void): GeoJsonDoc | null {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return v as GeoJsonDoc;
    fail("not a JSON object");
  } catch (e) {
    fail((e as Error).message);
  }
  return null;
}

export function readGeoJson(bytes: Uint8Array, fileName: string, options: ReadParcelFileOptions): ParcelFileReadResult {
  const list = issueList(fileName);
  const decoded = decodeTxtBytes(bytes);
  const doc = parseJson(decoded.text, (message) =>
    list.add("FMT_UNREADABLE", 0, `GeoJSON 解析失败：${message}`, `GeoJSON does not parse: ${message}`),
  );
  let rawFeatures: FeatureLike[] = [];
  if (doc && doc.type === "FeatureCollection" && Array.isArray(doc.features)) rawFeatures = doc.features as FeatureLike[];
  else if (doc && doc.type === "Feature") rawFeatures = [doc as FeatureLike];
  else if (doc && typeof doc.type === "string" && "coordinates" in doc) rawFeatures = [{ type: "Feature", geometry: doc as GeometryLike }];
  else if (doc)
    list.add("FMT_UNREADABLE", 0, "不是 GeoJSON（缺少 FeatureCollection/Feature）", "not GeoJSON (no FeatureCollection or Feature)");

  let crs: CrsInfo = { kind: "geographic", name: "WGS84/CGCS2000 经纬度 (RFC 7946)" };
  let crsSource = "GeoJSON 经纬度";
  const named = doc?.crs?.properties?.name;
  if (typeof named === "string") {
    const m = /EPSG:{1,2}(\d+)\s*$/i.exec(named);
    crs = m ? crsFromEpsg(Number(m[1]), named) : /CRS84$/i.test(named) ? crs : { kind: "unknown", name: named };
    crsSource = `GeoJSON crs ${named}`;
  }
  const lines = lineStarts(decoded.text, /"type"\s*:\s*"Feature"/g);
  const features: SourceFeature[] = rawFeatures.map((f, i) => ({
    feature: i + 1,
    line: lines[i] ?? 0,
    properties: f.properties ?? {},
    ...polygonsOf(f.geometry),
  }));
  return buildParcels({
    file: fileName,
    format: "geojson",
    features,
    crs,
    crsSource,
    list,
    options,
    ringConvention: crs.kind === "geographic" ? "counter-clockwise-outer" : "none",
    encoding: decoded.encoding,
  });
}
