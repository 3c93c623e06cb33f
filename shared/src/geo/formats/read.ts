/**
 * One entry point for every boundary format, chosen by file extension: .txt (MNR 部标 TXT), .shp (with
 * its .dbf/.shx/.prj/.cpg given alongside) or .zip (a Shapefile set inside), .geojson/.json, .gpkg,
 * .dxf, .kml, .kmz. Never throws for bad content: problems become located issues. AppError
 * VALIDATION_FAILED for bad options.
 */
import { z } from "zod";
import { AppError } from "../../errors/app-error.ts";
import { readBoundaryTxt } from "../txt/index.ts";
import { zoneOption } from "./crs.ts";
import { readGeoJson } from "./geojson.ts";
import { issueList } from "./issues.ts";
import type { ParcelFileInput, ParcelFileReadResult, ParcelFormat, ReadParcelFileOptions } from "./types.ts";
import { unzipFiles } from "./zip.ts";

const optionsSchema = z.object({
  zone: z
    .number()
    .int()
    .refine((n) => zoneOption(n) !== null, { message: "zone must be a CGCS2000 3° zone 25–45 or 6° zone 13–23" })
    .optional(),
  encoding: z.enum(["gbk", "utf8"]).optional(),
  areaTolerance: z.number().finite().nonnegative().max(1).optional(),
});

const EXTENSIONS: Record<string, ParcelFormat> = {
  txt: "txt",
  shp: "shp",
  zip: "shp",
  geojson: "geojson",
  json: "geojson",
  gpkg: "gpkg",
  dxf: "dxf",
  kml: "kml",
  kmz: "kmz",
};

/** Format of a file name by its extension; null when not supported. */
export function formatOfFileName(fileName: string): ParcelFormat | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return EXTENSIONS[ext] ?? null;
}

/**
 * Reads one boundary file. `input` is one file, or several for a Shapefile given as separate files
 * (.shp .shx .dbf .prj .cpg): the first .shp names the set.
 */
export async function readParcelFile(
  input: ParcelFileInput | readonly ParcelFileInput[],
  options: ReadParcelFileOptions = {},
): Promise<ParcelFileReadResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `readParcelFile options: ${parsed.error.message}`, {
      messageZh: "读取地块边界文件的参数无效（投影带须为 3 度带 25–45 或 6 度带 13–23）",
      location: { field: String(parsed.error.issues[0]?.path[0] ?? "options") },
      details: parsed.error.issues,
    });
  }
  const o = parsed.data as ReadParcelFileOptions;
  const files = Array.isArray(input) ? (input as readonly ParcelFileInput[]) : [input as ParcelFileInput];
  const main = files.find((f) => /\.shp$/i.test(f.fileName)) ?? files[0];
  if (!main) throw new AppError("VALIDATION_FAILED", "readParcelFile: no file", { messageZh: "没有文件", location: { field: "input" } });
  const fileName = main.fileName;
  const format = formatOfFileName(fileName);
  // Format readers load their libraries on first use: every `land` command and the portal import this
  // module, and the Shapefile/GeoPackage/KML/DXF libraries cost ≈ 0.9 s of start-up together.
  switch (format) {
    case "txt": {
      const r = readBoundaryTxt(main.bytes, { fileName, ...(o.areaTolerance === undefined ? {} : { areaTolerance: o.areaTolerance }) });
      return { ...r, format: "txt", crsSource: r.epsg === null ? "TXT 属性描述" : `EPSG:${r.epsg}（TXT 属性描述/Y 带号前缀）` };
    }
    case "shp": {
      if (/\.zip$/i.test(fileName)) {
        let inner: ParcelFileInput[] = [];
        try {
          inner = await unzipFiles(main.bytes);
        } catch (e) {
          const list = issueList(fileName);
          list.add("FMT_UNREADABLE", 0, `zip 文件无法解压：${(e as Error).message}`, `the zip does not open: ${(e as Error).message}`);
          const { readShapefileSet } = await import("./shapefile.ts");
          return readShapefileSet([], fileName, o).then((r) => ({ ...r, ok: false, issues: [...list.issues, ...r.issues] }));
        }
        const { readShapefileSet } = await import("./shapefile.ts");
        return readShapefileSet(inner, fileName, o);
      }
      const { readShapefileSet } = await import("./shapefile.ts");
      return readShapefileSet(files, fileName, o);
    }
    case "geojson":
      return readGeoJson(main.bytes, fileName, o);
    case "gpkg":
      return (await import("./gpkg.ts")).readGeoPackage(main.bytes, fileName, o);
    case "dxf":
      return (await import("./dxf.ts")).readDxf(main.bytes, fileName, o);
    case "kml":
      return (await import("./kml.ts")).readKml(main.bytes, fileName, o);
    case "kmz":
      return (await import("./kml.ts")).readKmz(main.bytes, fileName, o);
    default: {
      throw new AppError("VALIDATION_FAILED", `unsupported boundary file type: ${fileName}`, {
        messageZh: `不支持的地块边界文件类型：${fileName}（支持 .txt .shp .zip .geojson .json .gpkg .dxf .kml .kmz）`,
        location: { file: fileName, field: "fileName" },
      });
    }
  }
}
