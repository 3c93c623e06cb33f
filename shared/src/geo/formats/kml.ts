/**
 * KML / KMZ reader (@tmcw/togeojson on an @xmldom/xmldom DOM). KML is lon/lat WGS84, taken as CGCS2000
 * (see crs.ts); its outer boundaries run counter-clockwise. A placemark's ExtendedData become the
 * attributes, and its <name> is the parcel number when no number field is present. Each feature is
 * located by the line of its <Placemark> (xmldom records it).
 */
import { kml } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import { decodeTxtBytes } from "../txt/index.ts";
import { buildParcels, type SourceFeature } from "./features.ts";
import { type GeometryLike, polygonsOf } from "./geometry-parts.ts";
import { issueList } from "./issues.ts";
import type { ParcelFileInput, ParcelFileReadResult, ReadParcelFileOptions } from "./types.ts";
import { unzipFiles } from "./zip.ts";

export function readKml(
  bytes: Uint8Array,
  fileName: string,
  options: ReadParcelFileOptions,
  format: "kml" | "kmz" = "kml",
): ParcelFileReadResult {
  const list = issueList(fileName);
  const decoded = decodeTxtBytes(bytes);
  const features: SourceFeature[] = [];
  try {
    const problems: string[] = [];
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") problems.push(message);
      },
    }).parseFromString(decoded.text, "text/xml");
    if (problems.length > 0) throw new Error(problems[0]);
    const placemarkLines = Array.from(doc.getElementsByTagName("Placemark")).map(
      (p) => (p as unknown as { lineNumber?: number }).lineNumber ?? 0,
    );
    kml(doc).features.forEach((f, i) => {
      features.push({
        feature: i + 1,
        line: placemarkLines[i] ?? 0,
        properties: (f.properties ?? {}) as Record<string, unknown>,
        ...polygonsOf(f.geometry as GeometryLike | null),
      });
    });
  } catch (e) {
    list.add("FMT_UNREADABLE", 0, `KML 解析失败：${(e as Error).message}`, `KML does not parse: ${(e as Error).message}`);
  }
  return buildParcels({
    file: fileName,
    format,
    features,
    crs: { kind: "geographic", name: "KML WGS84 经纬度" },
    crsSource: "KML 经纬度",
    list,
    options,
    ringConvention: "counter-clockwise-outer",
    encoding: decoded.encoding,
    nameIsNumber: true,
  });
}

/** KMZ: a zip with one KML (doc.kml by convention, else the first .kml). */
export async function readKmz(bytes: Uint8Array, fileName: string, options: ReadParcelFileOptions): Promise<ParcelFileReadResult> {
  let files: ParcelFileInput[] = [];
  try {
    files = await unzipFiles(bytes);
  } catch {
    files = [];
  }
  const kmls = files.filter((f) => /\.kml$/i.test(f.fileName));
  const doc = kmls.find((f) => /(^|\/)doc\.kml$/i.test(f.fileName)) ?? kmls[0];
  if (!doc) {
    const r = readKml(new Uint8Array(), fileName, options, "kmz");
    r.issues.unshift({
      severity: "error",
      code: "FMT_UNREADABLE",
      messageZh: "KMZ 中没有 KML 文件（或不是 zip）",
      message: "no KML inside the KMZ (or not a zip)",
      file: fileName,
      line: 0,
    });
    r.ok = false;
    return r;
  }
  return readKml(doc.bytes, fileName, options, "kmz");
}
