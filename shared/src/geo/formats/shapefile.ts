/// <reference path="./vendor.d.ts" />
/**
 * Shapefile reader (the `shapefile` library): .shp + .dbf required, .prj for the CRS, .cpg for the
 * attribute encoding (GBK is what Chinese ArcGIS data usually carries). Without .cpg the .dbf is read
 * as UTF-8 when its bytes are valid UTF-8, else as GBK (see ../txt/decode.ts for why that is safe).
 * Features are numbered from 1 in file order; shapefile rings run clockwise around the outside, as the
 * survey convention does.
 */
import * as shapefile from "shapefile";
import { encodingFromCpg } from "./cpg.ts";
import { crsFromWkt } from "./crs.ts";
import { buildParcels, type SourceFeature } from "./features.ts";
import { polygonsOf } from "./geometry-parts.ts";
import { issueList } from "./issues.ts";
import type { ParcelFileInput, ParcelFileReadResult, ReadParcelFileOptions } from "./types.ts";

function ext(name: string): string {
  return /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
}

function stem(name: string): string {
  return name.replace(/\.[^./\\]+$/, "");
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Reads the Shapefile set among `files` (the first .shp and the parts with its name). */
export async function readShapefileSet(
  files: readonly ParcelFileInput[],
  fileName: string,
  options: ReadParcelFileOptions,
): Promise<ParcelFileReadResult> {
  const list = issueList(fileName);
  const shps = files.filter((f) => ext(f.fileName) === "shp").sort((a, b) => a.fileName.localeCompare(b.fileName));
  const shp = shps[0];
  const part = (e: string): ParcelFileInput | undefined =>
    shp ? files.find((f) => ext(f.fileName) === e && stem(f.fileName).toLowerCase() === stem(shp.fileName).toLowerCase()) : undefined;
  const dbf = part("dbf");
  const prj = part("prj");
  const cpg = part("cpg");
  const build = (features: SourceFeature[], crs: ReturnType<typeof crsFromWkt> | null, crsSource: string, encoding: "gbk" | "utf8") =>
    buildParcels({ file: fileName, format: "shp", features, crs, crsSource, list, options, ringConvention: "clockwise-outer", encoding });
  if (!shp || !dbf) {
    list.add(
      "FMT_PART_MISSING",
      0,
      `Shapefile 缺少${shp ? "" : " .shp"}${dbf ? "" : " .dbf"} 文件`,
      `the Shapefile set lacks${shp ? "" : " .shp"}${dbf ? "" : " .dbf"}`,
    );
    return build([], null, "", "utf8");
  }
  if (shps.length > 1) {
    list.add(
      "FMT_EXTRA_LAYERS",
      0,
      `含 ${shps.length} 个 .shp 文件，只读取 ${shp.fileName}`,
      `${shps.length} .shp files; only ${shp.fileName} is read`,
    );
  }
  let encoding: "gbk" | "utf8";
  const fromCpg = cpg ? encodingFromCpg(new TextDecoder().decode(cpg.bytes)) : null;
  if (options.encoding) encoding = options.encoding;
  else if (fromCpg) encoding = fromCpg;
  else {
    // Only the field names and records are text; the header's binary counts may be any byte.
    const headerLength = dbf.bytes.length >= 12 ? new DataView(dbf.bytes.buffer, dbf.bytes.byteOffset).getUint16(8, true) : 0;
    const names: Uint8Array[] = [];
    for (let at = 32; at + 32 <= headerLength; at += 32) names.push(dbf.bytes.subarray(at, at + 11));
    encoding = names.every(isUtf8) && isUtf8(dbf.bytes.subarray(headerLength)) ? "utf8" : "gbk";
    list.add(
      "FMT_CPG_MISSING",
      0,
      `${cpg ? ".cpg 内容无法识别" : "缺少 .cpg 文件"}，属性按 ${encoding === "gbk" ? "GBK" : "UTF-8"} 读取`,
      `${cpg ? ".cpg not understood" : "no .cpg"}; attributes read as ${encoding === "gbk" ? "GBK" : "UTF-8"}`,
    );
  }
  let crs: ReturnType<typeof crsFromWkt> | null = null;
  let crsSource = "";
  if (prj) {
    crs = crsFromWkt(new TextDecoder().decode(prj.bytes));
    crsSource = `${crs.name} (.prj)`;
  } else {
    list.add(
      "FMT_PRJ_MISSING",
      0,
      "缺少 .prj 坐标系文件，投影带取自参数（--zone）或 Y 坐标的带号前缀",
      "no .prj; the zone comes from --zone or the zone prefix of the eastings",
    );
  }
  let features: SourceFeature[] = [];
  try {
    const collection = await shapefile.read(shp.bytes, dbf.bytes, { encoding: encoding === "gbk" ? "gbk" : "utf-8" });
    features = collection.features.map((f, i) => ({
      feature: i + 1,
      line: 0,
      properties: f.properties ?? {},
      ...polygonsOf(f.geometry),
    }));
  } catch (e) {
    list.add("FMT_UNREADABLE", 0, `Shapefile 无法解析：${(e as Error).message}`, `Shapefile does not parse: ${(e as Error).message}`);
    return build([], crs, crsSource, encoding);
  }
  return build(features, crs, crsSource, encoding);
}
